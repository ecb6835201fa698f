# Thawing an application's top 20 layers but its BatchNormalization ones (keras-io's EfficientNet fine-tuning): isinstance(layer, layers.BatchNormalization) in the loop.
import keras
from keras import layers

inputs = layers.Input(shape=(64, 64, 3))
base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(64, 64, 3))
base.trainable = False
x = base(inputs)
x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
outputs = layers.Dense(4, activation="softmax", name="pred")(x)
model = keras.Model(inputs, outputs, name="EfficientNet")

base.trainable = True
for layer in base.layers[:-20]:
    layer.trainable = False
for layer in base.layers[-20:]:
    if isinstance(layer, layers.BatchNormalization):
        layer.trainable = False
model.summary()
