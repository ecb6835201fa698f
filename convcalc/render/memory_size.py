"""Keras's memory sizes (keras/src/utils/summary_utils.py readable_memory_size: "1.95 KB";
tf-keras's the same but for 'Byte'), in a module of their own: the Keras table's totals,
tf-keras's and convcalc's activation-memory column all write them, and the column's
module is itself used by the table."""

from __future__ import annotations

from fractions import Fraction

KERAS3_UNITS = ("B", "KB", "MB", "GB", "TB", "PB")
KERAS2_UNITS = ("Byte", "KB", "MB", "GB", "TB", "PB")  # tf_keras's: bytes as 'Byte'


def readable_memory_size(size, units=KERAS3_UNITS):
    """`size` bytes (an int, a Fraction or a float) as Keras writes them. Keras divides a
    float by 1024 (exact: a power of two) and writes it with two decimals: the float
    nearest the exact size, so the same text; a size past the largest float (Keras's
    OverflowError) is written exactly instead."""
    try:
        value = float(size)
    except OverflowError:
        return _exact_size(Fraction(size), units)
    for unit in units:
        if value / 1024 < 1:
            return f"{value:.2f} {unit}"
        value /= 1024
    return f"{value:.2f} {units[-1]}"


def _exact_size(size, units):
    """A size too large for a float, as Keras's loop leaves it: divided by 1024 once per
    unit (once more than the last unit's scale: 3,072 PB is written 3.00 PB), with two
    decimals (rounded half to even, as float formatting rounds)."""
    hundredths = round(size / 1024 ** len(units) * 100)
    return f"{hundredths // 100}.{hundredths % 100:02d} {units[-1]}"
