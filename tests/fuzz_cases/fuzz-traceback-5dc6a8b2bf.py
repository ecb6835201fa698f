# Pattern: MLP-Mixer block as a Layer subclass with two Sequential MLPs, ops.transpose, and the block used in a for loop
import keras
from keras import layers, ops


class MLPMixerLayer(layers.Layer):
    def __init__(self, num_patches, hidden_units, dropout_rate, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mlp1 = keras.Sequential(
            [layers.Dense(units=num_patches, activation="gelu"), layers.Dense(units=num_patches), layers.Dropout(rate=dropout_rate)]
        )
        self.mlp2 = keras.Sequential(
            [layers.Dense(units=num_patches, activation="gelu"), layers.Dense(units=hidden_units), layers.Dropout(rate=dropout_rate)]
        )
        self.normalize = layers.LayerNormalization(epsilon=1e-6)

    def call(self, inputs):
        x = self.normalize(inputs)
        x_channels = ops.transpose(x, axes=(0, 2, 1))
        mlp1_outputs = self.mlp1(x_channels)
        mlp1_outputs = ops.transpose(mlp1_outputs, axes=x)
        x = mlp1_outputs + inputs
        x_patches = self.normalize(x)
        mlp2_outputs = self.mlp2(x_patches)
        return x + mlp2_outputs


num_patches = 16
embedding_dim = 32

inputs = layers.Input(shape=(num_patches, 48))
x = layers.Dense(units=embedding_dim)(inputs)
for _ in range(3):
    x = MLPMixerLayer(num_patches, embedding_dim, 0.1)(x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(5)(x)
model = keras.Model(inputs, outputs)
