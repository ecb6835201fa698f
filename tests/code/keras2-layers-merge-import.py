# Pattern: Keras 2.0-era module paths: `from keras.layers.merge import concatenate` and `from keras.layers.core import Dense` (gone in Keras 3: Keras refuses the import)
from keras.models import Model
from keras.layers import Input
from keras.layers.core import Dense
from keras.layers.merge import concatenate

a = Input(shape=(16,))
b = Input(shape=(8,))
x = concatenate([a, b])
out = Dense(1)(x)
model = Model(inputs=[a, b], outputs=out)
model.summary()
