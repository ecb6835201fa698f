"""Real Keras beside convcalc: the reference builder and the check that compares."""
