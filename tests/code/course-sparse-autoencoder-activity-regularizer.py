# Pattern: a sparse dense autoencoder: Dense(encoding_dim, activity_regularizer=regularizers.l1(10e-5)) on Input(shape=(784,)), decoded by Dense(784, sigmoid)
from tensorflow.keras import layers, regularizers, Model, Input

encoding_dim = 32
input_img = Input(shape=(784,))
encoded = layers.Dense(encoding_dim, activation="relu", activity_regularizer=regularizers.l1(10e-5))(input_img)
decoded = layers.Dense(784, activation="sigmoid")(encoded)
autoencoder = Model(input_img, decoded)
autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
autoencoder.summary()
