# The lecture's parameter example 4 (convolution-lecture.md), as on the slide.
from keras.layers import Input, Convolution1D, Activation
from keras.models import Model

my_input = Input(shape = (100, 5))
my_output = Convolution1D(8, 3)(my_input)
my_output = Activation('sigmoid')(my_output)
my_output = Convolution1D(1, 3)(my_output)
my_output = Activation('sigmoid')(my_output)
model = Model(my_input, my_output)
model.summary()
