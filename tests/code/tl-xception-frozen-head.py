# Pattern: keras.applications.Xception frozen base with a Rescaling input and small dense head
import keras
from keras import layers

conv_base = keras.applications.Xception(weights=None, include_top=False, input_shape=(150, 150, 3))
conv_base.trainable = False

inputs = keras.Input(shape=(150, 150, 3))
x = layers.Rescaling(scale=1 / 127.5, offset=-1)(inputs)
x = conv_base(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.25)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
