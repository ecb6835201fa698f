# Pattern: encoder-decoder LSTMs with keras.layers.Attention()([decoder_seq, encoder_seq]) and Concatenate before the softmax
import keras
from keras import layers

src_vocab, tgt_vocab, units = 900, 1100, 48

enc_in = keras.Input(shape=(None,), name="enc_tokens")
enc_emb = layers.Embedding(src_vocab, 32)(enc_in)
enc_seq, enc_h, enc_c = layers.LSTM(units, return_sequences=True, return_state=True)(enc_emb)

dec_in = keras.Input(shape=(None,), name="dec_tokens")
dec_emb = layers.Embedding(tgt_vocab, 32)(dec_in)
dec_seq = layers.LSTM(units, return_sequences=True)(dec_emb, initial_state=[enc_h, enc_c])

context = layers.Attention()([dec_seq, enc_seq])
combined = layers.Concatenate(axis=-1)([dec_seq, context])
outputs = layers.Dense(tgt_vocab, activation="softmax")(combined)
model = keras.Model([enc_in, dec_in], outputs)
