# Pattern: a video classifier applying a pretrained CNN to every frame: TimeDistributed(keras.applications.MobileNetV2(include_top=False, pooling="avg")) on a (frames, h, w, 3) Input, then a GRU over the frame features
import keras
from keras import layers

frames, size = 8, 96
cnn = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_shape=(size, size, 3), pooling="avg")
cnn.trainable = False

inputs = keras.Input(shape=(frames, size, size, 3))
x = layers.TimeDistributed(cnn)(inputs)
x = layers.GRU(64)(x)
outputs = layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.summary()
