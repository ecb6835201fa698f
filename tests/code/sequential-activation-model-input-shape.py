# Visualizing intermediate activations (DLwP): a Sequential convnet whose first layer has input_shape, and an activation model of its first layers' outputs.
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(layers.Conv2D(32, (3, 3), activation="relu", input_shape=(150, 150, 3)))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(64, (3, 3), activation="relu"))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Flatten())
model.add(layers.Dense(1, activation="sigmoid"))

layer_outputs = [layer.output for layer in model.layers[:4]]
activation_model = keras.Model(inputs=model.inputs, outputs=layer_outputs)
activation_model.summary()
