# Pattern: keras.config.set_dtype_policy("float16") before a layer class of the file's (its add_weight and its Dense sublayer in float16: 2 bytes a weight) and a float32 Dense
import keras
from keras import layers


class Scale(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")
        self.d = layers.Dense(4)

    def call(self, x):
        return self.d(x * self.w)


keras.config.set_dtype_policy("float16")
inputs = keras.Input(shape=(10,))
x = Scale()(inputs)
outputs = layers.Dense(2, dtype="float32")(x)
model = keras.Model(inputs, outputs)
