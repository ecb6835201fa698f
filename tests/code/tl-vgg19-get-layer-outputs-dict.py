# Pattern: feature extractor from an application: get_layer(name).output in a comprehension / dict (neural style transfer)
import keras
from keras.applications import vgg19

model_base = vgg19.VGG19(weights=None, include_top=False)
outputs_dict = dict([(layer.name, layer.output) for layer in model_base.layers])

style_layer_names = ["block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1"]
content_layer_name = "block5_conv2"

feature_extractor = keras.Model(inputs=model_base.inputs, outputs=outputs_dict)
style_extractor = keras.Model(
    inputs=model_base.input,
    outputs=[model_base.get_layer(name).output for name in style_layer_names + [content_layer_name]],
)
