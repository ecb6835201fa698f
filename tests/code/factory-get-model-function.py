# Pattern: def get_model(): builds and returns a functional model; model = get_model()
import keras
from keras import layers


def get_model(num_classes=4):
    inputs = keras.Input(shape=(50,), name="features")
    x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


model = get_model()
