# Pattern: copy-pasted input_shape= on a later layer of a Sequential as well as the first (Keras uses the first layer's only)
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(layers.Conv2D(32, (3, 3), activation="relu", input_shape=(64, 64, 3)))
model.add(layers.Conv2D(32, (3, 3), activation="relu", input_shape=(64, 64, 3)))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Flatten())
model.add(layers.Dense(2, activation="softmax"))
model.summary()
