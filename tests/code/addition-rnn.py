# keras-io addition_rnn: an LSTM encoder, RepeatVector, a loop of decoder LSTMs returning
# sequences, and a softmax over the characters at every step.
import keras
from keras import layers

DIGITS = 3
MAXLEN = DIGITS + 1 + DIGITS
chars = "0123456789+ "
num_layers = 1

model = keras.Sequential()
model.add(layers.Input((MAXLEN, len(chars))))
model.add(layers.LSTM(128))
model.add(layers.RepeatVector(DIGITS + 1))
for _ in range(num_layers):
    model.add(layers.LSTM(128, return_sequences=True))
model.add(layers.Dense(len(chars), activation="softmax"))
