# keras.models.clone_model of Sequentials: one started by an Input, one built by build(), a frozen one, an activation layer inside a layer
import keras
from keras import layers

encoder = keras.Sequential([
    keras.Input(shape=(16,), name="features"),
    layers.Dense(32, activation=layers.LeakyReLU(negative_slope=0.2)),
    layers.BatchNormalization(),
    layers.Dense(8),
], name="encoder")
encoder_copy = keras.models.clone_model(encoder)

head = keras.Sequential([layers.Dense(4, activation="relu"), layers.Dense(1)])
head.build((None, 8))
head.trainable = False
head_copy = keras.models.clone_model(head)
head_copy.trainable = True

wrapped = keras.Sequential([layers.Dense(3, input_dim=5), layers.Dense(2)])
wrapped_copy = keras.models.clone_model(wrapped)

inputs = keras.Input(shape=(16,))
outputs = head_copy(encoder_copy(inputs))
model = keras.Model(inputs, outputs)  # the originals have the same names: not in the same model
