"""Keras's memory sizes (keras/src/utils/summary_utils.py readable_memory_size: "1.95 KB";
tf-keras's the same but for 'Byte'), in a module of their own: the Keras table's totals,
tf-keras's and convcalc's activation-memory column all write them, and the column's
module is itself used by the table."""

from __future__ import annotations


KERAS3_UNITS = ("B", "KB", "MB", "GB", "TB", "PB")
KERAS2_UNITS = ("Byte", "KB", "MB", "GB", "TB", "PB")  # tf_keras's: bytes as 'Byte'


def readable_memory_size(size, units=KERAS3_UNITS):
    for unit in units:
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"
