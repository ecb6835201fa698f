"""Readers: turn a source (a YAML spec; later Keras configs and code) into a ModelGraph."""

from __future__ import annotations

from convcalc.graph import ModelGraph
from convcalc.read.yaml_spec import read_spec


def read_model(path) -> ModelGraph:
    return read_spec(path)
