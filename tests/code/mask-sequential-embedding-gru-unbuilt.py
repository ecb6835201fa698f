# Pattern: Sequential Embedding(mask_zero=True) + GRU with no input shape (unbuilt)
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Embedding(input_dim=3000, output_dim=32, mask_zero=True),
    tf.keras.layers.GRU(32),
    tf.keras.layers.Dense(16, activation='relu'),
    tf.keras.layers.Dense(1)
])
