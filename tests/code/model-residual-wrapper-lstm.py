# Pattern: a subclassed Model wrapping a Sequential (ResidualWrapper, TF time-series tutorial), built by calling it on a zeros batch
import tensorflow as tf

num_features = 7


class ResidualWrapper(tf.keras.Model):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def call(self, inputs, *args, **kwargs):
        delta = self.model(inputs, *args, **kwargs)
        return inputs + delta


residual_lstm = ResidualWrapper(
    tf.keras.Sequential([
        tf.keras.layers.LSTM(16, return_sequences=True),
        tf.keras.layers.Dense(num_features, kernel_initializer=tf.initializers.zeros())
    ]))
residual_lstm(tf.zeros((8, 24, num_features)))
