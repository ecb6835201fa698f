# Pattern: a course CIFAR-10 CNN as a Sequential list: Conv2D(padding="same", kernel_initializer="he_uniform") pairs with BatchNormalization, MaxPooling2D and growing Dropout, then compile; training kept in a function never called
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

num_classes = 10
input_shape = (32, 32, 3)

model = keras.Sequential([
    layers.Conv2D(32, (3, 3), activation="relu", kernel_initializer="he_uniform", padding="same", input_shape=input_shape),
    layers.BatchNormalization(),
    layers.Conv2D(32, (3, 3), activation="relu", kernel_initializer="he_uniform", padding="same"),
    layers.BatchNormalization(),
    layers.MaxPooling2D((2, 2)),
    layers.Dropout(0.2),
    layers.Conv2D(64, (3, 3), activation="relu", kernel_initializer="he_uniform", padding="same"),
    layers.BatchNormalization(),
    layers.Conv2D(64, (3, 3), activation="relu", kernel_initializer="he_uniform", padding="same"),
    layers.BatchNormalization(),
    layers.MaxPooling2D((2, 2)),
    layers.Dropout(0.3),
    layers.Conv2D(128, (3, 3), activation="relu", kernel_initializer="he_uniform", padding="same"),
    layers.BatchNormalization(),
    layers.MaxPooling2D((2, 2)),
    layers.Dropout(0.4),
    layers.Flatten(),
    layers.Dense(128, activation="relu", kernel_initializer="he_uniform"),
    layers.BatchNormalization(),
    layers.Dropout(0.5),
    layers.Dense(num_classes, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])


def train():
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    x_train, x_test = x_train / 255.0, x_test / 255.0
    history = model.fit(x_train, y_train, epochs=50, batch_size=64, validation_data=(x_test, y_test))
    return history


model.summary()
