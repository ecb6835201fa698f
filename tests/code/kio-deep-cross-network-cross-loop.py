# Pattern: keras-io Deep & Cross network: x0 = features; a loop of cross layers units = cross.shape[-1], cross = x0 * x + cross; a deep Dense tower; concatenated and BatchNormalization
import keras
from keras import layers

num_features = 54
hidden_units = [32, 32]

inputs = keras.Input(shape=(num_features,), name="features")
x0 = inputs
cross = x0
for _ in hidden_units:
    units = cross.shape[-1]
    x = layers.Dense(units)(cross)
    cross = x0 * x + cross
cross = layers.BatchNormalization()(cross)

deep = x0
for units in hidden_units:
    deep = layers.Dense(units)(deep)
    deep = layers.BatchNormalization()(deep)
    deep = layers.ReLU()(deep)
    deep = layers.Dropout(0.1)(deep)

merged = layers.concatenate([cross, deep])
outputs = layers.Dense(units=7, activation="softmax")(merged)
model = keras.Model(inputs=inputs, outputs=outputs)
model.summary()
