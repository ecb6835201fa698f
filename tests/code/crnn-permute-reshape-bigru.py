# Pattern: a CRNN for spectrograms: Conv2D blocks with MaxPooling2D((2, 1)), Permute((2, 1, 3)) to put time first, Reshape((time, -1)), Bidirectional(GRU(return_sequences=True)), TimeDistributed(Dense) softmax
from tensorflow import keras
from tensorflow.keras import layers

n_mels, n_frames, n_classes = 64, 128, 12

inputs = keras.Input(shape=(n_mels, n_frames, 1))
x = layers.Conv2D(32, (3, 3), padding="same", activation="relu")(inputs)
x = layers.MaxPooling2D((2, 1))(x)
x = layers.Conv2D(64, (3, 3), padding="same", activation="relu")(x)
x = layers.MaxPooling2D((2, 1))(x)
x = layers.Permute((2, 1, 3))(x)
x = layers.Reshape((n_frames, -1))(x)
x = layers.Bidirectional(layers.GRU(64, return_sequences=True))(x)
outputs = layers.TimeDistributed(layers.Dense(n_classes, activation="softmax"))(x)
model = keras.Model(inputs, outputs)
model.summary()
