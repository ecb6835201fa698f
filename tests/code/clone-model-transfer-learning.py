# keras.models.clone_model of a Sequential (names kept), then Sequential(clone.layers[:-1]) and a frozen reuse (Hands-On ML 3, ch. 11)
import tensorflow as tf

tf.random.set_seed(42)
model_A = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=[28, 28]),
    tf.keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal"),
    tf.keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal"),
    tf.keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal"),
    tf.keras.layers.Dense(8, activation="softmax")
])
model_A_clone = tf.keras.models.clone_model(model_A)
model_A_clone.set_weights(model_A.get_weights())

model_B_on_A = tf.keras.Sequential(model_A_clone.layers[:-1])
model_B_on_A.add(tf.keras.layers.Dense(1, activation="sigmoid"))
for layer in model_B_on_A.layers[:-1]:
    layer.trainable = False

inputs = tf.keras.Input(shape=[28, 28])
model = tf.keras.Model(inputs, model_B_on_A(inputs), name="b_on_a")
