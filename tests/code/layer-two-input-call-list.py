# Pattern: custom Layer taking a list of two tensors in call (additive attention pooling), with weights made in build
import keras
from keras import layers, ops


class AttentionPool(layers.Layer):
    def build(self, input_shape):
        query_shape, value_shape = input_shape
        self.w = self.add_weight(shape=(value_shape[-1], query_shape[-1]), initializer="glorot_uniform", name="w")

    def call(self, inputs):
        query, values = inputs
        scores = ops.einsum("btd,dq,bq->bt", values, self.w, query)
        weights = ops.softmax(scores, axis=-1)
        return ops.sum(values * ops.expand_dims(weights, -1), axis=1)


sequence = keras.Input(shape=(50, 24))
context = keras.Input(shape=(8,))
pooled = AttentionPool()([context, sequence])
outputs = layers.Dense(4, activation="softmax")(pooled)
model = keras.Model([sequence, context], outputs)
