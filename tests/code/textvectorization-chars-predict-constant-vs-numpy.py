# Pattern: Hands-On ML's char-RNN: a Sequential of a character TextVectorization (adapted on a string), a Lambda shifting the ids, Embedding and GRU, built by predict on tf.constant(["To be or not to b"]) (a string tensor; Keras refuses a numpy array of strings there)
import tensorflow as tf

text = "to be or not to be that is the question"
text_vec_layer = tf.keras.layers.TextVectorization(split="character", standardize="lower")
text_vec_layer.adapt([text])
n_tokens = text_vec_layer.vocabulary_size() - 2

model = tf.keras.Sequential([
    text_vec_layer,
    tf.keras.layers.Lambda(lambda X: X - 2),
    tf.keras.layers.Embedding(input_dim=n_tokens, output_dim=8),
    tf.keras.layers.GRU(16, return_sequences=True),
    tf.keras.layers.Dense(n_tokens, activation="softmax"),
])
y_proba = model.predict(tf.constant(["To be or not to b"]), verbose=0)
