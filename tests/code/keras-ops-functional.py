# Pattern: keras.ops functions in a functional model (slicing, mean, concatenate, expand_dims, softmax, matmul)
import keras
from keras import layers, ops

tokens = keras.Input(shape=(20, 64), name="tokens")
cls_token = tokens[:, 0]
pooled = ops.mean(tokens[:, 1:], axis=1)
features = ops.concatenate([cls_token, pooled], axis=-1)
query = layers.Dense(64)(tokens)
key = layers.Dense(64)(tokens)
scores = ops.matmul(query, ops.transpose(key, (0, 2, 1))) / 8.0
weights = ops.softmax(scores, axis=-1)
attended = ops.matmul(weights, tokens)
summary = ops.sum(attended, axis=1)
combined = ops.concatenate([features, summary], axis=-1)
combined = ops.expand_dims(combined, axis=1)
combined = ops.squeeze(combined, axis=1)
outputs = layers.Dense(3, activation="softmax")(combined)
model = keras.Model(tokens, outputs)
