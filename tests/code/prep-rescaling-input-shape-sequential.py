# Pattern: Rescaling(1./255, input_shape=(h, w, 3)) as the first layer of a Sequential classifier (TF image classification tutorial)
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

img_height = 90
img_width = 90
num_classes = 5

model = Sequential([
    layers.Rescaling(1./255, input_shape=(img_height, img_width, 3)),
    layers.Conv2D(16, 3, padding='same', activation='relu'),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding='same', activation='relu'),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(64, activation='relu'),
    layers.Dense(num_classes)
])
