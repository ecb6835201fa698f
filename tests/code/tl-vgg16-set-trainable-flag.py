# Pattern: DLwP 1st-edition fine-tuning: Sequential with conv_base added, then a set_trainable flag loop on layer.name
from keras.applications import VGG16
from keras import models
from keras import layers

conv_base = VGG16(weights='imagenet', include_top=False, input_shape=(112, 112, 3))

model = models.Sequential()
model.add(conv_base)
model.add(layers.Flatten())
model.add(layers.Dense(64, activation='relu'))
model.add(layers.Dense(1, activation='sigmoid'))

conv_base.trainable = True

set_trainable = False
for layer in conv_base.layers:
    if layer.name == 'block5_conv1':
        set_trainable = True
    if set_trainable:
        layer.trainable = True
    else:
        layer.trainable = False
