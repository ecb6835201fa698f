# Pattern: TensorFlow tutorials: a Sequential without an input shape fit on tf.data.Dataset.from_tensor_slices((features, labels)).shuffle(...).batch(32): Keras builds it on the dataset's element spec (batch axis free)
import numpy as np
import tensorflow as tf

features = np.random.rand(100, 6).astype("float32")
labels = np.random.randint(0, 2, size=(100,))
train_ds = tf.data.Dataset.from_tensor_slices((features, labels)).shuffle(100).batch(32)

model = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)
