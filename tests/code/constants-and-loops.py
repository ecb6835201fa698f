# Constants, arithmetic on them, loops over literals and range(), f-string names, a list
# comprehension, **kwargs from a dict, and model.add in a loop.
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

IMG = 28
CHANNELS = 1
BASE = 16
FILTERS = [BASE, BASE * 2, BASE * 4]
conv_options = dict(kernel_size=3, padding="same", activation="relu")

model = Sequential()
model.add(layers.InputLayer(shape=(IMG, IMG, CHANNELS)))
for i, f in enumerate(FILTERS):
    model.add(layers.Conv2D(f, name=f"conv_{i + 1}", **conv_options))
    if i < len(FILTERS) - 1:
        model.add(layers.MaxPooling2D(2))
model.add(layers.Flatten())
for units in [IMG * 4, IMG * 2]:
    model.add(layers.Dense(units, activation="relu"))
    model.add(layers.Dropout(0.5))
for _ in range(2):
    model.add(layers.Dense(BASE // 2))
heads = [layers.Dense(n) for n in (4,)]
model.add(heads[0])
