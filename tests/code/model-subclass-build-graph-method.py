# Pattern: a subclassed Model with a build_graph() method returning keras.Model(inputs=[x], outputs=self.call(x)) so that summary shows shapes (a blog-post idiom); the functional model is what gets summarized
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class MyModel(keras.Model):
    def __init__(self, dim):
        super(MyModel, self).__init__()
        self.dim = dim
        self.conv1 = layers.Conv2D(16, 3, activation="relu")
        self.pool = layers.MaxPooling2D()
        self.flatten = layers.Flatten()
        self.dense = layers.Dense(10, activation="softmax")

    def call(self, x):
        x = self.conv1(x)
        x = self.pool(x)
        x = self.flatten(x)
        return self.dense(x)

    def build_graph(self):
        x = keras.Input(shape=self.dim)
        return keras.Model(inputs=[x], outputs=self.call(x))


raw_model = MyModel((28, 28, 1))
model = raw_model.build_graph()
model.summary()
