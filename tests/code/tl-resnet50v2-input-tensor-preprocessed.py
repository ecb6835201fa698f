# Pattern: ResNet50V2 built with input_tensor= the output of resnet_v2.preprocess_input (tf mode: x / 127.5 - 1) of an Input, frozen, its output pooled into a new head; the base model itself summarized (its Input and the two operations are its first rows)
import keras
from keras import layers
from keras.applications import resnet_v2

inputs = keras.Input(shape=(64, 64, 3), name="image")
x = resnet_v2.preprocess_input(inputs)
backbone = resnet_v2.ResNet50V2(include_top=False, weights=None, input_tensor=x)
backbone.trainable = False
features = layers.GlobalAveragePooling2D()(backbone.output)
head = layers.Dense(3)(features)
classifier = keras.Model(inputs, head, name="classifier")
model = backbone
