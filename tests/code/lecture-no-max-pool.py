# The lecture's "Why max-pool?" model (convolution-lecture.md), as on the slide, with the
# Dense(1) head the slide adds in words ("64 x (22 x 22) + 1 = 30,977 parameters").
from keras import layers, models

model_no_max_pool = models.Sequential()
model_no_max_pool.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))
model_no_max_pool.add(layers.Conv2D(64, (3, 3), activation='relu'))
model_no_max_pool.add(layers.Conv2D(64, (3, 3), activation='relu'))
model_no_max_pool.add(layers.Flatten())
model_no_max_pool.add(layers.Dense(1))
model_no_max_pool.summary()
