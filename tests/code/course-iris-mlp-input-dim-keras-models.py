# Pattern: an Iris MLP from `keras.models` / `keras.layers` imports, Dense(10, input_dim=4), a Dense(3, softmax) head, compile with metrics
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(10, input_dim=4, activation="relu"))
model.add(Dense(8, activation="relu"))
model.add(Dense(3, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.summary()
