# A head on MobileNetV3Small's own output, its first 50 layers frozen: the application's keras.ops operations (its hard sigmoid's add, multiply) are rows named as Keras names them.
import keras
from keras import layers

base = keras.applications.MobileNetV3Small(include_top=False, weights=None, input_shape=(96, 96, 3))
for layer in base.layers[:50]:
    layer.trainable = False
x = layers.GlobalAveragePooling2D()(base.output)
model = keras.Model(base.input, layers.Dense(3)(x))
model.summary()
