# Pattern: Lambda slicing channels (x[:, :, :, :k]) into two branches, merged by Concatenate
import keras
from keras import layers

inputs = keras.Input(shape=(16, 16, 6))
rgb = layers.Lambda(lambda x: x[:, :, :, :3], name="rgb")(inputs)
extra = layers.Lambda(lambda x: x[:, :, :, 3:], name="extra")(inputs)
a = layers.Conv2D(8, 3, padding="same")(rgb)
b = layers.Conv2D(4, 3, padding="same")(extra)
x = layers.Concatenate()([a, b])
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(2)(x)
model = keras.Model(inputs, outputs)
