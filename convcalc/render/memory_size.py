"""Keras 3's memory sizes (summary_utils.readable_memory_size: "1.95 KB"), in a module of
their own: the Keras table's totals and convcalc's activation-memory column both write
them, and the column's module is itself used by the table."""

from __future__ import annotations


def readable_memory_size(size):
    for unit in ["B", "KB", "MB", "GB", "TB", "PB"]:
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"
