# Pattern: `from tensorflow.keras.applications.densenet import preprocess_input` (torch mode: scaled, mean and std as constant tensors) on an Input, then DenseNet121(include_top=False, pooling="avg") called on it, a small head
import tensorflow as tf
from tensorflow.keras.applications import DenseNet121
from tensorflow.keras.applications.densenet import preprocess_input

base = DenseNet121(include_top=False, weights="imagenet", input_shape=(96, 96, 3), pooling="avg")
base.trainable = False

inputs = tf.keras.Input(shape=(96, 96, 3))
x = preprocess_input(inputs)
x = base(x, training=False)
x = tf.keras.layers.Dropout(0.3)(x)
outputs = tf.keras.layers.Dense(5, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
