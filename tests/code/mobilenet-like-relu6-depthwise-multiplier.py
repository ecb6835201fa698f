# Pattern: a hand-written MobileNet-style stack: ZeroPadding2D, Conv2D, ReLU(max_value=6.0) / ReLU(6.), DepthwiseConv2D(depth_multiplier=2, strides=2), 1x1 pointwise convs, GlobalAveragePooling2D, Reshape((1, 1, c)), Dropout, Conv2D head, Reshape and Activation("softmax")
from tensorflow import keras
from tensorflow.keras import layers


def depthwise_block(x, pointwise_filters, strides=1, multiplier=1):
    if strides == 2:
        x = layers.ZeroPadding2D(((0, 1), (0, 1)))(x)
    x = layers.DepthwiseConv2D((3, 3), padding="same" if strides == 1 else "valid", depth_multiplier=multiplier, strides=strides, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    x = layers.Conv2D(pointwise_filters, (1, 1), padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU(max_value=6.0)(x)


inputs = keras.Input(shape=(96, 96, 3))
x = layers.Conv2D(16, 3, strides=2, padding="same", use_bias=False)(inputs)
x = layers.BatchNormalization()(x)
x = layers.ReLU(6.0)(x)
x = depthwise_block(x, 32)
x = depthwise_block(x, 64, strides=2, multiplier=2)
x = depthwise_block(x, 64)
x = depthwise_block(x, 128, strides=2)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Reshape((1, 1, 128))(x)
x = layers.Dropout(1e-3)(x)
x = layers.Conv2D(5, (1, 1), padding="same")(x)
x = layers.Reshape((5,))(x)
outputs = layers.Activation("softmax")(x)
model = keras.Model(inputs, outputs, name="tiny_mobilenet")
model.summary()
