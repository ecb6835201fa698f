# Pattern: TF1-style scoped layer names with a slash (name="block1/conv"), which Keras 3 refuses at the layer's construction
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3, name="block1/conv")(inputs)
x = layers.GlobalAveragePooling2D(name="block1/pool")(x)
outputs = layers.Dense(10, name="logits")(x)
model = keras.Model(inputs, outputs, name="Scoped Model")
model.summary()
