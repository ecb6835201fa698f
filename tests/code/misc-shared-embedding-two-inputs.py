# Pattern: one Embedding and one LSTM layer object shared by two text inputs, outputs concatenated
import keras
from keras import layers

question = keras.Input(shape=(None,), dtype="int32", name="question")
answer = keras.Input(shape=(None,), dtype="int32", name="answer")

shared_embedding = layers.Embedding(2000, 32)
shared_lstm = layers.LSTM(24)

q = shared_lstm(shared_embedding(question))
a = shared_lstm(shared_embedding(answer))
x = layers.concatenate([q, a])
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model([question, answer], outputs)
