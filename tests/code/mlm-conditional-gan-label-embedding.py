# Pattern: a conditional GAN generator as tutorials write it: a label Input through Embedding(n_classes, 50), Dense(7 * 7), Reshape((7, 7, 1)) concatenated with the noise branch, LeakyReLU(alpha=0.2), Conv2DTranspose((4, 4), strides=(2, 2))
from keras.models import Model
from keras.layers import Input, Dense, Reshape, Embedding, Concatenate, Conv2DTranspose, Conv2D, LeakyReLU


def define_generator(latent_dim, n_classes=10):
    in_label = Input(shape=(1,))
    li = Embedding(n_classes, 50)(in_label)
    n_nodes = 7 * 7
    li = Dense(n_nodes)(li)
    li = Reshape((7, 7, 1))(li)
    in_lat = Input(shape=(latent_dim,))
    n_nodes = 128 * 7 * 7
    gen = Dense(n_nodes)(in_lat)
    gen = LeakyReLU(alpha=0.2)(gen)
    gen = Reshape((7, 7, 128))(gen)
    merge = Concatenate()([gen, li])
    gen = Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same")(merge)
    gen = LeakyReLU(alpha=0.2)(gen)
    gen = Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same")(gen)
    gen = LeakyReLU(alpha=0.2)(gen)
    out_layer = Conv2D(1, (7, 7), activation="tanh", padding="same")(gen)
    return Model([in_lat, in_label], out_layer)


latent_dim = 100
g_model = define_generator(latent_dim)
g_model.summary()
