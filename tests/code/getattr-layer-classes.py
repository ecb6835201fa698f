# getattr(layers, "Conv2D") with literal names: classes picked by name in a loop and an f-string, getattr with a default
import keras
from keras import layers

Conv = getattr(layers, "Conv2D")
pooling = "Max"
Pool = getattr(layers, f"{pooling}Pooling2D")
Norm = getattr(keras.layers, "BatchNormalization", None)
Missing = getattr(layers, "NoSuchLayer", None)

model = keras.Sequential([keras.Input(shape=(64, 64, 3))])
for name, arguments in [("Conv2D", (16, 3)), ("MaxPooling2D", ()), ("Conv2D", (32, 3))]:
    model.add(getattr(layers, name)(*arguments))
model.add(Conv(64, 3, activation="relu"))
model.add(Pool(2))
if Norm is not None and Missing is None:
    model.add(Norm())
model.add(getattr(layers, "GlobalAveragePooling2D")())
model.add(getattr(layers, "Dense")(units=5))
