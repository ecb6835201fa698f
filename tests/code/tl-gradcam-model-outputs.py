# Pattern: Grad-CAM style model mapping a model's inputs to [get_layer(last_conv).output, model.output]
import keras

model = keras.applications.MobileNetV2(weights=None, input_shape=(96, 96, 3), classes=10)
last_conv_layer_name = "Conv_1"

grad_model = keras.models.Model(
    model.inputs, [model.get_layer(last_conv_layer_name).output, model.output]
)
