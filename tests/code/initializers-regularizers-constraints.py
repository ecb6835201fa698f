# Pattern: initializer, regularizer and constraint objects passed as layer arguments (no shape or count changes)
import keras
from keras import layers, regularizers, initializers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(16, 3, padding="same", kernel_initializer=keras.initializers.HeNormal(),
                  kernel_regularizer=regularizers.l2(1e-4)),
    layers.BatchNormalization(gamma_initializer=initializers.RandomNormal(1.0, 0.02)),
    layers.Flatten(),
    layers.Dense(64, activation="relu", kernel_constraint=keras.constraints.MaxNorm(3),
                 bias_regularizer=keras.regularizers.L1L2(l1=1e-5, l2=1e-4)),
    layers.Dense(10, kernel_initializer=initializers.RandomNormal(stddev=0.02),
                 activity_regularizer=regularizers.l1(1e-5)),
])
model.summary()
