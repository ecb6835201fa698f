# Feature extraction with a pretrained convnet, as Chollet's Deep Learning with Python
# writes it: the VGG16 convolutional base (ImageNet weights in Keras; convcalc never loads
# weights), frozen, under a small densely connected classifier. The base is one row.
from keras.applications import VGG16
from keras import layers
import keras

conv_base = VGG16(weights="imagenet",
                  include_top=False,
                  input_shape=(150, 150, 3))
conv_base.summary()

model = keras.Sequential([
    conv_base,
    layers.Flatten(),
    layers.Dense(256, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
conv_base.trainable = False
model.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
