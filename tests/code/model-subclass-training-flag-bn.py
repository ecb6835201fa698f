# Pattern: subclassed Model with BatchNormalization/Dropout taking training=, built with build() and an input shape list
import keras
from keras import layers


class ConvClassifier(keras.Model):
    def __init__(self, num_classes=10):
        super().__init__(name="conv_classifier")
        self.conv_a = layers.Conv2D(24, 3, padding="same")
        self.bn_a = layers.BatchNormalization()
        self.pool = layers.MaxPooling2D()
        self.conv_b = layers.Conv2D(48, 3, padding="same")
        self.bn_b = layers.BatchNormalization()
        self.gap = layers.GlobalAveragePooling2D()
        self.drop = layers.Dropout(0.4)
        self.head = layers.Dense(num_classes)

    def call(self, inputs, training=False):
        x = keras.activations.relu(self.bn_a(self.conv_a(inputs), training=training))
        x = self.pool(x)
        x = keras.activations.relu(self.bn_b(self.conv_b(x), training=training))
        x = self.gap(x)
        x = self.drop(x, training=training)
        return self.head(x)


model = ConvClassifier()
model.build([None, 32, 32, 3])
