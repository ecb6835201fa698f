# List and dict comprehensions over layers: layers made in comprehensions, filtered by isinstance, a dict of named blocks
import keras
from keras import layers

widths = [256, 128, 64]
hidden = [layers.Dense(w, activation="relu") for w in widths]
norms = {f"norm_{i}": layers.BatchNormalization(name=f"norm_{i}") for i in range(len(widths))}
stack = [layer for pair in zip(hidden, norms.values()) for layer in pair]
base = keras.Sequential([keras.Input(shape=(784,)), *stack, layers.Dropout(0.3), layers.Dense(10)])

dense_layers = [layer for layer in base.layers if isinstance(layer, layers.Dense)]
for layer in [l for l in base.layers if isinstance(l, layers.BatchNormalization)]:
    layer.trainable = False
sizes = {layer.name: i for i, layer in enumerate(dense_layers)}
towers = {name: keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4 * (i + 1))], name=f"tower_{name}")
          for name, i in sizes.items() if i < 2}

model = keras.Sequential([keras.Input(shape=(784,))] + [layers.Dropout(0.5) if isinstance(layer, layers.Dropout)
                                                         else layer for layer in base.layers][:-1]
                         + [layers.Dense(5, name="new_head")], name="remixed")
