# An application built on the code's own Input (input_tensor=inputs), frozen, and a classifier on its output: keras.Model(inputs, outputs).
import keras
from keras import layers
from keras.applications import ResNet50

inputs = keras.Input(shape=(64, 64, 3))
base = ResNet50(include_top=False, weights=None, input_tensor=inputs)
base.trainable = False
x = layers.GlobalAveragePooling2D()(base.output)
outputs = layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.summary()
