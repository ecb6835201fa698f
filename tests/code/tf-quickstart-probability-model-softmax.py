# Pattern: the TF beginner quickstart's probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()]) wrapping a built Sequential that outputs logits
import tensorflow as tf

model = tf.keras.models.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dropout(0.2),
    tf.keras.layers.Dense(10),
])
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer="adam", loss=loss_fn, metrics=["accuracy"])

probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
probability_model.summary()
