# Pattern: residual connections and scaling written with Python operators on tensors (x + shortcut, x * 0.5, 1 - gate)
import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3, padding="same")(inputs)
shortcut = x
for _ in range(2):
    y = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
    y = layers.Conv2D(16, 3, padding="same")(y)
    x = x + y * 0.5
gate = layers.Conv2D(16, 1, activation="sigmoid")(x)
x = gate * x + (1 - gate) * shortcut
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="residual_ops")
model.summary()
