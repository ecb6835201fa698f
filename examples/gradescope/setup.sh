#!/usr/bin/env bash
# Gradescope builds its image with this: Python and convcalc, nothing else (no TensorFlow:
# convcalc computes the figures itself). The wheel is built into this folder first (README.md).
set -euo pipefail
apt-get update
apt-get install -y python3 python3-pip
python3 -m pip install /autograder/source/convcalc-*.whl \
    || python3 -m pip install --break-system-packages /autograder/source/convcalc-*.whl
