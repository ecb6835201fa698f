# Pattern: Hands-On ML's WaveNet: gated activation units written with keras.activations.tanh(z) * keras.activations.sigmoid(z) on the outputs of causal dilated Conv1D layers, keras.activations.relu of the summed skips, and relu/softmax/linear with their own arguments
import keras
from keras import layers

n_filters = 8
inputs = keras.Input(shape=[None, 1])
z = layers.Conv1D(2 * n_filters, kernel_size=2, padding="causal")(inputs)
skip_to_last = []
for dilation_rate in [1, 2, 4] * 2:
    x = z
    z = layers.Conv1D(2 * n_filters, kernel_size=2, padding="causal", dilation_rate=dilation_rate)(z)
    z = layers.Multiply()([keras.activations.tanh(z), keras.activations.sigmoid(z)])
    z = layers.Conv1D(n_filters, kernel_size=1)(z)
    z = layers.Conv1D(2 * n_filters, kernel_size=1)(z)
    skip_to_last.append(z)
    z = layers.Add()([z, x])
z = keras.activations.relu(layers.Add()(skip_to_last))
z = layers.Conv1D(n_filters, kernel_size=1, activation="relu")(z)
z = keras.activations.relu(z, negative_slope=0.1, max_value=6.0)
z = keras.activations.linear(keras.activations.elu(z, alpha=0.5))
outputs = keras.activations.softmax(layers.Conv1D(4, kernel_size=1)(z), axis=-1)
model = keras.Model(inputs=[inputs], outputs=[outputs])
