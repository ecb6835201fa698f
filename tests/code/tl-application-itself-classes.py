# Pattern: an application trained from scratch as the whole model (weights=None, classes=N, custom input_shape)
import keras

model = keras.applications.ResNet50V2(weights=None, input_shape=(64, 64, 3), classes=7)
