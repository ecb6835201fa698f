# Pattern: TimeDistributed(Sequential without an input) inside a Sequential: the wrapper's build builds it on one frame
import keras
from keras import layers
cnn = keras.Sequential([layers.Conv2D(4, 3), layers.MaxPooling2D(), layers.Flatten()])
model = keras.Sequential([keras.Input((6, 28, 28, 1)), layers.TimeDistributed(cnn), layers.GRU(3)])
