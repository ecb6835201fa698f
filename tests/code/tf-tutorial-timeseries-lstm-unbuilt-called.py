# Pattern: the TF time-series tutorial's LSTM: tf.keras.models.Sequential([LSTM(32, return_sequences=True), Dense(units=1)]) with no input shape, built by a call on tf.zeros([32, 24, 19])
import tensorflow as tf

lstm_model = tf.keras.models.Sequential([
    tf.keras.layers.LSTM(32, return_sequences=True),
    tf.keras.layers.Dense(units=1),
])

wide_window_inputs = tf.zeros([32, 24, 19])
predictions = lstm_model(wide_window_inputs)
lstm_model.summary()
