# Pattern: Hands-On ML's transfer learning: model A (an Input, then Dense layers) cloned with clone_model, a new Sequential of the clone's layers but the last, frozen, with a new output layer added, summarized before it is built: the reused layers show the shapes and weights of their first call, the new one `?`
import tensorflow as tf

model_A = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(8,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(6, activation="relu"),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model_A_clone = tf.keras.models.clone_model(model_A)
model_A_clone.set_weights(model_A.get_weights())
model_B_on_A = tf.keras.Sequential(model_A_clone.layers[:-1])
model_B_on_A.add(tf.keras.layers.Dense(1, activation="sigmoid"))
for layer in model_B_on_A.layers[:-1]:
    layer.trainable = False
