# A function that builds the model (called with arguments), model.build(), pop(), a
# while loop, and a Sequential used as a layer of another Sequential.
from tensorflow import keras
from tensorflow.keras import layers


def mlp(sizes, dropout=0.0, name=None):
    net = keras.Sequential(name=name)
    for size in sizes:
        net.add(layers.Dense(size, activation="relu"))
        if dropout:
            net.add(layers.Dropout(dropout))
    return net


body = mlp([64, 32], dropout=0.1, name="body")
model = keras.Sequential([body])
n = 3
while n > 0:
    model.add(layers.Dense(n * 4))
    n -= 1
model.add(layers.Activation("relu"))
model.pop()
model.build((None, 20))
