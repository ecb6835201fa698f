# Pattern: a small functional CNN applied to every frame by TimeDistributed, then an LSTM
import keras
from keras import layers
i = keras.Input((32, 32, 3))
x = layers.Conv2D(8, 3, activation="relu")(i)
x = layers.GlobalAveragePooling2D()(x)
cnn = keras.Model(i, x, name="frame_cnn")
inputs = keras.Input((5, 32, 32, 3))
y = layers.TimeDistributed(cnn)(inputs)
y = layers.LSTM(4)(y)
model = keras.Model(inputs, layers.Dense(2)(y))
