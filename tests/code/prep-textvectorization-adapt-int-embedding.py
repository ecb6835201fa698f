# Pattern: TensorFlow text tutorial: TextVectorization(output_mode="int", output_sequence_length=...) adapted on sentences, Embedding sized by len(get_vocabulary()), GlobalAveragePooling1D
import tensorflow as tf
from tensorflow.keras import layers

corpus = ["I love my dog", "I love my cat", "You love my dog!", "Do you think my dog is amazing?"]
vectorize_layer = layers.TextVectorization(max_tokens=50, output_mode="int", output_sequence_length=6)
vectorize_layer.adapt(corpus)
vocab = vectorize_layer.get_vocabulary()

model = tf.keras.Sequential([
    tf.keras.Input(shape=(1,), dtype=tf.string),
    vectorize_layer,
    layers.Embedding(len(vocab), 8, name="embedding"),
    layers.GlobalAveragePooling1D(),
    layers.Dense(16, activation="relu"),
    layers.Dense(1),
])
