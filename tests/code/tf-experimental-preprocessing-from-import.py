# Pattern: 2020-era `from tensorflow.keras.layers.experimental import preprocessing` and preprocessing.Rescaling/RandomFlip in a Sequential (the module is gone in Keras 3: Keras refuses the import)
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.layers.experimental import preprocessing

model = tf.keras.Sequential([
    preprocessing.Rescaling(1.0 / 255, input_shape=(180, 180, 3)),
    preprocessing.RandomFlip("horizontal"),
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(5),
])
model.summary()
