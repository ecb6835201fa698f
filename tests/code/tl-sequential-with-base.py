# Pattern: an application used as the first layer of a Sequential, frozen, with a GlobalAveragePooling head
import keras
from keras import layers

base = keras.applications.MobileNet(input_shape=(128, 128, 3), include_top=False, weights=None, alpha=0.5)
base.trainable = False

model = keras.Sequential([
    base,
    layers.GlobalAveragePooling2D(),
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.3),
    layers.Dense(6, activation="softmax"),
])
