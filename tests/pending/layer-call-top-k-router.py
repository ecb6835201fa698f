# Pattern: keras-io's switch transformer: a router layer class whose call picks experts with tf.math.top_k(router_probs, k=1) and builds a dispatch tensor with tf.one_hot of the indices
import tensorflow as tf
import keras
from keras import layers


class Router(layers.Layer):
    def __init__(self, num_experts, **kwargs):
        super().__init__(**kwargs)
        self.num_experts = num_experts
        self.route = layers.Dense(num_experts)

    def call(self, inputs):
        router_probs = keras.activations.softmax(self.route(inputs), axis=-1)
        expert_gate, expert_index = tf.math.top_k(router_probs, k=1)
        dispatch = tf.one_hot(expert_index[:, :, 0], depth=self.num_experts)
        return dispatch * expert_gate


inputs = keras.Input(shape=(10, 16))
outputs = Router(4)(inputs)
model = keras.Model(inputs, outputs)
