# Pattern: U-Net encoder from MobileNetV2 get_layer outputs, skips reversed and zipped with an up-stack of helper Sequentials (TF segmentation tutorial)
import tensorflow as tf

base_model = tf.keras.applications.MobileNetV2(input_shape=[96, 96, 3], include_top=False, weights=None)

layer_names = [
    'block_1_expand_relu',
    'block_3_expand_relu',
    'block_6_expand_relu',
    'block_13_expand_relu',
    'block_16_project',
]
base_model_outputs = [base_model.get_layer(name).output for name in layer_names]

down_stack = tf.keras.Model(inputs=base_model.input, outputs=base_model_outputs)
down_stack.trainable = False


def upsample(filters, size):
    result = tf.keras.Sequential()
    result.add(tf.keras.layers.Conv2DTranspose(filters, size, strides=2, padding='same', use_bias=False))
    result.add(tf.keras.layers.BatchNormalization())
    result.add(tf.keras.layers.ReLU())
    return result


up_stack = [upsample(256, 3), upsample(128, 3), upsample(64, 3), upsample(32, 3)]


def unet_model(output_channels):
    inputs = tf.keras.layers.Input(shape=[96, 96, 3])
    skips = down_stack(inputs)
    x = skips[-1]
    skips = reversed(skips[:-1])
    for up, skip in zip(up_stack, skips):
        x = up(x)
        concat = tf.keras.layers.Concatenate()
        x = concat([x, skip])
    last = tf.keras.layers.Conv2DTranspose(filters=output_channels, kernel_size=3, strides=2, padding='same')
    x = last(x)
    return tf.keras.Model(inputs=inputs, outputs=x)


model = unet_model(output_channels=3)
