# Pattern: model.add(...) with no input shape, then model.build((None, H, W, C))
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(layers.Conv2D(12, 3, activation="relu"))
model.add(layers.MaxPooling2D(2))
model.add(layers.Conv2D(24, 3, activation="relu"))
model.add(layers.GlobalAveragePooling2D())
model.add(layers.Dense(5))
model.build((None, 40, 40, 3))
