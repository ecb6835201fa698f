# Pattern: fine-tuning: base.trainable = True, then a loop freezing base.layers[:fine_tune_at]
import tensorflow as tf

base_model = tf.keras.applications.MobileNetV2(input_shape=(96, 96, 3), include_top=False, weights=None)
base_model.trainable = True

fine_tune_at = 100
for layer in base_model.layers[:fine_tune_at]:
    layer.trainable = False

inputs = tf.keras.Input(shape=(96, 96, 3))
x = tf.keras.layers.Rescaling(1.0 / 127.5, offset=-1)(inputs)
x = base_model(x, training=False)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
x = tf.keras.layers.Dropout(0.2)(x)
outputs = tf.keras.layers.Dense(4)(x)
model = tf.keras.Model(inputs, outputs)
