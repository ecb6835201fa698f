# An unbuilt Sequential built by model.evaluate on numpy arrays: Keras builds it on its tf.data batches (batch_size 32, which divides the 64 rows).
import numpy as np
import keras
from keras import layers

x_test = np.random.random((64, 20))
y_test = np.random.randint(0, 2, (64, 1))
model = keras.Sequential([layers.Dense(16, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
model.summary()
