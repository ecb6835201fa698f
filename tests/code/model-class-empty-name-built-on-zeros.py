# Pattern: TensorFlow's custom layers tutorial: a model class (a ResNet identity block) whose __init__ passes name='' (Keras keeps the empty name), tf.nn.relu and x += input_tensor in call, built by calling it on tf.zeros
import tensorflow as tf


class IdentityBlock(tf.keras.Model):
    def __init__(self, kernel_size, filters):
        super(IdentityBlock, self).__init__(name="")
        first, second, third = filters
        self.conv_a = tf.keras.layers.Conv2D(first, (1, 1))
        self.norm_a = tf.keras.layers.BatchNormalization()
        self.conv_b = tf.keras.layers.Conv2D(second, kernel_size, padding="same")
        self.norm_b = tf.keras.layers.BatchNormalization()
        self.conv_c = tf.keras.layers.Conv2D(third, (1, 1))
        self.norm_c = tf.keras.layers.BatchNormalization()

    def call(self, input_tensor, training=False):
        x = tf.nn.relu(self.norm_a(self.conv_a(input_tensor), training=training))
        x = tf.nn.relu(self.norm_b(self.conv_b(x), training=training))
        x = self.norm_c(self.conv_c(x), training=training)
        x += input_tensor
        return tf.nn.relu(x)


block = IdentityBlock(1, [2, 4, 3])
_ = block(tf.zeros([1, 5, 5, 3]))
