# Pattern: 2018-era GPU code with keras.layers.CuDNNLSTM in a Sequential (removed in Keras 3: Keras refuses)
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Embedding(10000, 64, input_shape=(100,)),
    tf.keras.layers.CuDNNLSTM(128, return_sequences=True),
    tf.keras.layers.CuDNNLSTM(64),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.summary()
