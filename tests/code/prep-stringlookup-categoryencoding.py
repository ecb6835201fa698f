# Pattern: structured data preprocessing: StringLookup(output_mode="one_hot"), IntegerLookup, Discretization, CategoryEncoding per feature, concatenated
import keras
from keras import layers

color = keras.Input(shape=(1,), name="color", dtype="string")
rooms = keras.Input(shape=(1,), name="rooms", dtype="int64")
age = keras.Input(shape=(1,), name="age")
weekday = keras.Input(shape=(1,), name="weekday", dtype="int64")

color_encoded = layers.StringLookup(vocabulary=["red", "green", "blue"], output_mode="one_hot")(color)
rooms_encoded = layers.IntegerLookup(vocabulary=[1, 2, 3, 4, 5], output_mode="one_hot")(rooms)
age_encoded = layers.Discretization(bin_boundaries=[18.0, 35.0, 50.0, 65.0], output_mode="one_hot")(age)
weekday_encoded = layers.CategoryEncoding(num_tokens=7, output_mode="one_hot")(weekday)

all_features = layers.concatenate([color_encoded, rooms_encoded, age_encoded, weekday_encoded])
x = layers.Dense(16, activation="relu")(all_features)
output = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model([color, rooms, age, weekday], output)
