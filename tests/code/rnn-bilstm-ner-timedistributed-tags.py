# Pattern: a BiLSTM sequence tagger (NER/POS tutorials): Input(shape=(max_len,)), Embedding(input_dim=n_words + 1, output_dim=50), SpatialDropout1D, Bidirectional(LSTM(units=100, return_sequences=True, recurrent_dropout=0.1)), TimeDistributed(Dense(n_tags, activation="softmax"))
from tensorflow.keras.models import Model
from tensorflow.keras.layers import Input, Embedding, SpatialDropout1D, Bidirectional, LSTM, TimeDistributed, Dense

max_len = 75
n_words = 35178
n_tags = 17

input_word = Input(shape=(max_len,))
model = Embedding(input_dim=n_words + 1, output_dim=50)(input_word)
model = SpatialDropout1D(0.1)(model)
model = Bidirectional(LSTM(units=100, return_sequences=True, recurrent_dropout=0.1))(model)
out = TimeDistributed(Dense(n_tags, activation="softmax"))(model)
model = Model(input_word, out)
model.summary()
