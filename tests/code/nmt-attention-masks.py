# A translation model in the TensorFlow NMT tutorial's shape: masked embeddings, a
# Bidirectional GRU encoder, a GRU decoder started from the encoder's state, and Attention over
# the encoder (its convert_to_tensor of the query's mask), a Dense head passing the mask on.
import keras
from keras import layers

units, vocab = 32, 500
context = keras.Input(shape=(None,), dtype="int64", name="context")
target = keras.Input(shape=(None,), dtype="int64", name="target")
x = layers.Embedding(vocab, units, mask_zero=True)(context)
encoded = layers.Bidirectional(layers.GRU(units, return_sequences=True), merge_mode="sum")(x)
y = layers.Embedding(vocab, units, mask_zero=True)(target)
decoded, state = layers.GRU(units, return_sequences=True, return_state=True)(y)
attended = layers.Attention()([decoded, encoded])
logits = layers.Dense(vocab)(attended)
model = keras.Model([context, target], logits)
