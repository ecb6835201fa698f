# Pattern: Hands-On ML's NMT encoder-decoder: the encoder LSTM(return_state=True) unpacked with a starred target (encoder_outputs, *encoder_state = encoder(...)), the decoder LSTM given initial_state=encoder_state, Embedding layers on int inputs
import tensorflow as tf

vocab_size, embed_size = 100, 16
encoder_inputs = tf.keras.layers.Input(shape=[None], dtype=tf.int32)
decoder_inputs = tf.keras.layers.Input(shape=[None], dtype=tf.int32)
encoder_embeddings = tf.keras.layers.Embedding(vocab_size, embed_size, mask_zero=True)(encoder_inputs)
decoder_embeddings = tf.keras.layers.Embedding(vocab_size, embed_size, mask_zero=True)(decoder_inputs)
encoder = tf.keras.layers.LSTM(32, return_state=True)
encoder_outputs, *encoder_state = encoder(encoder_embeddings)
decoder = tf.keras.layers.LSTM(32, return_sequences=True)
decoder_outputs = decoder(decoder_embeddings, initial_state=encoder_state)
output_layer = tf.keras.layers.Dense(vocab_size, activation="softmax")
y_proba = output_layer(decoder_outputs)
model = tf.keras.Model(inputs=[encoder_inputs, decoder_inputs], outputs=[y_proba])
