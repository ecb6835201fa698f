# Pattern: a two-input functional model with a residual branch, then `for layer in model.layers[:4]: layer.trainable = False` (Keras lists model.layers in its graph's order, by depth, not in the order the code made them)
import keras
from keras import layers

features = keras.Input(shape=(16,), name="features")
metadata = keras.Input(shape=(4,), name="metadata")
x = layers.Dense(32, activation="relu")(features)
x = layers.Dense(32, activation="relu")(x)
shortcut = layers.Dense(32)(features)
x = layers.add([x, shortcut])
m = layers.Dense(8, activation="relu")(metadata)
x = layers.concatenate([x, m])
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model([features, metadata], outputs)

for layer in model.layers[:4]:
    layer.trainable = False
print([layer.name for layer in model.layers])
