# Pattern: a custom Layer with supports_masking = True between a masked Embedding and an LSTM
import keras
from keras import layers


class Scale(layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor
        self.supports_masking = True

    def call(self, inputs):
        return inputs * self.factor


inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(600, 16, mask_zero=True)(inputs)
x = Scale(4.0)(x)
x = layers.LSTM(16)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
