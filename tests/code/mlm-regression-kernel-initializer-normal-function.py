# Pattern: a blog regression baseline: def baseline_model() returning a compiled Sequential with Dense(13, input_dim=13, kernel_initializer="normal", activation="relu") and Dense(1, kernel_initializer="normal"); the estimator wrapper left out
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense


def baseline_model():
    model = Sequential()
    model.add(Dense(13, input_dim=13, kernel_initializer="normal", activation="relu"))
    model.add(Dense(6, kernel_initializer="normal", activation="relu"))
    model.add(Dense(1, kernel_initializer="normal"))
    model.compile(loss="mean_squared_error", optimizer="adam")
    return model


model = baseline_model()
model.summary()
