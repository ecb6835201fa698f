# Pattern: slicing channels and time steps of tensors (x[..., :3], x[:, -1, :], x[:, ::2]) and negative / comparison ops
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(16, 6))
rgb = inputs[..., :3]
extra = inputs[..., 3:]
last_step = inputs[:, -1, :]
every_other = inputs[:, ::2]
x = layers.LSTM(8)(every_other)
y = layers.Dense(8)(last_step)
mask = extra > 0.5
diff = -rgb
z = layers.Concatenate()([x, y])
model = keras.Model(inputs, [z, mask, diff])
