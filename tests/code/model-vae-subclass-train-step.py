# Pattern: VAE as a keras.Model subclass holding a functional encoder and decoder, with train_step (never built itself)
import keras
from keras import layers, ops

latent_dim = 2

encoder_inputs = keras.Input(shape=(16,))
h = layers.Dense(8, activation="relu")(encoder_inputs)
z_mean = layers.Dense(latent_dim, name="z_mean")(h)
z_log_var = layers.Dense(latent_dim, name="z_log_var")(h)
encoder = keras.Model(encoder_inputs, [z_mean, z_log_var], name="encoder")

latent_inputs = keras.Input(shape=(latent_dim,))
h = layers.Dense(8, activation="relu")(latent_inputs)
decoder_outputs = layers.Dense(16, activation="sigmoid")(h)
decoder = keras.Model(latent_inputs, decoder_outputs, name="decoder")


class VAE(keras.Model):
    def __init__(self, encoder, decoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder
        self.total_loss_tracker = keras.metrics.Mean(name="total_loss")

    @property
    def metrics(self):
        return [self.total_loss_tracker]

    def train_step(self, data):
        z_mean, z_log_var = self.encoder(data)
        reconstruction = self.decoder(z_mean)
        loss = ops.mean(ops.square(data - reconstruction))
        self.total_loss_tracker.update_state(loss)
        return {"loss": self.total_loss_tracker.result()}


vae = VAE(encoder, decoder)
vae.compile(optimizer=keras.optimizers.Adam())
