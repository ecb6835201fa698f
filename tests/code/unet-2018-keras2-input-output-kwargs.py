# Pattern: the 2018-era U-Net script: Conv2D(64, 3, activation = 'relu', padding = 'same', kernel_initializer = 'he_normal'), Dropout, UpSampling2D(size = (2,2)), concatenate(axis = 3), and Model(input = inputs, output = conv10) (Keras 2 keywords: Keras 3 refuses them)
from keras.models import Model
from keras.layers import Input, Conv2D, MaxPooling2D, Dropout, UpSampling2D, concatenate


def unet(input_size=(128, 128, 1)):
    inputs = Input(input_size)
    conv1 = Conv2D(64, 3, activation = 'relu', padding = 'same', kernel_initializer = 'he_normal')(inputs)
    conv1 = Conv2D(64, 3, activation = 'relu', padding = 'same', kernel_initializer = 'he_normal')(conv1)
    pool1 = MaxPooling2D(pool_size=(2, 2))(conv1)
    conv2 = Conv2D(128, 3, activation = 'relu', padding = 'same', kernel_initializer = 'he_normal')(pool1)
    conv2 = Conv2D(128, 3, activation = 'relu', padding = 'same', kernel_initializer = 'he_normal')(conv2)
    drop2 = Dropout(0.5)(conv2)
    up3 = Conv2D(64, 2, activation = 'relu', padding = 'same', kernel_initializer = 'he_normal')(UpSampling2D(size = (2,2))(drop2))
    merge3 = concatenate([conv1, up3], axis = 3)
    conv3 = Conv2D(64, 3, activation = 'relu', padding = 'same', kernel_initializer = 'he_normal')(merge3)
    conv4 = Conv2D(1, 1, activation = 'sigmoid')(conv3)
    model = Model(input = inputs, output = conv4)
    return model


model = unet()
model.summary()
