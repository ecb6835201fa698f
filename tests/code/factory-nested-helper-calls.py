# Pattern: one-line helpers composing layer calls (dense_bn(x, units)) and a helper building a reusable encoder Model
import keras
from keras import layers


def dense_bn(x, units):
    return layers.Activation("relu")(layers.BatchNormalization()(layers.Dense(units, use_bias=False)(x)))


def make_encoder(dim, width):
    inp = keras.Input(shape=(dim,))
    out = dense_bn(dense_bn(inp, width), width // 2)
    return keras.Model(inp, out, name=f"encoder_{width}")


encoder = make_encoder(30, 64)
inputs = keras.Input(shape=(30,))
z = encoder(inputs)
z = dense_bn(z, 16)
outputs = layers.Dense(1, activation="sigmoid")(z)
model = keras.Model(inputs, outputs)
