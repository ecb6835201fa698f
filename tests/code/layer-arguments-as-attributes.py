# A layer's units, filters and rate read back (layer.rate, layer.units): Géron's MC Dropout swap over model.layers (Hands-On ML 3, ch. 11)
import tensorflow as tf

Dropout = tf.keras.layers.Dropout
model = tf.keras.Sequential([
    tf.keras.Input(shape=[28, 28, 1]),
    tf.keras.layers.Conv2D(32, 3, activation="relu"),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dropout(rate=0.2),
    tf.keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal"),
    tf.keras.layers.Dropout(0.3),
    tf.keras.layers.Dense(10, activation="softmax")
])
wider = tf.keras.Sequential(
    [tf.keras.Input(shape=[28, 28, 1])]
    + [tf.keras.layers.Conv2D(layer.filters * 2, 3) if isinstance(layer, tf.keras.layers.Conv2D)
       else tf.keras.layers.Dense(layer.units + 28) if isinstance(layer, tf.keras.layers.Dense)
       else Dropout(layer.rate / 2) if isinstance(layer, Dropout)
       else tf.keras.layers.Flatten()
       for layer in model.layers], name="wider")
mc_model = tf.keras.Sequential([
    Dropout(layer.rate, name=f"mc_{layer.name}") if isinstance(layer, Dropout) else layer
    for layer in model.layers
])
inputs = tf.keras.Input(shape=[28, 28, 1])
model_out = tf.keras.Model(inputs, mc_model(inputs), name="mc")
