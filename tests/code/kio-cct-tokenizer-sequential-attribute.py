# Pattern: keras-io Compact Convolutional Transformer tokenizer: a Layer holding a keras.Sequential built with add() in a loop in __init__, its call reshaping with ops.reshape(outputs, (-1, h * w, c)) from ops.shape
import keras
from keras import layers
from keras import ops


class CCTTokenizer(layers.Layer):
    def __init__(self, kernel_size=3, stride=1, padding=1, pooling_kernel_size=3, pooling_stride=2,
                 num_conv_layers=2, num_output_channels=[64, 128], **kwargs):
        super().__init__(**kwargs)
        self.conv_model = keras.Sequential()
        for i in range(num_conv_layers):
            self.conv_model.add(layers.Conv2D(num_output_channels[i], kernel_size, stride, padding="valid",
                                              use_bias=False, activation="relu", kernel_initializer="he_normal"))
            self.conv_model.add(layers.ZeroPadding2D(padding))
            self.conv_model.add(layers.MaxPooling2D(pooling_kernel_size, pooling_stride, "same"))

    def call(self, images):
        outputs = self.conv_model(images)
        reshaped = ops.reshape(outputs, (-1, ops.shape(outputs)[1] * ops.shape(outputs)[2], ops.shape(outputs)[-1]))
        return reshaped


inputs = layers.Input((32, 32, 3))
encoded_patches = CCTTokenizer()(inputs)
x = layers.LayerNormalization(epsilon=1e-5)(encoded_patches)
attention_weights = ops.softmax(layers.Dense(1)(x), axis=1)
weighted = ops.matmul(ops.transpose(attention_weights, axes=(0, 2, 1)), x)
weighted = ops.squeeze(weighted, -2)
logits = layers.Dense(10)(weighted)
model = keras.Model(inputs=inputs, outputs=logits)
model.summary()
