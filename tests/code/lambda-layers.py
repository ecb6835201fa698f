# Pattern: Lambda layers with lambdas and named functions of keras.ops and tf functions, arguments= and output_shape=
import tensorflow as tf
import keras
from keras import layers, ops


def gram_matrix(x):
    return ops.matmul(x, ops.transpose(x, (0, 2, 1)))


inputs = keras.Input(shape=(28, 28))
x = layers.Lambda(lambda t: ops.expand_dims(t, -1))(inputs)
x = layers.Conv2D(8, 3, activation="relu")(x)
x = layers.Lambda(lambda t, scale: t * scale, arguments={"scale": 0.5}, name="scaled")(x)
seq = layers.Reshape((26 * 26, 8))(x)
gram = layers.Lambda(gram_matrix)(layers.Permute((2, 1))(seq))
pooled = layers.Lambda(lambda t: tf.reduce_mean(t, axis=1))(seq)
first = layers.Lambda(lambda t: t[:, :4], output_shape=(4,))(pooled)
normalized = layers.Lambda(lambda t: t / ops.sqrt(ops.sum(ops.square(t), axis=-1, keepdims=True)))(pooled)
model = keras.Model(inputs, [gram, first, normalized])
