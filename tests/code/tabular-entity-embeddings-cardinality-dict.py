# Pattern: Kaggle-style entity embeddings: a dict of column cardinalities, one Input(shape=(1,), name=col) and Embedding(card, min(50, (card + 1) // 2)) per column with f-string names, Flatten, concatenated with a numeric Input
from tensorflow.keras.layers import Input, Embedding, Flatten, Concatenate, Dense, Dropout, BatchNormalization
from tensorflow.keras.models import Model

cardinalities = {"store": 1115, "day_of_week": 7, "month": 12, "state": 12}
num_numeric = 5

inputs, embeddings = [], []
for col, card in cardinalities.items():
    inp = Input(shape=(1,), name=col)
    emb = Embedding(card, min(50, (card + 1) // 2), name=f"{col}_emb")(inp)
    inputs.append(inp)
    embeddings.append(Flatten()(emb))

numeric = Input(shape=(num_numeric,), name="numeric")
inputs.append(numeric)
x = Concatenate()(embeddings + [numeric])
x = Dense(256, activation="relu")(x)
x = BatchNormalization()(x)
x = Dropout(0.3)(x)
x = Dense(64, activation="relu")(x)
output = Dense(1)(x)
model = Model(inputs=inputs, outputs=output)
model.summary()
