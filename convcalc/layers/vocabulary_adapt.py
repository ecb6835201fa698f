"""What a lookup's adapt() learns from data the code writes out (a list of strings or
integers): its vocabulary, so vocabulary_size() and the depth of an encoding output are
known without running anything.

keras/src/layers/preprocessing/index_lookup.py (adapt, update_state, finalize_state):
the terms are counted, the mask and OOV tokens dropped, and the rest sorted by count,
ties by the term itself, both from high to low, then cut to max_tokens less the special
tokens. keras/src/layers/preprocessing/text_vectorization.py (_preprocess): each string
is first standardized, split and combined into ngrams, and each string is a document.
"""

from __future__ import annotations

import collections
import math
import re

from convcalc.errors import SpecError, shown

# text_vectorization.py's strip_punctuation pattern; tf.strings.lower maps ASCII letters
# only, and tf.strings.split splits on ASCII whitespace runs
_PUNCTUATION = re.compile(r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']')
_WHITESPACE = re.compile(r"[ \t\n\v\f\r]+")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

ADAPTED_LOOKUPS = ("IntegerLookup", "StringLookup", "TextVectorization")


def _documents(data, term_type):
    """The data as Keras's adapt sees it: rows (documents) of terms; a flat list is one
    term per row (adapt expands a rank-1 input to (n, 1))."""
    if isinstance(data, (str, int)) or not isinstance(data, (list, tuple)) or not data:
        raise SpecError("adapt() is given data convcalc does not read: write a non-empty list of "
                        f"{term_type}s (or a list of lists of them)")
    rows = [list(row) if isinstance(row, (list, tuple)) else [row] for row in data]
    if any(len(row) != len(rows[0]) for row in rows):
        raise SpecError("adapt() is given rows of different lengths: Keras refuses a ragged list "
                        "(\"Can't convert non-rectangular Python sequence to Tensor\")")
    for row in rows:
        for term in row:
            if term_type == "string" and not isinstance(term, str) or \
                    term_type == "integer" and (not isinstance(term, int) or isinstance(term, bool)):
                raise SpecError(f"adapt() is given {shown(term)} among its data; this layer's terms are {term_type}s")
    return rows


def _text_terms(text, standardize, split, ngrams):
    if standardize in ("lower", "lower_and_strip_punctuation"):
        text = text.translate(_LOWER)
    if standardize in ("strip_punctuation", "lower_and_strip_punctuation"):
        text = _PUNCTUATION.sub("", text)
    if split is None:
        tokens = [text]
    elif split == "whitespace":
        tokens = [token for token in _WHITESPACE.split(text) if token]
    else:  # "character": tf.strings.unicode_split
        tokens = list(text)
    if ngrams is None:
        return tokens
    # widths past the text's length make no ngram (tf.strings.ngrams)
    widths = range(1, min(ngrams, len(tokens)) + 1) if isinstance(ngrams, int) else [
        w for w in ngrams if isinstance(w, int) and 0 < w <= len(tokens)]
    return [" ".join(tokens[i:i + width]) for width in widths for i in range(len(tokens) - width + 1)]


def adapted_vocabulary(class_name, config, data):
    """{"vocabulary": terms} (and "idf_weights" in tf_idf mode) that adapt(data) gives a
    layer of this class and configuration (its keyword arguments); None when convcalc
    cannot know them (the code's own standardize function)."""
    text = class_name == "TextVectorization"
    if config.get("vocabulary") is not None:
        raise SpecError("adapt() on a layer given a `vocabulary`: Keras refuses it (\"Cannot adapt layer "
                        "after setting a static vocabulary\")")
    for key in ("max_tokens", "num_oov_indices"):
        if not isinstance(config.get(key, 1), (int, type(None))):
            raise SpecError(f"adapt() on a layer whose '{key}' convcalc does not know")
    term_type = "integer" if class_name == "IntegerLookup" else "string"
    rows = _documents(data, term_type)
    if text:
        standardize = config.get("standardize", "lower_and_strip_punctuation")
        split, ngrams = config.get("split", "whitespace"), config.get("ngrams")
        if any(callable(v) or not isinstance(v, (str, int, tuple, list, type(None))) for v in (standardize, split, ngrams)):
            return None  # a standardize or split function of the code's, never run: the vocabulary is not known
        rows = [[term for item in row for term in _text_terms(item, standardize, split, ngrams)] for row in rows]
    output_mode = config.get("output_mode", "int")
    mask_token = "" if text else config.get("mask_token")
    oov_token = config.get("oov_token", -1 if term_type == "integer" else "[UNK]")
    num_oov = config.get("num_oov_indices", 1)
    counts = collections.Counter(term for row in rows for term in row)
    for special in (mask_token, oov_token):
        counts.pop(special, None)
    if not counts:
        raise SpecError("adapt() is given data without a term: the vocabulary would hold only the special tokens")
    terms = sorted(counts, key=lambda term: (counts[term], term), reverse=True)
    start = (1 if mask_token is not None and output_mode == "int" else 0) + num_oov
    if config.get("max_tokens"):
        terms = terms[:max(config["max_tokens"] - start, 0)]
    learned = {"vocabulary": terms}
    if output_mode == "tf_idf":  # index_lookup.py _inverse_document_frequency
        documents = [set(row) for row in rows]
        learned["idf_weights"] = [math.log(1 + len(rows) / (1 + sum(term in d for d in documents))) for term in terms]
    return learned
