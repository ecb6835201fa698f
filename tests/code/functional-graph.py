# The functional style: two inputs, a shared layer called on both (its first call used after
# its second), merges, two outputs, and `import keras` spelled out.
import keras

left = keras.Input(shape=(16,), name="left")
right = keras.Input(shape=(16,), name="right")
encoder = keras.layers.Dense(8, activation="relu", name="encoder")
a = encoder(left)
b = encoder(right)
difference = keras.layers.Subtract()([a, b])
joined = keras.layers.Concatenate()([a, b, difference])
x = keras.layers.Dense(4)(joined)
score = keras.layers.Dense(1, activation="sigmoid", name="score")(x)
aux = keras.layers.Dense(2, name="aux")(a)
model = keras.Model(inputs=[left, right], outputs=[score, aux], name="siamese")
