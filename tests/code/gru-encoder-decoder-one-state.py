# A GRU encoder-decoder: GRU's one state (enc_out, state = ...), embeddings with mask_zero; the
# decoder GRU called with initial_state= gets no mask in its node (Keras fills `mask` only for
# a call on one tensor), while the encoder GRU lists not_equal.
import keras
from keras import layers

vocab, units = 3000, 64
encoder_tokens = keras.Input(shape=(None,), name="encoder_tokens")
decoder_tokens = keras.Input(shape=(None,), name="decoder_tokens")
encoder_embedded = layers.Embedding(vocab, 32, mask_zero=True)(encoder_tokens)
encoder_outputs, encoder_state = layers.GRU(units, return_state=True)(encoder_embedded)
decoder_embedded = layers.Embedding(vocab, 32, mask_zero=True)(decoder_tokens)
decoder_outputs = layers.GRU(units, return_sequences=True)(decoder_embedded, initial_state=encoder_state)
logits = layers.Dense(vocab)(decoder_outputs)
model = keras.Model([encoder_tokens, decoder_tokens], logits)
