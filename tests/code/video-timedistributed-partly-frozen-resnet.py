# Pattern: TimeDistributed(ResNet50) partly frozen by a loop over base.layers, then pooled over time
import keras
from keras import layers
base = keras.applications.ResNet50(include_top=False, weights=None, input_shape=(64, 64, 3), pooling="avg")
for layer in base.layers[:-10]:
    layer.trainable = False
inputs = keras.Input((4, 64, 64, 3))
x = layers.TimeDistributed(base)(inputs)
x = layers.GlobalAveragePooling1D()(x)
model = keras.Model(inputs, layers.Dense(3)(x))
