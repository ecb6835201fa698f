# Hyperparameters from a dict: config["units"], nested lists and dicts, **kwargs from the dict, .get with defaults, a build function taking the dict
import keras
from keras import layers

config = {
    "input_shape": (32, 32, 3),
    "conv": {"filters": [32, 64], "kernel_size": 3, "padding": "same"},
    "units": 128,
    "dropout": 0.25,
    "classes": 10,
}
dense_options = dict(activation="relu", kernel_initializer="he_normal")


def build_model(hp):
    conv = hp["conv"]
    model = keras.Sequential([keras.Input(shape=hp["input_shape"])])
    for filters in conv["filters"]:
        model.add(layers.Conv2D(filters, kernel_size=conv["kernel_size"], padding=conv.get("padding", "valid"),
                                activation=hp.get("activation", "relu")))
        model.add(layers.MaxPooling2D(pool_size=hp.get("pool", 2)))
    model.add(layers.Flatten())
    model.add(layers.Dense(units=hp["units"], **dense_options))
    model.add(layers.Dropout(rate=hp["dropout"]))
    model.add(layers.Dense(hp["classes"], activation="softmax"))
    return model


small = build_model({**config, "units": 32, "conv": {**config["conv"], "filters": [8]}})
model = build_model(config)
