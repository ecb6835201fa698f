"""convcalc: Keras model shapes and parameter counts, computed analytically."""

__version__ = "0.1.0"
