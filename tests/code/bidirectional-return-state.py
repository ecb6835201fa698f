# Bidirectional(LSTM(return_state=True)): five outputs (output, forward h and c, backward h and
# c), the states concatenated to start a decoder LSTM of twice the units.
import keras
from keras import layers

latent = 32
encoder_inputs = keras.Input(shape=(None, 20))
encoder = layers.Bidirectional(layers.LSTM(latent, return_state=True))
encoder_outputs, forward_h, forward_c, backward_h, backward_c = encoder(encoder_inputs)
state_h = layers.Concatenate()([forward_h, backward_h])
state_c = layers.Concatenate()([forward_c, backward_c])
decoder_inputs = keras.Input(shape=(None, 24))
decoder_outputs, _, _ = layers.LSTM(latent * 2, return_sequences=True, return_state=True)(
    decoder_inputs, initial_state=[state_h, state_c])
outputs = layers.Dense(24, activation="softmax")(decoder_outputs)
model = keras.Model([encoder_inputs, decoder_inputs], outputs)
