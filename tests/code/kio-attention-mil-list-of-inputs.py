# Pattern: keras-io attention-based multiple-instance learning: a list of bag_size Inputs, shared Dense layers applied in a loop, a custom MILAttentionLayer (add_weight in build, a list in and a list out), layers.multiply per instance, concatenate
import keras
from keras import layers
from keras import ops

BAG_SIZE = 3
instance_shape = (28, 28)


class MILAttentionLayer(layers.Layer):
    def __init__(self, weight_params_dim, kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.weight_params_dim = weight_params_dim
        self.v_init = keras.initializers.get(kernel_initializer)
        self.w_init = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        input_dim = input_shape[0][1]
        self.v_weight_params = self.add_weight(shape=(input_dim, self.weight_params_dim), initializer=self.v_init, name="v", trainable=True)
        self.w_weight_params = self.add_weight(shape=(self.weight_params_dim, 1), initializer=self.w_init, name="w", trainable=True)

    def call(self, inputs):
        instances = [self.compute_attention_scores(instance) for instance in inputs]
        instances = ops.stack(instances)
        alpha = ops.softmax(instances, axis=0)
        return [alpha[i] for i in range(alpha.shape[0])]

    def compute_attention_scores(self, instance):
        original_instance = instance
        instance = ops.tanh(ops.tensordot(instance, self.v_weight_params, axes=1))
        return ops.tensordot(instance, self.w_weight_params, axes=1)


inputs, embeddings = [], []
shared_dense_layer_1 = layers.Dense(128, activation="relu")
shared_dense_layer_2 = layers.Dense(64, activation="relu")
for _ in range(BAG_SIZE):
    inp = layers.Input(instance_shape)
    flatten = layers.Flatten()(inp)
    dense_1 = shared_dense_layer_1(flatten)
    dense_2 = shared_dense_layer_2(dense_1)
    inputs.append(inp)
    embeddings.append(dense_2)

alpha = MILAttentionLayer(weight_params_dim=256, name="alpha")(embeddings)
multiply_layers = [layers.multiply([alpha[i], embeddings[i]]) for i in range(len(alpha))]
concat = layers.concatenate(multiply_layers, axis=1)
output = layers.Dense(2, activation="softmax")(concat)
model = keras.Model(inputs, output)
model.summary()
