# Pattern: the TF text-classification tutorial's export model: tf.keras.Sequential([vectorize_layer, model, layers.Activation("sigmoid")]), the TextVectorization given a vocabulary and output_sequence_length, the inner model with no input shape
import tensorflow as tf
from tensorflow.keras import layers

max_features = 1000
sequence_length = 250
vocab = ["the", "movie", "was", "great", "bad", "film", "acting", "plot"]

vectorize_layer = layers.TextVectorization(
    max_tokens=max_features, output_mode="int", output_sequence_length=sequence_length, vocabulary=vocab)

model = tf.keras.Sequential([
    layers.Embedding(max_features, 16),
    layers.Dropout(0.2),
    layers.GlobalAveragePooling1D(),
    layers.Dropout(0.2),
    layers.Dense(1),
])

export_model = tf.keras.Sequential([vectorize_layer, model, layers.Activation("sigmoid")])
export_model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=False), optimizer="adam", metrics=["accuracy"])
export_model.summary()
