# Pattern: functional Conv1D time-series classifier with keras.layers.Input(input_shape) positional and named variables per layer
import keras

input_shape = (250, 1)
num_classes = 3

input_layer = keras.layers.Input(input_shape)

conv1 = keras.layers.Conv1D(filters=32, kernel_size=3, padding="same")(input_layer)
conv1 = keras.layers.BatchNormalization()(conv1)
conv1 = keras.layers.ReLU()(conv1)

conv2 = keras.layers.Conv1D(filters=32, kernel_size=3, padding="same")(conv1)
conv2 = keras.layers.BatchNormalization()(conv2)
conv2 = keras.layers.ReLU()(conv2)

conv3 = keras.layers.Conv1D(filters=32, kernel_size=3, padding="same")(conv2)
conv3 = keras.layers.BatchNormalization()(conv3)
conv3 = keras.layers.ReLU()(conv3)

gap = keras.layers.GlobalAveragePooling1D()(conv3)

output_layer = keras.layers.Dense(num_classes, activation="softmax")(gap)

model = keras.models.Model(inputs=input_layer, outputs=output_layer)
