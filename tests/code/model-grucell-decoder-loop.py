# Pattern: a seq2seq-style decoder Model stepping a GRUCell by hand in a Python loop (one tensor as its state), ops.stack of the steps
import keras
from keras import layers, ops
class Dec(keras.Model):
    def __init__(self):
        super().__init__()
        self.cell = layers.GRUCell(8)
        self.out = layers.Dense(5)
    def call(self, x):
        state = ops.zeros((ops.shape(x)[0], 8))
        outs = []
        for t in range(3):
            h, state = self.cell(x, state)
            outs.append(self.out(h))
        return ops.stack(outs, axis=1)
model = Dec()
model(ops.zeros((2, 4)))
