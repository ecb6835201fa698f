# Pattern: a Sequential CNN added in a loop over filter counts, the first Conv2D given input_shape by an `if i == 0` branch, kernel_size as a tuple variable
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense, Dropout

kernel = (3, 3)
filters = [32, 64, 128]

model = Sequential(name="loop_cnn")
for i, f in enumerate(filters):
    if i == 0:
        model.add(Conv2D(f, kernel, activation="relu", padding="same", input_shape=(64, 64, 3)))
    else:
        model.add(Conv2D(f, kernel, activation="relu", padding="same"))
    model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dense(256, activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(1, activation="sigmoid"))
model.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
model.summary()
