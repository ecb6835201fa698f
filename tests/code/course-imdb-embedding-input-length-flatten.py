# Pattern: a course text model Embedding(vocab_size, 8, input_length=maxlen) then Flatten and Dense (Keras 3 drops input_length, so the Sequential stays unbuilt)
from keras.models import Sequential
from keras.layers import Embedding, Flatten, Dense

vocab_size = 10000
maxlen = 100

model = Sequential()
model.add(Embedding(vocab_size, 8, input_length=maxlen))
model.add(Flatten())
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["acc"])
model.summary()
