# Pattern: a course's convolution visualization: a model of the Conv2D and MaxPooling2D outputs of a trained CNN, the layers picked with type(layer) in [...] and type(layer) == ..., then keras.Model(inputs=model.inputs, outputs=layer_outputs)
import tensorflow as tf

model = tf.keras.models.Sequential([
    tf.keras.Input(shape=(28, 28, 1)),
    tf.keras.layers.Conv2D(8, (3, 3), activation="relu"),
    tf.keras.layers.MaxPooling2D(2, 2),
    tf.keras.layers.Conv2D(8, (3, 3), activation="relu"),
    tf.keras.layers.MaxPooling2D(2, 2),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
conv_and_pool = [tf.keras.layers.Conv2D, tf.keras.layers.MaxPooling2D]
layer_outputs = [layer.output for layer in model.layers if type(layer) in conv_and_pool]
dense_count = sum(1 for layer in model.layers if type(layer) == tf.keras.layers.Dense)
activation_model = tf.keras.models.Model(inputs=model.inputs, outputs=layer_outputs[:4 - dense_count])
