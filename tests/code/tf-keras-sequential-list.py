# tf.keras spelling, a Sequential list with an Input first, tuples, keyword arguments and
# Keras's aliases (MaxPool2D, Convolution2D).
import tensorflow as tf

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(32, 32, 3)),
        tf.keras.layers.Convolution2D(filters=16, kernel_size=(3, 3), padding="same", activation="relu"),
        tf.keras.layers.MaxPool2D(pool_size=(2, 2)),
        tf.keras.layers.Conv2D(32, 3, strides=2, use_bias=False),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dropout(0.25),
        tf.keras.layers.Dense(10, activation="softmax"),
    ],
    name="small_cnn",
)
