# Pattern: a mixed-data model from a course: an image CNN branch built by a function returning a Model, an MLP branch for tabular data, their outputs concatenated (Model.output / Model.input attributes)
from tensorflow.keras.models import Model, Sequential
from tensorflow.keras.layers import Input, Dense, Conv2D, MaxPooling2D, Flatten, BatchNormalization, Activation, concatenate


def create_mlp(dim):
    model = Sequential()
    model.add(Dense(8, input_dim=dim, activation="relu"))
    model.add(Dense(4, activation="relu"))
    return model


def create_cnn(width, height, depth, filters=(16, 32, 64)):
    inputs = Input(shape=(height, width, depth))
    x = inputs
    for f in filters:
        x = Conv2D(f, (3, 3), padding="same")(x)
        x = Activation("relu")(x)
        x = BatchNormalization(axis=-1)(x)
        x = MaxPooling2D(pool_size=(2, 2))(x)
    x = Flatten()(x)
    x = Dense(16)(x)
    x = Activation("relu")(x)
    x = Dense(4)(x)
    x = Activation("relu")(x)
    return Model(inputs, x)


mlp = create_mlp(10)
cnn = create_cnn(64, 64, 3)
combined = concatenate([mlp.output, cnn.output])
x = Dense(4, activation="relu")(combined)
x = Dense(1, activation="linear")(x)
model = Model(inputs=[mlp.input, cnn.input], outputs=x)
model.summary()
