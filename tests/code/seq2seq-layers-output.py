# keras-io lstm_seq2seq's inference part as code that keeps the trained model: the encoder's
# tensors by model.input[0] and model.layers[2].output, the decoder layers by model.layers[i].
import keras

latent_dim = 64
encoder_inputs = keras.Input(shape=(None, 30))
encoder_outputs, state_h, state_c = keras.layers.LSTM(latent_dim, return_state=True)(encoder_inputs)
decoder_inputs = keras.Input(shape=(None, 40))
decoder_outputs, _, _ = keras.layers.LSTM(latent_dim, return_sequences=True, return_state=True)(
    decoder_inputs, initial_state=[state_h, state_c])
decoder_outputs = keras.layers.Dense(40, activation="softmax")(decoder_outputs)
model = keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)

encoder_inputs = model.input[0]
encoder_outputs, state_h_enc, state_c_enc = model.layers[2].output
encoder_model = keras.Model(encoder_inputs, [state_h_enc, state_c_enc])

decoder_inputs = model.input[1]
decoder_state_input_h = keras.Input(shape=(latent_dim,))
decoder_state_input_c = keras.Input(shape=(latent_dim,))
decoder_lstm = model.layers[3]
decoder_outputs, state_h_dec, state_c_dec = decoder_lstm(
    decoder_inputs, initial_state=[decoder_state_input_h, decoder_state_input_c])
decoder_dense = model.layers[4]
decoder_outputs = decoder_dense(decoder_outputs)
decoder_model = keras.Model([decoder_inputs, decoder_state_input_h, decoder_state_input_c],
                            [decoder_outputs, state_h_dec, state_c_dec])
