# Pattern: VGG-like Sequential with padding="same" and explicit layer names
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential(name="mini_vgg")
model.add(keras.Input(shape=(48, 48, 1)))
model.add(layers.Conv2D(32, (3, 3), padding="same", activation="relu", name="block1_conv1"))
model.add(layers.Conv2D(32, (3, 3), padding="same", activation="relu", name="block1_conv2"))
model.add(layers.MaxPooling2D((2, 2), name="block1_pool"))
model.add(layers.Conv2D(64, (3, 3), padding="same", activation="relu", name="block2_conv1"))
model.add(layers.Conv2D(64, (3, 3), padding="same", activation="relu", name="block2_conv2"))
model.add(layers.MaxPooling2D((2, 2), name="block2_pool"))
model.add(layers.Flatten(name="flatten"))
model.add(layers.Dense(128, activation="relu", name="fc1"))
model.add(layers.Dense(7, activation="softmax", name="predictions"))
