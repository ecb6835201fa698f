# Fine-tuning the top of an application in a Sequential: every layer frozen but the last 30 (len(base.layers) - 30), as DLwP's "freeze all layers until the fourth from the last".
from tensorflow import keras
from tensorflow.keras import layers

conv_base = keras.applications.vgg16.VGG16(weights="imagenet", include_top=False, input_shape=(180, 180, 3))
conv_base.trainable = True
for layer in conv_base.layers[:-4]:
    layer.trainable = False
model = keras.Sequential([conv_base, layers.Flatten(), layers.Dense(256, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.summary()
