# A feature extractor from a Sequential (the Keras guide "The Sequential model"): Model(inputs=model.inputs, outputs=[layer.output for layer in model.layers]).
import keras
from keras import layers

initial_model = keras.Sequential(
    [
        keras.Input(shape=(250, 250, 3)),
        layers.Conv2D(32, 5, strides=2, activation="relu"),
        layers.Conv2D(32, 3, activation="relu"),
        layers.Conv2D(32, 3, activation="relu"),
    ]
)
feature_extractor = keras.Model(
    inputs=initial_model.inputs,
    outputs=[layer.output for layer in initial_model.layers],
)
feature_extractor.summary()
