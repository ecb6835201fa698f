# Pattern: a model among training-script statements: seeds, print, optimizer, callbacks and compile around it
import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(42)
print("Keras version:", keras.__version__)

BATCH_SIZE = 32
EPOCHS = 10
learning_rate = 1e-3

model = keras.Sequential([
    keras.Input(shape=(10,)),
    layers.Dense(20, activation="relu"),
    layers.Dense(1),
])

optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
callbacks = [
    keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True),
    keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True),
]
model.compile(optimizer=optimizer, loss="mse", metrics=["mae"])
model.summary()
