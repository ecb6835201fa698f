"""The analysis: a model graph's shapes, weights and names, as Keras builds them."""
