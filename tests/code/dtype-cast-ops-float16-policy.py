# Pattern: keras.config.set_dtype_policy("float16") after the Inputs (they stay float32), tf.int64 ids cast to float32 by keras.ops.cast, a float32 Dense beside float16 ones, ops.argmax and ops.not_equal outputs, the ids Flattened (int64) and into a Dense (float16)
import keras
import tensorflow as tf
from keras import layers, ops

ids = keras.Input(shape=(8,), dtype=tf.int64, name="ids")
features = keras.Input(shape=(8,), name="features")
keras.config.set_dtype_policy("float16")
x = ops.cast(ids, "float32")
x = layers.Dense(16, dtype="float32")(x)
y = layers.Dense(16)(features)
z = layers.Add()([x, y])
classes = ops.argmax(z, axis=-1)
nonzero = ops.not_equal(ids, 0)
flat_ids = layers.Flatten()(ids)
dense_ids = layers.Dense(2)(ids)
model = keras.Model([ids, features], [z, classes, nonzero, flat_ids, dense_ids])
