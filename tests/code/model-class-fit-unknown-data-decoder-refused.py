# Pattern: a model class fit on data convcalc does not hold (loaded from a file), then its decoder Sequential summarized: Keras built it in that fit; convcalc cannot know the shape and says so rather than list it unbuilt
import numpy as np
import keras
from keras import layers


class AutoEncoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.encoder = keras.Sequential([layers.Dense(8, activation="relu"), layers.Dense(2)])
        self.decoder = keras.Sequential([layers.Dense(8, activation="relu"), layers.Dense(16)])

    def call(self, x):
        return self.decoder(self.encoder(x))


data = np.load("vectors.npy")
model = AutoEncoder()
model.compile(optimizer="adam", loss="mse")
model.fit(data, data, epochs=1, verbose=0)
decoder = model.decoder
