# Pattern: TensorFlow's advanced quickstart: a model class whose call takes no `training`, built by a @tf.function train step (GradientTape, tape.gradient, optimizer.apply_gradients(zip(...))) called on numpy data given a channel axis with [..., tf.newaxis]
import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Conv2D, Dense, Flatten

images = np.random.rand(16, 20, 20).astype("float32")
images = images[..., tf.newaxis]
labels = np.random.randint(0, 5, size=(16,))


class SmallConvNet(Model):
    def __init__(self):
        super().__init__()
        self.conv = Conv2D(8, 3, activation="relu")
        self.flatten = Flatten()
        self.hidden = Dense(32, activation="relu")
        self.logits = Dense(5)

    def call(self, x):
        return self.logits(self.hidden(self.flatten(self.conv(x))))


model = SmallConvNet()
loss_object = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.Adam()
train_loss = tf.keras.metrics.Mean(name="train_loss")


@tf.function
def train_step(batch, targets):
    with tf.GradientTape() as tape:
        predictions = model(batch, training=True)
        loss = loss_object(targets, predictions)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    train_loss(loss)


for epoch in range(2):
    train_loss.reset_state()
    train_step(images, labels)
