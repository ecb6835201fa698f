# Pattern: layers.Reshape target computed from x.shape entries (x.shape[1] * x.shape[2], x.shape[3]) before an RNN (OCR captcha style)
import keras
from keras import layers

img_width, img_height = 100, 32

input_img = layers.Input(shape=(img_width, img_height, 1), name="image")
x = layers.Conv2D(16, (3, 3), activation="relu", padding="same", name="Conv1")(input_img)
x = layers.MaxPooling2D((2, 2), name="pool1")(x)
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same", name="Conv2")(x)
x = layers.MaxPooling2D((2, 2), name="pool2")(x)
new_shape = ((img_width // 4), (img_height // 4) * 32)
x = layers.Reshape(target_shape=new_shape, name="to_sequence")(x)
x = layers.Dense(32, activation="relu", name="dense1")(x)
x = layers.Bidirectional(layers.LSTM(32, return_sequences=True, dropout=0.25))(x)
x = layers.Reshape((x.shape[1] * x.shape[2],))(x)
output = layers.Dense(20, activation="softmax", name="dense2")(x)
model = keras.models.Model(inputs=input_img, outputs=output, name="ocr_model_v1")
