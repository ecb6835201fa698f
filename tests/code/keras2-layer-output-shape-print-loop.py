# Pattern: printing each layer's name and output_shape in a loop after building a model (layer.output_shape is gone in Keras 3: Keras's run fails there)
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Dense(64, activation="relu", input_shape=(32,)),
    layers.Dense(10),
])
for layer in model.layers:
    print(layer.name, layer.output_shape)
model.summary()
