# Pattern: keras-io time-series anomaly detection: a Sequential conv autoencoder with layers.Input(shape=(TIME_STEPS, 1)), strided Conv1D, Dropout, Conv1DTranspose back up
import keras
from keras import layers

TIME_STEPS = 288

model = keras.Sequential(
    [
        layers.Input(shape=(TIME_STEPS, 1)),
        layers.Conv1D(filters=32, kernel_size=7, padding="same", strides=2, activation="relu"),
        layers.Dropout(rate=0.2),
        layers.Conv1D(filters=16, kernel_size=7, padding="same", strides=2, activation="relu"),
        layers.Conv1DTranspose(filters=16, kernel_size=7, padding="same", strides=2, activation="relu"),
        layers.Dropout(rate=0.2),
        layers.Conv1DTranspose(filters=32, kernel_size=7, padding="same", strides=2, activation="relu"),
        layers.Conv1DTranspose(filters=1, kernel_size=7, padding="same"),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss="mse")
model.summary()
