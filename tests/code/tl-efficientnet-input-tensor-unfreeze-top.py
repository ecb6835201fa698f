# Pattern: EfficientNetB0(input_tensor=x) after augmentation, head on base.output, built in a function, then the last layers unfrozen except BatchNormalization by another (keras-io)
import keras
from keras import layers
from keras.applications import EfficientNetB0

IMG_SIZE = 112
NUM_CLASSES = 8

img_augmentation_layers = [
    layers.RandomRotation(factor=0.15),
    layers.RandomTranslation(height_factor=0.1, width_factor=0.1),
    layers.RandomFlip(),
    layers.RandomContrast(factor=0.1),
]


def img_augmentation(images):
    for layer in img_augmentation_layers:
        images = layer(images)
    return images


def build_model(num_classes):
    inputs = layers.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
    x = img_augmentation(inputs)
    base = EfficientNetB0(include_top=False, input_tensor=x, weights=None)
    base.trainable = False

    x = layers.GlobalAveragePooling2D(name="avg_pool")(base.output)
    x = layers.BatchNormalization()(x)
    x = layers.Dropout(0.2, name="top_dropout")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="pred")(x)
    return keras.Model(inputs, outputs, name="EfficientNet")


def unfreeze_model(model):
    for layer in model.layers[-20:]:
        if not isinstance(layer, layers.BatchNormalization):
            layer.trainable = True


model = build_model(NUM_CLASSES)
unfreeze_model(model)
