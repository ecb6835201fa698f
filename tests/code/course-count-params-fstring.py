# Pattern: model.count_params() and len(model.layers) printed in f-strings, model.trainable_weights counted, after a functional MLP with Model(inputs=[inp], outputs=[out]) lists of one
import keras
from keras import layers

inp = keras.Input(shape=(64,))
h = layers.Dense(128, activation="relu")(inp)
h = layers.Dense(128, activation="relu")(h)
out = layers.Dense(4, activation="softmax")(h)
model = keras.Model(inputs=[inp], outputs=[out])
print(f"{model.count_params():,} parameters in {len(model.layers)} layers")
print("trainable weights:", len(model.trainable_weights))
model.summary()
