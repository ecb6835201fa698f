# Pattern: an application on images of any size (input_shape=(None, None, 3)), a GlobalMaxPooling2D head, so every spatial axis in the table is None
import keras
from keras import layers

base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(None, None, 3))
base.trainable = False
inputs = keras.Input(shape=(None, None, 3))
x = base(inputs, training=False)
x = layers.GlobalMaxPooling2D()(x)
outputs = layers.Dense(3)(x)
model = keras.Model(inputs, outputs)
model.summary()
