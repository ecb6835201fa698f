# Unfreezing an application's top layers by count and name (keras-io's EfficientNet fine-tuning): base.trainable = False, then its last 20 layers thawed except the BatchNormalization ones.
import keras
from keras import layers
from keras.applications import EfficientNetB0

base = EfficientNetB0(include_top=False, weights="imagenet", input_shape=(64, 64, 3))
base.trainable = False
inputs = layers.Input(shape=(64, 64, 3))
x = base(inputs)
x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
x = layers.BatchNormalization()(x)
outputs = layers.Dense(4, activation="softmax", name="pred")(x)
model = keras.Model(inputs, outputs, name="EfficientNet")

base.trainable = True
first_thawed = len(base.layers) - 20
for layer in base.layers[:first_thawed]:
    layer.trainable = False
for layer in base.layers[first_thawed:]:
    if layer.name.endswith("_bn"):
        layer.trainable = False
model.summary()
