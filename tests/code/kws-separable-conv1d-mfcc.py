# Pattern: a keyword-spotting model on MFCC frames: SeparableConv1D blocks with BatchNormalization, MaxPooling1D, GlobalMaxPooling1D and Dropout
import keras
from keras import layers

num_frames, num_mfcc, num_words = 98, 40, 12

model = keras.Sequential(name="kws")
model.add(keras.Input(shape=(num_frames, num_mfcc)))
for filters in (64, 128, 128):
    model.add(layers.SeparableConv1D(filters, 5, padding="same", activation="relu"))
    model.add(layers.BatchNormalization())
    model.add(layers.MaxPooling1D(2))
model.add(layers.GlobalMaxPooling1D())
model.add(layers.Dropout(0.3))
model.add(layers.Dense(num_words, activation="softmax"))
model.summary()
