# A file that builds several models: names count on across them (conv2d_1, sequential_1,
# ...) as in one Keras session; layers built before use, in another order than called.
from keras import layers, models, Input, Model

first = models.Sequential([layers.Conv2D(4, 3, input_shape=(12, 12, 1)), layers.Flatten(), layers.Dense(3)])

def make_block(filters, pool=True):
    block = [layers.Conv2D(filters, 3, padding="same", activation="relu")]
    if pool:
        block.append(layers.MaxPooling2D())
    return block

second = models.Sequential(name="second")
second.add(Input((16, 16, 3)))
for f in (8, 16):
    for layer in make_block(f):
        second.add(layer)
second.add(layers.GlobalMaxPooling2D())

late = layers.Dense(2, name="late")
early = layers.Dense(5)
mid = layers.Dense(7)
inp = Input((6,))
third = Model(inp, late(early(mid(inp))))
