# The lecture's parameter example 3 (convolution-lecture.md), as on the slide.
from keras.layers import Input, Convolution2D, Activation
from keras.models import Model

my_input = Input(shape = (100, 100, 3))
my_output = Convolution2D(8, 3)(my_input)
my_output = Activation('sigmoid')(my_output)
my_output = Convolution2D(1, 3)(my_output)
my_output = Activation('sigmoid')(my_output)
model = Model(my_input, my_output)
model.summary()
