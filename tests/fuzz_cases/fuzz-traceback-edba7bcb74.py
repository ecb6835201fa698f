# Pattern: layers sized by a lookup's vocabulary (a literal list): len(lookup.get_vocabulary()) + 1 for a CTC head, vocabulary_size() for an Embedding, int(math.sqrt(...)) for its width; an inverted lookup built from get_vocabulary()
import math
import keras
from keras import layers

alphabet = sorted(set("abcdefghij0123456789"))
char_to_num = layers.StringLookup(vocabulary=list(alphabet), mask_token=None)
num_to_char = layers.StringLookup(vocabulary=char_to_num.get_vocabulary(), mask_token=None, invert=True)
colors = layers.StringLookup(vocabulary=["red", "green", "blue"], num_oov_indices=10**40)

frames = keras.Input(shape=(40, 32), name="frames")
x = layers.Bidirectional(layers.LSTM(16, return_sequences=True))(frames)
chars = layers.Dense(len(char_to_num.get_vocabulary()) + 1, activation="softmax", name="chars")(x)
color = keras.Input(shape=(1,), dtype="int64", name="color")
width = int(math.sqrt(colors.vocabulary_size())) + 1
embedded = layers.Flatten()(layers.Embedding(colors.vocabulary_size(), width)(color))
model = keras.Model([frames, color], [chars, embedded])
