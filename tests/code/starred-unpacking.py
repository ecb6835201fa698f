# Starred unpacking of layer lists: first, *rest = ...; *head, last = ...; a starred name in the middle and in a for target
import keras
from keras import layers

blocks = [layers.Conv2D(16, 3, activation="relu"), layers.Conv2D(32, 3, activation="relu"),
          layers.MaxPooling2D(), layers.Conv2D(64, 3, activation="relu")]
first, *rest = blocks
*features, last = [layers.GlobalAveragePooling2D(), layers.Dense(64, activation="relu"), layers.Dense(10)]
stem, *middle, tail = [1, 2, 3, 4, 5]
assert middle == [2, 3, 4] and stem == 1 and tail == 5

for name, *sizes in [("left", 8, 4), ("right", 16)]:
    branch_sizes = sizes

inputs = keras.Input(shape=(28, 28, 1))
x = first(inputs)
for layer in rest:
    x = layer(x)
for layer in features:
    x = layer(x)
outputs = last(x)
model = keras.Model(inputs, outputs)
small = keras.Sequential([keras.Input(shape=(8,)), *[layers.Dense(n) for n in branch_sizes]])
