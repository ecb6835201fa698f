# Pattern: unpacking x.shape (_, h, w, c = x.shape) to size a Reshape into a sequence of h*w tokens
import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(24, 4, strides=4)(inputs)
_, h, w, c = x.shape
x = layers.Reshape((h * w, c))(x)
x = layers.MultiHeadAttention(num_heads=2, key_dim=c)(x, x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
