# Pattern: tf.random_normal_initializer and tf.keras initializer/regularizer objects in a tf.keras functional block
import tensorflow as tf

initializer = tf.random_normal_initializer(0., 0.02)
inputs = tf.keras.layers.Input(shape=[64, 64, 3])
x = tf.keras.layers.Conv2D(32, 4, strides=2, padding="same",
                           kernel_initializer=initializer, use_bias=False)(inputs)
x = tf.keras.layers.LeakyReLU()(x)
x = tf.keras.layers.Conv2DTranspose(3, 4, strides=2, padding="same",
                                    kernel_initializer=tf.keras.initializers.GlorotUniform(seed=1),
                                    kernel_regularizer=tf.keras.regularizers.l2(1e-4),
                                    activation="tanh")(x)
model = tf.keras.Model(inputs=inputs, outputs=x)
model.summary()
