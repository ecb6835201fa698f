# Pattern: tf.keras Sequential built with a list input shape model.build([None, n]) after layers were added in a loop
import tensorflow as tf

model = tf.keras.Sequential(name="mlp")
for units in [32, 32, 16]:
    model.add(tf.keras.layers.Dense(units, activation="relu"))
model.add(tf.keras.layers.Dense(1))
model.build([None, 64])
