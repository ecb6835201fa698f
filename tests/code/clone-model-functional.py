# keras.models.clone_model of functional models with named Inputs: names kept, a shared layer stays shared, two inputs and two outputs
import keras
from keras import layers

image = keras.Input(shape=(32, 32, 3), name="image")
meta = keras.Input(shape=(4,), name="meta")
x = layers.Conv2D(8, 3, activation="relu")(image)
x = layers.GlobalAveragePooling2D()(x)
shared = layers.Dense(8, activation="relu")
a = shared(x)
b = shared(layers.Dense(8)(meta))
merged = layers.concatenate([a, b])
score = layers.Dense(1, name="score")(merged)
label = layers.Dense(3, activation="softmax", name="label")(merged)
original = keras.Model(inputs=[image, meta], outputs={"score": score, "label": label}, name="two_heads")

model = keras.models.clone_model(original)
model.set_weights(original.get_weights())
# made after the clone, named as if there were none (dense_2, sequential): the clone took no auto-name
probe = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(1)])

# a frozen model's clone: trainable itself (Model(..., name=...)), its layers frozen by their configs
x = keras.Input(shape=(4,), name="x")
base = keras.Model(x, layers.Dense(2)(layers.Dense(3)(x)), name="base")
base.trainable = False
base_copy = keras.models.clone_model(base)
