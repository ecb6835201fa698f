# Pattern: 3D CNN for volumes (keras-io 3D image classification): Conv3D/MaxPool3D/BatchNormalization blocks, GlobalAveragePooling3D
import keras
from keras import layers


def get_model(width=32, height=32, depth=16):
    inputs = keras.Input((width, height, depth, 1))
    x = layers.Conv3D(filters=16, kernel_size=3, activation="relu")(inputs)
    x = layers.MaxPool3D(pool_size=2)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Conv3D(filters=32, kernel_size=3, activation="relu")(x)
    x = layers.MaxPool3D(pool_size=2)(x)
    x = layers.BatchNormalization()(x)
    x = layers.GlobalAveragePooling3D()(x)
    x = layers.Dense(units=64, activation="relu")(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(units=1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name="3dcnn")


model = get_model(width=32, height=32, depth=16)
