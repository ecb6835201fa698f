# Pattern: the TF word2vec tutorial: a subclassed Word2Vec(tf.keras.Model) with two Embedding attributes (input_length=1 passed as old code does) and tf.einsum in call, built by a call on integer arrays
import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

vocab_size = 4096
embedding_dim = 128
num_ns = 4


class Word2Vec(tf.keras.Model):
    def __init__(self, vocab_size, embedding_dim):
        super(Word2Vec, self).__init__()
        self.target_embedding = layers.Embedding(vocab_size, embedding_dim, name="w2v_embedding")
        self.context_embedding = layers.Embedding(vocab_size, embedding_dim)

    def call(self, pair):
        target, context = pair
        if len(target.shape) == 2:
            target = tf.squeeze(target, axis=1)
        word_emb = self.target_embedding(target)
        context_emb = self.context_embedding(context)
        dots = tf.einsum("be,bce->bc", word_emb, context_emb)
        return dots


word2vec = Word2Vec(vocab_size, embedding_dim)
word2vec.compile(optimizer="adam", loss=tf.keras.losses.CategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
targets = np.zeros((8,), dtype="int64")
contexts = np.zeros((8, num_ns + 1), dtype="int64")
word2vec((targets, contexts))
word2vec.summary()
