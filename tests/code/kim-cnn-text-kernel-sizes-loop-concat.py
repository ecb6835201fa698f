# Pattern: Kim's CNN for sentences: one Embedding, a loop over filter sizes [3, 4, 5] each with Conv1D and GlobalMaxPooling1D, the pooled list concatenated, Dropout and a softmax head
import keras
from keras import layers

sequence_length = 56
vocab_size = 18000
embedding_dim = 128
filter_sizes = [3, 4, 5]
num_filters = 100

inputs = keras.Input(shape=(sequence_length,), dtype="int32")
embedded = layers.Embedding(vocab_size, embedding_dim)(inputs)
pooled = []
for size in filter_sizes:
    conv = layers.Conv1D(num_filters, size, activation="relu")(embedded)
    pooled.append(layers.GlobalMaxPooling1D()(conv))
x = layers.Concatenate()(pooled)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.summary()
