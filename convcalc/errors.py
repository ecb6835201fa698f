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


def too_many_digits(error, text=None, **where):
    """Python's ValueError for an integer of more digits than it converts
    (sys.get_int_max_str_digits(): 4,300) as a SpecError, or None for any other error;
    `text` (the input's text) gives the line of the first such integer."""
    found = re.search(r"limit \((\d+) digits\).*?value has (\d+) digits", str(error))
    if found is None:
        return None
    limit, digits = map(int, found.groups())
    if text is not None and where.get("line") is None:
        run = re.search(r"\d{%d,}" % (limit + 1), text)
        where["line"] = text.count("\n", 0, run.start()) + 1 if run else None
    return SpecError(f"an integer of {digits:,} digits: convcalc reads integers of at most {limit:,} digits "
                     "(Python's limit for writing them in decimal)", hint="use a smaller number", **where)


def printable_digits():
    """The most digits Python writes an integer with (sys.get_int_max_str_digits(), 4,300),
    or None for no limit."""
    import sys

    return sys.get_int_max_str_digits() or None


def check_printable(where, params, shapes):
    """A figure Keras's summary writes (f"{n:,}"), params or a size of `shapes`, must have
    no more digits than Python writes; else a SpecError `where` (a layer, the model)."""
    digits = printable_digits()
    if digits is None:
        return
    limit = 10**digits
    for what, values in (("parameter count", [params]), ("output shape", [d for s in shapes for d in s])):
        if any(isinstance(v, int) and abs(v) >= limit for v in values):
            raise SpecError(f"{where}: its {what} has more than {digits:,} digits, more than Python (and so "
                            "Keras) writes", hint="use smaller sizes")


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


class _Shown(reprlib.Repr):
    """reprlib's short reprs, but never a Python object's own (`<... object at 0x...>`):
    an object of convcalc's (a layer, a value the code reader made) is said in words."""

    def repr_instance(self, obj, level):
        if type(obj).__repr__ is not object.__repr__:
            text = super().repr_instance(obj, level)
            if " at 0x" not in text:
                return text
        return _described(obj)


def _described(obj):
    """An object as a message names it: 'a Dense layer', 'len (a Builtin)'."""
    class_name, name = getattr(obj, "class_name", None), getattr(obj, "name", None)
    if isinstance(class_name, str):
        return f"a {class_name} layer" + (f" '{name}'" if isinstance(name, str) else "")
    if isinstance(name, str):
        return f"{name} (a {type(obj).__name__})"
    return f"an object of type {type(obj).__name__}"


_SHOWN = _Shown()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxset = 2, 6, 6, 6
_SHOWN.maxstring, _SHOWN.maxlong, _SHOWN.maxother = 60, 60, 60


def shown(value):
    """A value as a message quotes it: its repr, cut short (a spec may hold huge or
    deeply shared structures: repr of a YAML alias bomb would never finish)."""
    return _SHOWN.repr(value)
