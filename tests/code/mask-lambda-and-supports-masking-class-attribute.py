# Pattern: a masked Embedding, a Lambda (whose call takes the mask: listed, then dropped), a class with supports_masking = True at class level, a Masking layer before an LSTM
import keras
from keras import layers


class Doubler(layers.Layer):
    supports_masking = True

    def call(self, inputs):
        return inputs * 2.0


tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
x = layers.Embedding(500, 8, mask_zero=True)(tokens)
y = Doubler()(x)
y = layers.GRU(8)(y)
z = layers.Lambda(lambda t: t * 0.5)(x)
z = layers.LSTM(8)(z)
steps = keras.Input(shape=(None, 3), name="steps")
w = layers.Masking(mask_value=0.0)(steps)
w = Doubler()(w)
w = layers.SimpleRNN(4)(w)
outputs = layers.Dense(1)(layers.concatenate([y, z, w]))
model = keras.Model([tokens, steps], outputs)
