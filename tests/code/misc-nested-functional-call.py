# Pattern: a functional encoder model called like a layer inside another functional model, with a second head model
import keras
from keras import layers

enc_in = keras.Input(shape=(28, 28, 1), name="img")
x = layers.Conv2D(16, 3, activation="relu")(enc_in)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.MaxPooling2D(3)(x)
enc_out = layers.GlobalMaxPooling2D()(x)
encoder = keras.Model(enc_in, enc_out, name="encoder")

clf_in = keras.Input(shape=(28, 28, 1), name="original_img")
features = encoder(clf_in)
clf_out = layers.Dense(10, activation="softmax")(features)
classifier = keras.Model(clf_in, clf_out, name="classifier")
