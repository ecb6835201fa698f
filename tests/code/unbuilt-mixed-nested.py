# An unbuilt Sequential holding built and unbuilt parts: an unbuilt augmentation Sequential, a built feature model (it has an Input), and an unbuilt head.
import keras
from keras import layers

data_augmentation = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)])
features = keras.Sequential([keras.Input(shape=(32, 32, 3)), layers.Conv2D(8, 3, activation="relu"),
                             layers.GlobalAveragePooling2D()], name="features")
model = keras.Sequential([data_augmentation, features, layers.Dropout(0.2), layers.Dense(10)])
model.summary()
