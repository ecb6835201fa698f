# Pattern: TensorFlow's imbalanced-data tutorial: a make_model(output_bias=None) function whose `if output_bias is not None` wraps np.log([pos / neg]) in a Constant initializer, input_shape from a clipped numpy table's shape[-1], and layer sizes computed with int(np.ceil(...)) and int(np.sqrt(...))
import numpy as np
import tensorflow as tf
from tensorflow import keras

features = np.clip(np.random.randn(64, 29), -5, 5)
neg, pos = 2843, 49
hidden = int(np.ceil(features.shape[-1] / 2)) + int(np.sqrt(16))


def make_model(output_bias=None):
    if output_bias is not None:
        output_bias = tf.keras.initializers.Constant(output_bias)
    model = keras.Sequential([
        keras.layers.Dense(hidden, activation="relu", input_shape=(features.shape[-1],)),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(1, activation="sigmoid", bias_initializer=output_bias),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss=keras.losses.BinaryCrossentropy(),
                  metrics=[keras.metrics.AUC(name="prc", curve="PR")])
    return model


initial_bias = np.log([pos / neg])
model = make_model(output_bias=initial_bias)
