# Pattern: layers.Input and models.Model with a model name, MaxPool2D alias, Dense stack
from tensorflow.keras import layers, models

inp = layers.Input(shape=(40, 40, 3), name="img")
h = layers.Conv2D(20, 5, activation="relu")(inp)
h = layers.MaxPool2D()(h)
h = layers.Conv2D(40, 5, activation="relu")(h)
h = layers.MaxPool2D()(h)
h = layers.Flatten()(h)
h = layers.Dense(100, activation="relu")(h)
out = layers.Dense(4, activation="softmax")(h)
net = models.Model(inputs=inp, outputs=out, name="lenet_like")
