# Pattern: video classifier: TimeDistributed(Conv2D/MaxPooling2D/Flatten) per frame, then an LSTM over frames
import keras
from keras import layers

frames, height, width = 8, 48, 48

inputs = keras.Input(shape=(frames, height, width, 3))
x = layers.TimeDistributed(layers.Conv2D(16, 3, activation="relu"))(inputs)
x = layers.TimeDistributed(layers.MaxPooling2D(2))(x)
x = layers.TimeDistributed(layers.Conv2D(32, 3, activation="relu"))(x)
x = layers.TimeDistributed(layers.GlobalAveragePooling2D())(x)
x = layers.LSTM(32)(x)
outputs = layers.Dense(4, activation="softmax")(x)
model = keras.Model(inputs, outputs)
