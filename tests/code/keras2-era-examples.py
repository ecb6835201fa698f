# Keras 2-era example code: `from keras import backend as K` and the image_data_format()
# branch of the classic mnist_cnn.py (a fresh Keras says channels_last), the functional
# merge helpers (concatenate, add), input_dim, and activations given as functions.
import keras
from keras import backend as K
from keras.layers import Conv2D, Dense, Dropout, Flatten, Input, MaxPooling2D, add, concatenate
from keras.models import Model, Sequential

num_classes = 10
img_rows, img_cols = 28, 28

if K.image_data_format() == "channels_first":
    input_shape = (1, img_rows, img_cols)
else:
    input_shape = (img_rows, img_cols, 1)

cnn = Sequential()
cnn.add(Conv2D(32, kernel_size=(3, 3), activation="relu", input_shape=input_shape))
cnn.add(Conv2D(64, (3, 3), activation=keras.activations.relu))
cnn.add(MaxPooling2D(pool_size=(2, 2)))
cnn.add(Dropout(0.25))
cnn.add(Flatten())
cnn.add(Dense(128, activation="relu"))
cnn.add(Dropout(0.5))
cnn.add(Dense(num_classes, activation="softmax"))

mlp = Sequential([Dense(64, input_dim=20, activation="relu"), Dense(1, activation="sigmoid")])

a = Input(shape=(16,))
b = Input(shape=(16,))
x = concatenate([Dense(8)(a), Dense(8)(b)], axis=-1)
y = add([Dense(4)(x), Dense(4)(x)])
model = Model([a, b], Dense(num_classes, activation="softmax")(y))
