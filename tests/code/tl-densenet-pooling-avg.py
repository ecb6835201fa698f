# Pattern: DenseNet121(include_top=False, pooling="avg") whose output feeds a Dense directly
from tensorflow import keras

base = keras.applications.DenseNet121(include_top=False, weights=None, input_shape=(64, 64, 3), pooling="avg")
x = keras.layers.Dense(12, activation="softmax")(base.output)
model = keras.Model(base.input, x)
