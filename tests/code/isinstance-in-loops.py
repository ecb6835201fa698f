# isinstance tests in loops: layer classes, tuples of classes, an exported base class (RNN), keras.layers.Layer and keras.Model
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

encoder = keras.Sequential([
    keras.Input(shape=(None, 12)),
    layers.LSTM(32, return_sequences=True),
    layers.GRU(16),
    layers.Dense(16, activation="relu"),
    layers.BatchNormalization(),
    layers.Dropout(0.2),
], name="encoder")

recurrent = 0
for layer in encoder.layers:
    if isinstance(layer, layers.RNN):
        recurrent += 1
    if isinstance(layer, (layers.BatchNormalization, layers.Dropout)):
        layer.trainable = False
    elif not isinstance(layer, keras.layers.Layer) or isinstance(layer, keras.Model):
        raise ValueError("not a plain layer")

assert isinstance(encoder, keras.Model) and isinstance(encoder, keras.Sequential)
assert recurrent == 2 and not isinstance(encoder, keras.layers.Dense)
heads = [layers.Dense(1, name=f"head_{i}") for i in range(recurrent)]
inputs = keras.Input(shape=(None, 12))
features = encoder(inputs)
outputs = [head(features) for head in heads if isinstance(head, layers.Dense)]
model = keras.Model(inputs, outputs, name="multi_head" if isinstance(outputs, list) else None)
