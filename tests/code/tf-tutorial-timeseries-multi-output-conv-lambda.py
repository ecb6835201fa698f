# Pattern: the TF time-series tutorial's multi-step CNN: Lambda(lambda x: x[:, -CONV_WIDTH:, :]), Conv1D(kernel_size=(CONV_WIDTH)), Dense(OUT_STEPS * num_features, kernel_initializer=tf.initializers.zeros()), Reshape([OUT_STEPS, num_features]); built by a call
import tensorflow as tf

OUT_STEPS = 24
CONV_WIDTH = 3
num_features = 19

multi_conv_model = tf.keras.Sequential([
    tf.keras.layers.Lambda(lambda x: x[:, -CONV_WIDTH:, :]),
    tf.keras.layers.Conv1D(256, activation="relu", kernel_size=(CONV_WIDTH)),
    tf.keras.layers.Dense(OUT_STEPS * num_features, kernel_initializer=tf.initializers.zeros()),
    tf.keras.layers.Reshape([OUT_STEPS, num_features]),
])
multi_conv_model(tf.zeros([32, 24, num_features]))
multi_conv_model.summary()
