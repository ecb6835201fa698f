# Pattern: keras.mixed_precision.set_global_policy("mixed_float16"), int32 token ids into an Embedding(mask_zero=True), pooling, a float32 softmax
import keras
from keras import layers

keras.mixed_precision.set_global_policy("mixed_float16")

tokens = keras.Input(shape=(20,), dtype="int32", name="tokens")
x = layers.Embedding(100, 16, mask_zero=True)(tokens)
x = layers.GlobalAveragePooling1D()(x)
x = layers.Dense(32, activation="relu")(x)
x = layers.Dense(4)(x)
outputs = layers.Activation("softmax", dtype="float32", name="predictions")(x)
model = keras.Model(tokens, outputs)
