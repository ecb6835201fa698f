# Pattern: Sequential with an int64 keras.Input of variable length, Embedding, Conv1D and pooling
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(None,), dtype="int64"),
    layers.Embedding(8000, 32),
    layers.Dropout(0.5),
    layers.Conv1D(64, 7, padding="valid", activation="relu", strides=3),
    layers.Conv1D(64, 7, padding="valid", activation="relu", strides=3),
    layers.GlobalMaxPooling1D(),
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.5),
    layers.Dense(1, activation="sigmoid", name="predictions"),
])
