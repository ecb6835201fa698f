# Pattern: text classifier Sequential starting with Embedding and no input shape (TF text classification tutorial)
import tensorflow as tf
from tensorflow.keras import layers

max_features = 5000
embedding_dim = 12

model = tf.keras.Sequential([
    layers.Embedding(max_features, embedding_dim),
    layers.Dropout(0.2),
    layers.GlobalAveragePooling1D(),
    layers.Dropout(0.2),
    layers.Dense(1, activation='sigmoid')])
