# Pattern: Sequential() then model.add(...) with input_shape on the first Dense (DLwP 1st edition IMDB)
from keras import models
from keras import layers

model = models.Sequential()
model.add(layers.Dense(24, activation='relu', input_shape=(5000,)))
model.add(layers.Dense(24, activation='relu'))
model.add(layers.Dense(1, activation='sigmoid'))

model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['accuracy'])
