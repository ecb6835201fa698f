# Pattern: a subclassed model holding a user layer (no compute_output_shape), called on a keras.Input: its row is "?"
import keras
from keras import layers, ops


class FeatureScale(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [layers.Dense(units, activation="relu") for _ in range(2)]

    def call(self, inputs):
        h = inputs
        for block in self.blocks:
            h = block(h)
        return ops.tanh(h)


class Classifier(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.features = FeatureScale(16)
        self.head = layers.Dense(5)

    def call(self, inputs):
        return self.head(self.features(inputs))


model = Classifier()
outputs = model(keras.Input(shape=(4, 6)))
