# Layer factories: `import functools`, functools.partial with a regularizer and a constraint, keywords overridden per call (Hands-On ML 3, ch. 11)
import functools

import tensorflow as tf

RegularizedDense = functools.partial(tf.keras.layers.Dense,
                                     activation="relu",
                                     kernel_initializer="he_normal",
                                     kernel_regularizer=tf.keras.regularizers.l2(0.01))
MaxNormDense = functools.partial(tf.keras.layers.Dense,
                                 activation="relu", kernel_initializer="he_normal",
                                 kernel_constraint=tf.keras.constraints.max_norm(1.))
model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=[28, 28]),
    RegularizedDense(100),
    RegularizedDense(100),
    MaxNormDense(50),
    RegularizedDense(10, activation="softmax",
                     kernel_initializer="glorot_normal")
])
