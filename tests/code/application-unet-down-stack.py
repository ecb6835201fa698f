# The TensorFlow segmentation tutorial's U-Net encoder: a MobileNetV2's intermediate activations by name, keras.Model(inputs=base.input, outputs=[base.get_layer(n).output for n in names]), frozen.
import tensorflow as tf

base_model = tf.keras.applications.MobileNetV2(input_shape=[128, 128, 3], include_top=False)
layer_names = [
    "block_1_expand_relu",   # 64x64
    "block_3_expand_relu",   # 32x32
    "block_6_expand_relu",   # 16x16
    "block_13_expand_relu",  # 8x8
    "block_16_project",      # 4x4
]
base_model_outputs = [base_model.get_layer(name).output for name in layer_names]
down_stack = tf.keras.Model(inputs=base_model.input, outputs=base_model_outputs)
down_stack.trainable = False
down_stack.summary()
