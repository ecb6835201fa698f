# Pattern: a Layer that prepends a learned class token (add_weight in build, ops.broadcast_to + ops.concatenate), then x[:, 0] slicing
import keras
from keras import layers, ops


class ClassToken(layers.Layer):
    def build(self, input_shape):
        self.cls = self.add_weight(name="cls", shape=(1, 1, input_shape[-1]), initializer="zeros", trainable=True)

    def call(self, x):
        batch_size = ops.shape(x)[0]
        cls = ops.broadcast_to(self.cls, (batch_size, 1, ops.shape(x)[-1]))
        return ops.concatenate([cls, x], axis=1)


inputs = keras.Input(shape=(64, 40))
x = layers.Dense(32)(inputs)
x = ClassToken()(x)
x = layers.MultiHeadAttention(num_heads=4, key_dim=8)(x, x)
x = x[:, 0]
outputs = layers.Dense(2)(x)
model = keras.Model(inputs, outputs)
