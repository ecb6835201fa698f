# The second edition's feature extraction together with data augmentation: a frozen VGG16
# base declared on any image size (input_shape left out), called on augmented 180x180
# images inside a functional model. (The book also calls
# keras.applications.vgg16.preprocess_input, an operation on tensors convcalc does not
# read; it changes no shape.)
import keras
from keras import layers

conv_base = keras.applications.vgg16.VGG16(
    weights="imagenet",
    include_top=False)
conv_base.trainable = False

data_augmentation = keras.Sequential(
    [
        layers.RandomFlip("horizontal"),
        layers.RandomRotation(0.1),
        layers.RandomZoom(0.2),
    ]
)

inputs = keras.Input(shape=(180, 180, 3))
x = data_augmentation(inputs)
x = conv_base(x)
x = layers.Flatten()(x)
x = layers.Dense(256)(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
