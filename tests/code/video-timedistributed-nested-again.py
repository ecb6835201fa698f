# Pattern: a TimeDistributed(Sequential) model nested in another functional model (auto-names after the wrapper's build)
import keras
from keras import layers
cnn = keras.Sequential([layers.Conv2D(4, 3), layers.Flatten()])
td = layers.TimeDistributed(cnn)
inp = keras.Input((6, 28, 28, 1))
x = td(inp)
x = layers.GRU(3)(x)
inner = keras.Model(inp, x)
i2 = keras.Input((6, 28, 28, 1))
model = keras.Model(i2, layers.Dense(1)(inner(i2)))
