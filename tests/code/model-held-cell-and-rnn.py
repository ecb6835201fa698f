# Pattern: an RNN and the LSTMCell it wraps both held by a subclassed model; the cell's row shows ? and the RNN's weights, counted once
import keras
from keras import layers
class M(keras.Model):
    def __init__(self):
        super().__init__()
        self.cell = layers.LSTMCell(8)
        self.rnn = layers.RNN(self.cell, return_state=True)
        self.d = layers.Dense(3)
    def call(self, x):
        y, *state = self.rnn(x)
        return self.d(y)
model = M()
model(keras.ops.zeros((4, 5, 6)))
