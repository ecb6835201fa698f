# A new head on a Sequential's outputs: keras.Model(base.inputs, Dense(...)(base.outputs[0])), the Sequential's layers become the new model's rows.
import keras
from keras import layers

base = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
], name="encoder")
base.trainable = False
x = layers.Dropout(0.5)(base.outputs[0])
outputs = layers.Dense(3, activation="softmax")(x)
classifier = keras.Model(base.inputs, outputs, name="classifier")
classifier.summary()
