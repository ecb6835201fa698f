# Pattern: TensorFlow's RNN text classification tutorial adapted to Keras 3: predict on np.array of Python strings, which Keras 3 refuses (numpy's '<U..' dtype is no Keras dtype)
import numpy as np
import keras

encoder = keras.layers.TextVectorization(max_tokens=50)
encoder.adapt(np.array(["the movie was great", "a dull film", "great acting"]))
model = keras.Sequential([
    encoder,
    keras.layers.Embedding(len(encoder.get_vocabulary()), 8, mask_zero=True),
    keras.layers.Bidirectional(keras.layers.LSTM(8)),
    keras.layers.Dense(1),
])
predictions = model.predict(np.array(["the movie was great"]), verbose=0)
