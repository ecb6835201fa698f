# Pattern: print(model.summary()) of a Sequential MLP whose first layer is Reshape((784,), input_shape=(28, 28)); the data loaded and reshaped under a flag that is False
import tensorflow as tf

TRAIN = False

model = tf.keras.models.Sequential()
model.add(tf.keras.layers.Reshape((784,), input_shape=(28, 28)))
model.add(tf.keras.layers.Dense(512, activation=tf.nn.relu))
model.add(tf.keras.layers.Dropout(0.2))
model.add(tf.keras.layers.Dense(256, activation=tf.nn.relu))
model.add(tf.keras.layers.Dense(10, activation=tf.nn.softmax))
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])

if TRAIN:
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
    history = model.fit(x_train / 255.0, y_train, epochs=5, validation_split=0.1)

print(model.summary())
