# Pattern: a Kaggle toxic-comments model: Embedding(max_features, embed_size) on Input(shape=(maxlen,)), SpatialDropout1D, Bidirectional(GRU(return_sequences=True)), GlobalAveragePooling1D and GlobalMaxPooling1D concatenated, six sigmoid outputs
from keras.models import Model
from keras.layers import Input, Dense, Embedding, SpatialDropout1D, concatenate, Bidirectional, GRU, GlobalAveragePooling1D, GlobalMaxPooling1D

max_features = 30000
maxlen = 100
embed_size = 300

inp = Input(shape=(maxlen,))
x = Embedding(max_features, embed_size)(inp)
x = SpatialDropout1D(0.2)(x)
x = Bidirectional(GRU(80, return_sequences=True))(x)
avg_pool = GlobalAveragePooling1D()(x)
max_pool = GlobalMaxPooling1D()(x)
conc = concatenate([avg_pool, max_pool])
outp = Dense(6, activation="sigmoid")(conc)
model = Model(inputs=inp, outputs=outp)
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
model.summary()
