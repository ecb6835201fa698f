# A new head on an application's own tensors: x = GlobalAveragePooling2D()(base.output); model = keras.Model(base.input, x): its layers become the new model's rows.
import keras
from keras import layers

base = keras.applications.MobileNetV2(include_top=False, weights=None, input_shape=(96, 96, 3))
for layer in base.layers:
    layer.trainable = False
x = layers.GlobalAveragePooling2D()(base.output)
x = layers.Dense(64, activation="relu")(x)
predictions = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs=base.input, outputs=predictions)
model.summary()
