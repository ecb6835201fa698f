# Pattern: Sequential built from a list comprehension of Dense layers plus a head (list concatenation)
import keras
from keras import layers

hidden_sizes = (128, 64, 32)

model = keras.Sequential(
    [keras.Input(shape=(20,))]
    + [layers.Dense(n, activation="relu") for n in hidden_sizes]
    + [layers.Dense(3, activation="softmax")]
)
