# Pattern: TensorFlow's video classification tutorial: layer classes holding a keras.Sequential of other layer classes (a (2+1)D convolution pair, a residual main path of them with LayerNormalization), a frozen one among them, and a projection when the channels differ
import keras
from keras import layers


class Conv2Plus1D(keras.layers.Layer):
    def __init__(self, filters, kernel_size, padding):
        super().__init__()
        self.seq = keras.Sequential([
            layers.Conv3D(filters=filters, kernel_size=(1, kernel_size[1], kernel_size[2]), padding=padding),
            layers.Conv3D(filters=filters, kernel_size=(kernel_size[0], 1, 1), padding=padding),
        ])

    def call(self, x):
        return self.seq(x)


class ResidualMain(keras.layers.Layer):
    def __init__(self, filters, kernel_size):
        super().__init__()
        frozen = Conv2Plus1D(filters=filters, kernel_size=kernel_size, padding="same")
        frozen.trainable = False
        self.seq = keras.Sequential([
            Conv2Plus1D(filters=filters, kernel_size=kernel_size, padding="same"),
            layers.LayerNormalization(),
            layers.ReLU(),
            frozen,
            layers.LayerNormalization(),
        ])

    def call(self, x):
        return self.seq(x)


class Project(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.seq = keras.Sequential([layers.Dense(units), layers.LayerNormalization()])

    def call(self, x):
        return self.seq(x)


def add_residual_block(inputs, filters, kernel_size):
    out = ResidualMain(filters, kernel_size)(inputs)
    res = inputs
    if out.shape[-1] != inputs.shape[-1]:
        res = Project(out.shape[-1])(res)
    return layers.add([res, out])


video = keras.Input(shape=(4, 16, 16, 3))
x = Conv2Plus1D(filters=8, kernel_size=(3, 5, 5), padding="same")(video)
x = layers.BatchNormalization()(x)
x = layers.ReLU()(x)
x = add_residual_block(x, 8, (3, 3, 3))
x = add_residual_block(x, 12, (3, 3, 3))
x = layers.GlobalAveragePooling3D()(x)
outputs = layers.Dense(5)(x)
model = keras.Model(video, outputs)
