# Pattern: noise and regularization layers in an MLP: GaussianNoise(0.1) on the input, GaussianDropout, AlphaDropout with selu and lecun_normal, ActivityRegularization
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.GaussianNoise(0.1, input_shape=(30,)),
    layers.Dense(64, activation="selu", kernel_initializer="lecun_normal"),
    layers.AlphaDropout(0.1),
    layers.Dense(64, activation="selu", kernel_initializer="lecun_normal"),
    layers.GaussianDropout(0.2),
    layers.ActivityRegularization(l1=1e-5),
    layers.Dense(1, activation="sigmoid"),
])
model.summary()
