# Pattern: keras-io's Perceiver and GNN examples: layers.Attention called on [query, key, value] with return_attention_scores=False, MultiHeadAttention with use_causal_mask=False, node features made with tf.cast(..., dtype=tf.dtypes.float32) of numpy data and their shape used for the Input
import numpy as np
import tensorflow as tf
import keras
from keras import layers

node_features = tf.cast(np.zeros((6, 3)), dtype=tf.dtypes.float32)
latent = keras.Input(shape=(4, 8))
data = keras.Input(shape=(10, node_features.shape[-1]))
query = layers.Dense(8)(latent)
key = layers.Dense(8)(data)
value = layers.Dense(8)(data)
attended = layers.Attention(use_scale=True, dropout=0.1)([query, key, value], return_attention_scores=False)
mixed = layers.MultiHeadAttention(num_heads=2, key_dim=4)(attended, attended, use_causal_mask=False)
outputs = layers.Dense(2)(layers.GlobalAveragePooling1D()(mixed))
model = keras.Model([latent, data], outputs)
