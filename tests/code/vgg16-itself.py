# The applications themselves: the file's last model is VGG16 with its classifier
# (untrained: weights=None), summarized as Keras summarizes it; a smaller VGG19 for
# 64x64 images and ten classes is built first, so VGG16's input is input_layer_1.
from tensorflow.keras.applications import VGG16, VGG19

small = VGG19(weights=None, input_shape=(64, 64, 3), classes=10)
model = VGG16(weights=None)
