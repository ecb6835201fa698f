# Pattern: LeNet-5 as courses write it: Conv2D(6, 5, padding="same", activation="tanh"), AveragePooling2D, Conv2D(16, 5) valid, Flatten, Dense(120)/Dense(84)/Dense(10)
from tensorflow import keras

model = keras.models.Sequential([
    keras.layers.Conv2D(6, kernel_size=5, strides=1, activation="tanh", padding="same", input_shape=(28, 28, 1)),
    keras.layers.AveragePooling2D(pool_size=2, strides=2),
    keras.layers.Conv2D(16, kernel_size=5, strides=1, activation="tanh", padding="valid"),
    keras.layers.AveragePooling2D(pool_size=2, strides=2),
    keras.layers.Flatten(),
    keras.layers.Dense(120, activation="tanh"),
    keras.layers.Dense(84, activation="tanh"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(loss="categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
model.summary()
