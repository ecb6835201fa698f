# Pattern: keras-io siamese triplet network: an embedding Model on a frozen ResNet50 thawed from a layer name on, a DistanceLayer returning a tuple of ops.sum(ops.square(...)), three named Inputs
import keras
from keras import layers
from keras import ops
from keras.applications import resnet

target_shape = (64, 64)

base_cnn = resnet.ResNet50(weights="imagenet", input_shape=target_shape + (3,), include_top=False)
flatten = layers.Flatten()(base_cnn.output)
dense1 = layers.Dense(128, activation="relu")(flatten)
dense1 = layers.BatchNormalization()(dense1)
output = layers.Dense(64)(dense1)
embedding = keras.Model(base_cnn.input, output, name="Embedding")

trainable = False
for layer in base_cnn.layers:
    if layer.name == "conv5_block1_out":
        trainable = True
    layer.trainable = trainable


class DistanceLayer(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, anchor, positive, negative):
        ap_distance = ops.sum(ops.square(anchor - positive), -1)
        an_distance = ops.sum(ops.square(anchor - negative), -1)
        return (ap_distance, an_distance)


anchor_input = layers.Input(name="anchor", shape=target_shape + (3,))
positive_input = layers.Input(name="positive", shape=target_shape + (3,))
negative_input = layers.Input(name="negative", shape=target_shape + (3,))

distances = DistanceLayer()(
    embedding(resnet.preprocess_input(anchor_input)),
    embedding(resnet.preprocess_input(positive_input)),
    embedding(resnet.preprocess_input(negative_input)),
)
siamese_network = keras.Model(inputs=[anchor_input, positive_input, negative_input], outputs=distances)
siamese_network.summary()
