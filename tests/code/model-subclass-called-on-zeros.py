# Pattern: subclassed keras.Model built by calling it on a dummy tensor (tf.zeros)
import tensorflow as tf
from tensorflow import keras


class MLP(keras.Model):
    def __init__(self, hidden=64, num_classes=3):
        super().__init__()
        self.dense1 = keras.layers.Dense(hidden, activation="relu")
        self.dropout = keras.layers.Dropout(0.2)
        self.dense2 = keras.layers.Dense(num_classes, activation="softmax")

    def call(self, inputs, training=False):
        x = self.dense1(inputs)
        x = self.dropout(x, training=training)
        return self.dense2(x)


model = MLP()
_ = model(tf.zeros((1, 12)))
model.summary()
