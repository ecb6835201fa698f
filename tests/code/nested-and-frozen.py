# Nested models: a frozen Sequential feature extractor and a small functional head used in
# an outer functional model; a layer frozen after construction.
from keras import Input, Model, Sequential, layers

base = Sequential(
    [Input((28, 28, 1)), layers.Conv2D(8, 3), layers.BatchNormalization(), layers.MaxPooling2D(), layers.Flatten()],
    name="features",
)
base.trainable = False

head_in = Input((1352,))
h = layers.Dense(16, activation="relu")(head_in)
h = layers.Dropout(0.5)(h)
head = Model(head_in, layers.Dense(10)(h), name="head")

inputs = Input((28, 28, 1))
x = base(inputs)
x = head(x)
last = layers.Dense(2)
outputs = last(x)
last.trainable = False
model = Model(inputs, outputs)
