# Pattern: "functional subclassing": a keras.Model subclass whose __init__ builds a graph and calls super().__init__(inputs, outputs)
import keras
from keras import layers


class SmallClassifier(keras.Model):
    def __init__(self, num_classes, input_shape=(32, 32, 3), **kwargs):
        inputs = keras.Input(shape=input_shape)
        x = layers.Conv2D(16, 3, activation="relu")(inputs)
        x = layers.Conv2D(32, 3, activation="relu")(x)
        x = layers.GlobalAveragePooling2D()(x)
        outputs = layers.Dense(num_classes, activation="softmax")(x)
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)
        self.num_classes = num_classes


model = SmallClassifier(num_classes=6)
