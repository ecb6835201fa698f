# Pattern: application called inline inside another call (GlobalAveragePooling2D()(base(inputs, training=False))), base frozen
import tensorflow as tf

base = tf.keras.applications.EfficientNetB0(include_top=False, weights=None, input_shape=(96, 96, 3))
base.trainable = False

inputs = tf.keras.Input(shape=(96, 96, 3))
x = tf.keras.layers.GlobalAveragePooling2D()(base(inputs, training=False))
outputs = tf.keras.layers.Dense(3, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
