"""Read Python code that builds a Keras model, with `ast`, never running it (in progress)."""

from __future__ import annotations

from convcalc.errors import SpecError


def read_code(path, model=None, naming=None):
    raise SpecError("reading Keras code is not available yet", file=str(path))
