"""The one exception convcalc reports to users: a clear message, never a traceback."""

from __future__ import annotations

import difflib
import re
import reprlib


class SpecError(Exception):
    """Bad input: where it is (file, line, layer), what is wrong, what would be right."""

    def __init__(self, what, *, hint=None, file=None, line=None, layer=None):
        super().__init__(what)
        self.what = what
        self.hint = hint
        self.file = file
        self.line = line
        self.layer = layer  # e.g. "layer 3 'conv2d_1' (Conv2D)"

    def located(self, *, file=None, line=None, layer=None):
        """Fill in whatever location the raiser did not know; returns self."""
        self.file = self.file or file
        self.line = self.line or line
        self.layer = self.layer or layer
        return self

    def __str__(self):
        locate = getattr(self.file, "locate", None)  # a notebook: its cell and the line there
        if locate is not None and self.line is not None:
            where = f"{self.file}, {locate(self.line)}"
        else:
            where = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        what, hint = self.what, self.hint
        if locate is not None:  # the lines a message cites, too ("a class defined at line 12")
            what, hint = (re.sub(r"\bline (\d+)\b", lambda m: locate(int(m.group(1))), t) if t else t
                          for t in (what, hint))
        parts = [p for p in (where, self.layer) if p]
        text = f"{': '.join(parts)}: {what}" if parts else what
        if hint:
            text += f"\n  {hint}"
        return text


def did_you_mean(word, choices):
    """' Did you mean 'x'?' for the closest choice, or ''."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f" Did you mean '{close[0]}'?" if close else ""


_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxset = 2, 6, 6, 6
_SHOWN.maxstring, _SHOWN.maxlong, _SHOWN.maxother = 60, 60, 60


def shown(value):
    """A value as a message quotes it: its repr, cut short (a spec may hold huge or
    deeply shared structures: repr of a YAML alias bomb would never finish)."""
    return _SHOWN.repr(value)
