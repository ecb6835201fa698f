# Pattern: Sequential MLP with kernel_regularizer=regularizers.l2(...) and Dropout (TF overfit/underfit tutorial)
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras import regularizers

FEATURES = 28

model = tf.keras.Sequential([
    layers.Dense(128, activation='elu', kernel_regularizer=regularizers.l2(0.0001), input_shape=(FEATURES,)),
    layers.Dropout(0.5),
    layers.Dense(128, activation='elu', kernel_regularizer=regularizers.l2(0.0001)),
    layers.Dropout(0.5),
    layers.Dense(1)
])
