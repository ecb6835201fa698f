# Embedding(mask_zero=True)'s mask as Keras 3 records it: not_equal, passed on by Dropout and
# listed for the calls that take `mask` (LSTM, BatchNormalization, Bidirectional, pooling),
# not when the call gives keywords itself (training= too, where the call lacks it);
# Attention's convert_to_tensor; MultiHeadAttention.
import keras
from keras import layers

tokens = keras.Input(shape=(None,), dtype="int32")
embedded = layers.Embedding(100, 8, mask_zero=True)(tokens)
attended = layers.Attention()([embedded, embedded])
heads = layers.MultiHeadAttention(num_heads=2, key_dim=4)(embedded, embedded)
dropped = layers.Dropout(0.1)(embedded)
sequence = layers.LSTM(4, return_sequences=True)(dropped)
again = layers.LSTM(4, return_sequences=True)(sequence, training=False)
last = layers.LSTM(4)(sequence, mask=None)
normalized = layers.BatchNormalization()(embedded)
pooled = layers.GlobalAveragePooling1D()(attended)
pooled_heads = layers.GlobalAveragePooling1D()(heads)
both_ways = layers.Bidirectional(layers.LSTM(3, return_sequences=True))(normalized)
summary = layers.Bidirectional(layers.LSTM(3))(both_ways)
model = keras.Model(tokens, [pooled, pooled_heads, again, last, summary])
pooled_training = layers.GlobalAveragePooling1D()(embedded, training=False)  # its call has no training
model = keras.Model(tokens, [pooled, pooled_heads, again, last, summary, pooled_training])
