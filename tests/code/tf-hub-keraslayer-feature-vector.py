# Pattern: TF Hub transfer learning: `import tensorflow_hub as hub` and hub.KerasLayer(url, input_shape=..., trainable=False) first in a Sequential (the package is not installed here: Keras's run fails on the import)
import tensorflow as tf
import tensorflow_hub as hub

feature_extractor_url = "https://tfhub.dev/google/tf2-preview/mobilenet_v2/feature_vector/4"
feature_extractor_layer = hub.KerasLayer(feature_extractor_url, input_shape=(224, 224, 3), trainable=False)

model = tf.keras.Sequential([
    feature_extractor_layer,
    tf.keras.layers.Dense(5),
])
model.summary()
