"""The vocabulary convcalc learns from adapt() on literal data is Keras's own: the same
terms in the same order (get_vocabulary()), for each lookup class and the options that
change what is counted (case, punctuation, splitting, ngrams, max_tokens, the mask and
OOV tokens, tf_idf's document counts)."""

import pytest

from convcalc.errors import SpecError
from convcalc.layers.vocabulary_adapt import adapted_vocabulary

TEXTS = ["The cat sat on the mat.", "the DOG, the cat!", "  a\tbird  and a cat ", "Élan élan über"]
CASES = [
    ("StringLookup", {}, ["b", "a", "c", "b", "b", "[UNK]", "a"]),
    ("StringLookup", {"mask_token": "", "output_mode": "int"}, [["x", ""], ["y", "x"]]),
    ("StringLookup", {"max_tokens": 3, "output_mode": "multi_hot"}, ["d", "c", "b", "a", "a"]),
    ("StringLookup", {"num_oov_indices": 2, "max_tokens": 4}, ["p", "q", "r", "q"]),
    ("IntegerLookup", {}, [[3], [7], [3], [-1], [12], [7], [7], [5]]),
    ("IntegerLookup", {"mask_token": 0, "output_mode": "one_hot"}, [0, 4, 4, 9, 0, 2]),
    ("TextVectorization", {}, TEXTS),
    ("TextVectorization", {"standardize": "lower", "max_tokens": 6}, TEXTS),
    ("TextVectorization", {"standardize": None, "split": "character"}, ["ab, ba", "Ab"]),
    ("TextVectorization", {"standardize": "strip_punctuation", "split": None}, ["A b.", "a b", "A b"]),
    ("TextVectorization", {"ngrams": 2, "output_mode": "multi_hot"}, TEXTS),
    ("TextVectorization", {"ngrams": (1, 3), "max_tokens": 9, "output_mode": "count"}, TEXTS),
    ("TextVectorization", {"output_mode": "tf_idf"}, TEXTS),
    ("TextVectorization", {"ngrams": (2, 40)}, TEXTS),  # a width past every text's length: no ngram of it
]


def test_a_huge_ngrams_width_makes_only_the_ngrams_a_text_has():
    assert adapted_vocabulary("TextVectorization", {"ngrams": 10 ** 30}, ["a b"]) == \
        adapted_vocabulary("TextVectorization", {"ngrams": 2}, ["a b"])


@pytest.fixture(scope="module")
def keras():
    from convcalc.oracle.keras_reference import import_keras

    return import_keras("tensorflow")


@pytest.mark.parametrize(("class_name", "config", "data"), CASES)
def test_adapt_learns_what_keras_learns(keras, class_name, config, data):
    layer = getattr(keras.layers, class_name)(**config)
    layer.adapt(data)
    learned = adapted_vocabulary(class_name, config, data)
    start = len(layer.get_vocabulary()) - len(learned["vocabulary"])
    assert layer.get_vocabulary()[start:] == learned["vocabulary"]
    assert layer.vocabulary_size() == start + len(learned["vocabulary"])
    if "idf_weights" in learned:
        lookup = getattr(layer, "_lookup_layer", layer)  # TextVectorization counts in its StringLookup
        weights = lookup.idf_weights_const.numpy().tolist()[start:]
        assert weights == pytest.approx(learned["idf_weights"], rel=1e-6)


@pytest.mark.parametrize(("class_name", "config", "data", "message"), [
    ("StringLookup", {"vocabulary": ["a"]}, ["a"], "Cannot adapt layer after setting a static vocabulary"),
    ("StringLookup", {}, [["a"], ["b", "c"]], "rows of different lengths"),
    ("StringLookup", {}, [1, 2], "this layer's terms are strings"),
    ("IntegerLookup", {}, ["a"], "this layer's terms are integers"),
    ("StringLookup", {}, [], "a non-empty list"),
    ("StringLookup", {}, ["[UNK]"], "without a term"),
])
def test_adapt_refuses_what_keras_refuses_or_cannot_learn(class_name, config, data, message):
    with pytest.raises(SpecError, match=message.replace("(", r"\(")):
        adapted_vocabulary(class_name, config, data)
