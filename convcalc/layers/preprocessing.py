"""Preprocessing layers (keras/src/layers/preprocessing, its image_preprocessing folder
aside): Rescaling, Normalization, the feature encoders and lookups, TextVectorization,
the spectrograms and Pipeline.

A layer whose output size Keras learns from data (a lookup's vocabulary after adapt())
is computed from the arguments that fix it (`vocabulary`, or `pad_to_max_tokens` with
`max_tokens`), and refused with a clear message when none is given.
"""

from __future__ import annotations

import math

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import InnerLayer, Layer, PositionWise, Weight, format_shape
from convcalc.layers.image_preprocessing import is_number
from convcalc.layers.operation_utils import NonPositiveSize, window_output_shape
from convcalc.layers.registry import register


def _choice(value, choices, name):
    return arg.one_of(value, choices, name, case_sensitive=True)


def _output_mode(value):
    """A lookup's output_mode, Keras's aliases ('binary', 'tf-idf') resolved."""
    if isinstance(value, str):
        value = {"binary": "multi_hot", "tf-idf": "tf_idf"}.get(value, value)
    return _choice(value, ("int", "one_hot", "multi_hot", "count", "tf_idf"), "output_mode")


def array_shape(value, name):
    """The shape numpy gives a number or a nested list of numbers (np.shape)."""
    return _array_shape(value, name, {}, 0)


MAX_NDIM = 64  # numpy's limit on an array's dimensions


def _array_shape(value, name, measured, depth):
    """Each list measured once (YAML aliases may share lists exponentially often), to
    numpy's depth at most (a spec may nest lists a thousand deep)."""
    if is_number(value):
        return ()
    if isinstance(value, (list, tuple)) and value and depth < MAX_NDIM:
        if id(value) not in measured:
            shapes = {_array_shape(v, name, measured, depth + 1) for v in value}
            measured[id(value)] = (len(value), *shapes.pop()) if len(shapes) == 1 else None
        if measured[id(value)] is not None:
            return measured[id(value)]
    raise SpecError(f"'{name}' must be a number or a (nested) list of numbers of one shape; got {shown(value)}")


def _numbers(value, name):
    if not isinstance(value, (list, tuple)) or not all(map(is_number, value)):
        raise SpecError(f"'{name}' must be a list of numbers; got {shown(value)}")
    return list(value)


class IntegerDtypeLayer(Layer):
    """A layer whose dtype may be an integer type (its outputs'); it has no weights."""

    INTEGER_DTYPES = ("int32", "int64")

    def __init__(self, class_name, config):
        dtype = config.get("dtype")
        self.integer_dtype = dtype if dtype in self.INTEGER_DTYPES else None
        super().__init__(class_name, {**config, "dtype": None} if self.integer_dtype else config)
        self.config = config


def encoded_shape(input_shape, depth, output_mode):
    """The shape of Keras's categorical encodings (numerical_utils): one_hot adds a depth
    axis (or replaces a last axis of size 1); multi_hot, count and tf_idf replace the last
    axis (the tokens of one sample) by the depth."""
    if output_mode == "one_hot":
        if input_shape[-1] == 1 and len(input_shape) > 1:
            return (*input_shape[:-1], depth)
        return (*input_shape, depth)
    return (*input_shape[:-1], depth)


# -- numerical features -----------------------------------------------------------


@register
class Rescaling(PositionWise):
    def configure(self, a):
        for name in ("scale", "offset"):
            value = getattr(a, name)
            if not is_number(value):
                array_shape(value, name)


@register
class Normalization(PositionWise):
    """Without `mean` and `variance` Keras makes the statistics adapt() sets: mean and
    variance (the kept axes' shape) and an int64 count, none trainable."""

    def configure(self, a):
        axis = a.axis
        if axis is None:
            axis = ()
        elif arg.is_int(axis):
            axis = (axis,)
        if not isinstance(axis, (list, tuple)) or not all(map(arg.is_int, axis)):
            raise SpecError(f"'axis' must be an integer, a list of integers or null; got {shown(axis)}")
        self.axis = tuple(axis)
        arg.boolean(a.invert, "invert")
        if (a.mean is None) != (a.variance is None):
            raise SpecError(
                "give both 'mean' and 'variance', or neither (adapt() would set them)",
            )
        self.mean_shape = None
        if a.mean is not None:
            self.mean_shape = array_shape(a.mean, "mean")
            if array_shape(a.variance, "variance") != self.mean_shape:
                raise SpecError(
                    f"'mean' and 'variance' must have the same shape; got {format_shape(self.mean_shape)} "
                    f"and {format_shape(array_shape(a.variance, 'variance'))}"
                )
            if len(self.mean_shape) > len(self.axis):
                raise SpecError(
                    f"'mean' has {len(self.mean_shape)} dimensions, more than the {len(self.axis)} "
                    f"axes kept (axis={list(self.axis)})"
                )

    def build(self, input_shape):
        ndim = len(input_shape)
        if any(not -ndim <= d < ndim for d in self.axis):
            raise SpecError(f"axis {list(self.axis)} is out of range for a {ndim}-D input {format_shape(input_shape)}")
        keep = sorted(d % ndim for d in self.axis)
        unknown = [d for d in keep if input_shape[d] is None]
        if unknown:
            raise SpecError(
                f"Normalization needs a known size on the axes it keeps; axis {unknown[0]} of "
                f"{format_shape(input_shape)} is None",
                hint="give that axis a size, or choose other axes with `axis:`",
            )
        shape = tuple(input_shape[d] for d in keep)
        if self.mean_shape is not None:
            for i, size in enumerate(reversed(self.mean_shape), 1):
                if size not in (1, shape[-i]):
                    raise SpecError(
                        f"'mean' of shape {format_shape(self.mean_shape)} does not broadcast to the "
                        f"kept axes' shape {format_shape(shape)}"
                    )
            return []
        return [
            Weight("mean", shape, trainable=False),
            Weight("variance", shape, trainable=False),
            Weight("count", (), trainable=False, bits=64),  # dtype "int": int64 on TensorFlow
        ]


@register
class Discretization(Layer):
    def configure(self, a):
        self.output_mode = _choice(a.output_mode, ("int", "one_hot", "multi_hot", "count"), "output_mode")
        if arg.boolean(a.sparse, "sparse") and self.output_mode == "int":
            raise SpecError("sparse: true needs output_mode 'one_hot', 'multi_hot' or 'count'")
        if a.num_bins is not None and a.bin_boundaries is not None:
            raise SpecError("give either 'num_bins' or 'bin_boundaries', not both")
        if a.num_bins is None and a.bin_boundaries is None:
            raise SpecError(
                "Discretization needs 'bin_boundaries' (a list of numbers) or 'num_bins' "
                "(adapt() then finds the boundaries)",
            )
        if a.bin_boundaries is not None:
            self.depth = len(_numbers(a.bin_boundaries, "bin_boundaries")) + 1
        else:
            if not arg.is_int(a.num_bins) or a.num_bins < 0:
                raise SpecError(f"'num_bins' must be a non-negative integer; got {shown(a.num_bins)}")
            self.depth = a.num_bins

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return input_shape
        if self.output_mode == "one_hot":
            return encoded_shape(input_shape, self.depth, "one_hot")
        if len(input_shape) >= 2:  # Keras drops axis 1 (not the last) for multi_hot and count
            return (input_shape[0], *input_shape[2:], self.depth)
        return (self.depth,)


# -- categorical features ---------------------------------------------------------


@register
class CategoryEncoding(Layer):
    def configure(self, a):
        mode = "multi_hot" if a.output_mode == "binary" else a.output_mode
        self.output_mode = _choice(mode, ("count", "one_hot", "multi_hot"), "output_mode")
        if a.num_tokens is None:
            raise SpecError(
                "CategoryEncoding needs 'num_tokens'",
                hint="if the number of tokens is not known, use IntegerLookup with a `vocabulary`",
            )
        self.num_tokens = arg.positive_int(a.num_tokens, "num_tokens")
        arg.boolean(a.sparse, "sparse")

    def compute_output_shape(self, input_shape):
        if not input_shape:
            return (self.num_tokens,)
        return encoded_shape(input_shape, self.num_tokens, self.output_mode)


def _salt(value):
    if value is None or arg.is_int(value):
        return
    if not (isinstance(value, (list, tuple)) and len(value) == 2 and all(map(arg.is_int, value))):
        raise SpecError(f"'salt' must be an integer or a list of two integers; got {shown(value)}")


@register
class Hashing(IntegerDtypeLayer):
    def configure(self, a):
        self.num_bins = arg.positive_int(a.num_bins, "num_bins")
        self.output_mode = _choice(a.output_mode, ("int", "one_hot", "multi_hot", "count"), "output_mode")
        if arg.boolean(a.sparse, "sparse") and self.output_mode == "int":
            raise SpecError("sparse: true needs output_mode 'one_hot', 'multi_hot' or 'count'")
        if self.output_mode == "int" and a.dtype is not None and self.integer_dtype is None:
            raise SpecError(f"with output_mode 'int', 'dtype' must be 'int32' or 'int64'; got {shown(a.dtype)}")
        _salt(a.salt)

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return input_shape
        return (*input_shape[:-1], self.num_bins)


@register
class HashedCrossing(IntegerDtypeLayer):
    input_kind = "list"

    def configure(self, a):
        self.num_bins = arg.positive_int(a.num_bins, "num_bins")
        self.output_mode = _choice(a.output_mode, ("int", "one_hot"), "output_mode")
        arg.boolean(a.sparse, "sparse")

    def compute_output_shape(self, input_shape):
        if len(input_shape) != 2:
            raise SpecError(
                f"HashedCrossing crosses exactly two inputs; got {len(input_shape)}",
                hint="give `inputs: [a, b]`",
            )
        first, second = input_shape
        if first[-1] != second[-1]:
            raise SpecError(
                f"HashedCrossing needs inputs of the same last axis; got {format_shape(first)} "
                f"and {format_shape(second)}"
            )
        if self.output_mode == "int":
            return first
        if first[-1] != 1:
            return (*first, self.num_bins)
        return (*first[:-1], self.num_bins)


MAX_OOV_INDICES = 1_000_000


class IndexLookup(Layer):
    """IntegerLookup and StringLookup (Keras's IndexLookup): int mode keeps the shape;
    the other modes encode into a depth axis of the vocabulary's size."""

    fixed_mask = False  # TextVectorization's lookup: mask_token "" always
    coverage_note = (
        "an output_mode other than 'int' needs `vocabulary` (a list) or `max_tokens` with "
        "`pad_to_max_tokens: true`: without them Keras learns the depth from data (adapt())"
    )

    def configure(self, a):
        self.output_mode = _output_mode(a.output_mode)
        self.configure_lookup(a, a.vocabulary)
        invert = arg.boolean(getattr(a, "invert", False), "invert")
        if invert and self.output_mode != "int":
            raise SpecError("invert: true needs output_mode 'int'")
        if arg.boolean(a.sparse, "sparse") and self.output_mode == "int":
            raise SpecError("sparse: true needs output_mode 'one_hot', 'multi_hot', 'count' or 'tf_idf'")
        oov_method = getattr(a, "oov_method", "floormod")
        _choice(oov_method, ("floormod", "farmhash"), "oov_method")
        salt = getattr(a, "salt", None)
        if salt is not None and self.class_name == "IntegerLookup" and oov_method != "farmhash":
            raise SpecError("'salt' needs oov_method: farmhash")
        _salt(salt)

    def configure_lookup(self, a, vocabulary):
        """The checks and the depth shared with TextVectorization."""
        self.max_tokens = a.max_tokens
        if self.max_tokens is not None and (not arg.is_int(self.max_tokens) or self.max_tokens <= 1):
            raise SpecError(f"'max_tokens' must be an integer greater than 1; got {shown(self.max_tokens)}")
        self.pad_to_max_tokens = arg.boolean(a.pad_to_max_tokens, "pad_to_max_tokens")
        if self.pad_to_max_tokens and self.max_tokens is None:
            raise SpecError("pad_to_max_tokens: true needs 'max_tokens'")
        num_oov = getattr(a, "num_oov_indices", 1)
        if not arg.is_int(num_oov) or num_oov < 0:
            raise SpecError(f"'num_oov_indices' must be a non-negative integer; got {shown(num_oov)}")
        if num_oov > MAX_OOV_INDICES:  # each is a row of the lookup's table: Keras would build them all
            raise SpecError(f"'num_oov_indices' is {num_oov:,}: convcalc follows at most {MAX_OOV_INDICES:,}")
        mask_token = "" if self.fixed_mask else a.mask_token
        oov_token = getattr(a, "oov_token", "[UNK]")
        if a.idf_weights is not None and self.output_mode != "tf_idf":
            raise SpecError("'idf_weights' is only for output_mode 'tf_idf'")
        if self.output_mode == "tf_idf" and vocabulary is not None and a.idf_weights is None:
            raise SpecError("with a 'vocabulary' and output_mode 'tf_idf', give 'idf_weights' too")
        self.vocabulary_size = None
        self.vocabulary = None  # get_vocabulary(): the special tokens, then the terms
        if vocabulary is not None:
            self.vocabulary_size = self.size_of(vocabulary, mask_token, oov_token, num_oov, a)
            if a.idf_weights is not None and len(_numbers(a.idf_weights, "idf_weights")) != len(vocabulary):
                raise SpecError(
                    f"'idf_weights' must be as long as 'vocabulary' ({len(vocabulary)}); got {len(a.idf_weights)}"
                )

    def size_of(self, vocabulary, mask_token, oov_token, num_oov, a):
        """Keras's set_vocabulary: the special tokens (mask, OOV) first, then the terms."""
        if isinstance(vocabulary, str):
            raise SpecError(
                "'vocabulary' names a file; convcalc never reads files from a spec",
                hint="give the vocabulary as a list of its terms",
            )
        if not isinstance(vocabulary, (list, tuple)) or not vocabulary:
            raise SpecError(f"'vocabulary' must be a non-empty list of terms; got {shown(vocabulary)}")
        oov_start = 1 if mask_token is not None and self.output_mode == "int" else 0
        token_start = oov_start + num_oov
        special = [mask_token] * oov_start + [oov_token] * num_oov
        tokens = list(vocabulary)
        if tokens[:token_start] == special:
            tokens = tokens[token_start:]
        repeated = sorted({t for t in tokens if tokens.count(t) > 1}, key=str)
        if repeated:
            raise SpecError(f"the vocabulary repeats {shown(repeated)}; each term must appear once")
        if mask_token is not None and mask_token in tokens:
            raise SpecError(
                f"the vocabulary holds the mask token {shown(mask_token)} among its terms",
                hint=f"leave the special tokens out, or put them first in this order: {shown(special)}",
            )
        if getattr(a, "invert", False) and oov_token is not None and oov_token in tokens:
            raise SpecError(
                f"the vocabulary holds the OOV token {shown(oov_token)} among its terms",
                hint=f"leave the special tokens out, or put them first in this order: {shown(special)}",
            )
        size = token_start + len(tokens)
        self.vocabulary = special + tokens
        if self.max_tokens is not None and size > self.max_tokens:
            raise SpecError(
                f"the vocabulary has {size} entries (special tokens included), more than max_tokens={self.max_tokens}"
            )
        return size

    @property
    def depth(self):
        if self.pad_to_max_tokens:
            return self.max_tokens
        if self.vocabulary_size is None:
            raise SpecError(
                f"with output_mode '{self.output_mode}' the output's last axis is the vocabulary's "
                "size, which Keras learns only from data (adapt())",
                hint="give the `vocabulary` as a list, or `max_tokens` with `pad_to_max_tokens: true`",
            )
        return self.vocabulary_size

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return input_shape
        return encoded_shape(tuple(input_shape), self.depth, self.output_mode)


@register
class IntegerLookup(IndexLookup):
    compute_dtype = "int64"  # keras/src/layers/preprocessing/index_lookup.py: its vocabulary_dtype

    def configure(self, a):
        if a.vocabulary_dtype != "int64":
            raise SpecError(f"'vocabulary_dtype' must be 'int64' (the only one Keras supports); got {shown(a.vocabulary_dtype)}")
        super().configure(a)


@register
class StringLookup(IndexLookup):
    compute_dtype = "string"  # keras/src/layers/preprocessing/string_lookup.py: vocabulary_dtype


@register
class TextVectorization(IndexLookup):
    """Its vocabulary is a StringLookup's (mask token "", made and auto-named by Keras's
    __init__). Each input string becomes a sequence of tokens: int mode gives
    (batch, output_sequence_length), the other modes a depth axis."""

    fixed_mask = True
    compute_dtype = "string"  # keras/src/layers/preprocessing/text_vectorization.py

    def configure(self, a):
        self.output_mode = _output_mode(a.output_mode)
        for name, choices in (
            ("standardize", ("lower_and_strip_punctuation", "lower", "strip_punctuation")),
            ("split", ("whitespace", "character")),
        ):
            value = getattr(a, name)
            if value is not None and not arg.is_code_function(value):  # a function of the code's: never run
                _choice(value, choices, name)
        self.split = a.split
        ngrams = a.ngrams
        if not (ngrams is None or arg.is_int(ngrams) or isinstance(ngrams, (list, tuple)) and all(map(arg.is_int, ngrams))):
            raise SpecError(f"'ngrams' must be null, an integer or a list of integers; got {shown(ngrams)}")
        length = a.output_sequence_length
        if self.output_mode == "int":
            if length is not None:
                arg.positive_int(length, "output_sequence_length")
        elif length is not None:
            raise SpecError("'output_sequence_length' is only for output_mode 'int'")
        self.output_sequence_length = length
        if arg.boolean(a.ragged, "ragged") and self.output_mode != "int":
            raise SpecError("ragged: true needs output_mode 'int'")
        if arg.boolean(a.sparse, "sparse") and self.output_mode == "int":
            raise SpecError("sparse: true needs output_mode 'one_hot', 'multi_hot', 'count' or 'tf_idf'")
        self.configure_lookup(a, a.vocabulary)

    def created_layers(self):
        return ("StringLookup",)

    def compute_output_shape(self, input_shape):
        if self.output_mode == "int":
            return (input_shape[0], self.output_sequence_length)
        if self.split is None:
            shape = tuple(input_shape) + (1,) if len(input_shape) <= 1 else tuple(input_shape)
        else:
            shape = tuple(input_shape) + (None,)
        return encoded_shape(shape, self.depth, self.output_mode)


# -- audio ------------------------------------------------------------------------


@register
class MelSpectrogram(Layer):
    """(batch, samples) -> (batch, num_mel_bins, frames), frames = (samples + stride + 1) // stride."""

    def configure(self, a):
        self.fft_length = arg.positive_int(a.fft_length, "fft_length")
        self.stride = arg.positive_int(a.sequence_stride, "sequence_stride")
        length = self.fft_length if a.sequence_length is None else arg.positive_int(a.sequence_length, "sequence_length")
        if self.fft_length < length:
            raise SpecError(f"'fft_length' ({self.fft_length}) must be at least 'sequence_length' ({length})")
        self.num_mel_bins = arg.positive_int(a.num_mel_bins, "num_mel_bins")
        arg.positive_int(a.sampling_rate, "sampling_rate")
        arg.boolean(a.power_to_db, "power_to_db")

    def check_input_rank(self, input_shape):
        if len(input_shape) not in (1, 2):
            raise SpecError(
                f"MelSpectrogram works on audio: a 2-D input (batch, samples); got the "
                f"{len(input_shape)}-D shape {format_shape(input_shape)}",
                hint="for example `input: [16000]`",
            )

    def frames(self, samples):
        return None if samples is None else (samples + self.stride + 1) // self.stride

    def compute_output_shape(self, input_shape):
        if len(input_shape) == 1:
            return (self.num_mel_bins, self.frames(input_shape[0]))
        return (input_shape[0], self.num_mel_bins, self.frames(input_shape[1]))


@register
class STFTSpectrogram(Layer):
    """A convolution whose kernels are the STFT's real and imaginary parts, each
    (frame_length, 1, fft_length // 2 + 1): frames slide like a Conv1D's window."""

    ndim = 3

    def configure(self, a):
        self.frame_length = arg.positive_int(a.frame_length, "frame_length")
        if a.frame_step is not None and (not arg.is_int(a.frame_step) or not 1 <= a.frame_step <= self.frame_length):
            raise SpecError(
                f"'frame_step' must be an integer from 1 to frame_length ({self.frame_length}); got {shown(a.frame_step)}"
            )
        self.frame_step = a.frame_step or self.frame_length // 2
        if a.fft_length is not None and (not arg.is_int(a.fft_length) or a.fft_length < self.frame_length):
            raise SpecError(
                f"'fft_length' must be an integer of at least frame_length ({self.frame_length}); got {shown(a.fft_length)}"
            )
        self.fft_length = a.fft_length or 2 ** math.ceil(math.log2(self.frame_length))
        self.mode = _choice(a.mode, ("log", "magnitude", "psd", "real", "imag", "angle", "stft"), "mode")
        if a.scaling is not None:
            _choice(a.scaling, ("density", "spectrum"), "scaling")
        self.padding = _choice(a.padding, ("valid", "same"), "padding")
        self.expand_dims = arg.boolean(a.expand_dims, "expand_dims")
        arg.boolean(a.periodic, "periodic")
        self.data_format = arg.standardize_data_format(a.data_format)

    def rank_hint(self):
        return "STFTSpectrogram works on (batch, samples, channels) audio, e.g. `input: [16000, 1]`"

    def channels(self, input_shape):
        channels = input_shape[-1 if self.data_format == "channels_last" else 1]
        if channels is None:
            raise SpecError(f"STFTSpectrogram needs a known number of channels; got None in {format_shape(input_shape)}")
        return channels

    def compute_output_shape(self, input_shape):
        channels = self.channels(input_shape)
        freq = self.fft_length // 2 + 1
        if self.mode == "stft":
            freq *= 2
        shape = window_output_shape(
            input_shape, (self.frame_length,), (self.frame_step,), self.padding, self.data_format,
            channels=freq * channels,
        )
        time = shape[1] if self.data_format == "channels_last" else shape[2]
        if self.expand_dims:
            if self.data_format == "channels_last":
                return (shape[0], time, freq, channels)
            return (shape[0], channels, time, freq)
        return shape

    def build(self, input_shape):
        shape = (self.frame_length, 1, self.fft_length // 2 + 1)
        weights = []
        if self.mode != "imag":
            weights.append(Weight("real_kernel", shape))
        if self.mode != "real":
            weights.append(Weight("imag_kernel", shape))
        return weights


# -- Pipeline ---------------------------------------------------------------------


@register
class Pipeline(Layer):
    """Calls its layers in turn; their weights are its own (and --expand-nested lists
    them under it, as Keras's summary does)."""

    def configure(self, a):
        layers = a.layers
        if not isinstance(layers, list) or not layers or not all(isinstance(l, InnerLayer) for l in layers):
            raise SpecError(
                f"'layers' must be a non-empty list of layer entries; got {shown(layers)}",
                hint="for example: Pipeline: {layers: [{RandomFlip: horizontal}, {RandomRotation: 0.1}]}",
            )
        for inner in layers:
            if inner.rule.input_kind != "tensor":
                raise SpecError(f"a Pipeline's layers take one tensor each; {inner.class_name} takes several")
        self.layers = layers
        self.contained = ()

    def build(self, input_shape):
        contained, shape = [], input_shape
        for inner in self.layers:
            where = f"in the Pipeline, '{inner.name}' ({inner.class_name})"
            try:
                weights, shape = inner.rule.apply(shape)
            except NonPositiveSize as error:  # the engine would quote the Pipeline's input
                raise SpecError(
                    f"{where}: the output would have a zero or negative size on axis "
                    f"{error.axis} of {format_shape(shape)}: {error.formula}",
                    hint="use a smaller kernel, pool or stride, padding: same, or a larger input",
                ) from None
            except SpecError as error:
                error.what = f"{where}: {error.what}"
                raise
            contained.append((inner, weights, shape))
        self.contained = tuple(contained)
        # its layers' weights, as Keras's weights lists them (the summary reads them
        # through the contained layers, each with its own trainable flag and dtype)
        return [
            Weight(f"{inner.name}/{w.name}", w.shape, w.trainable and inner.rule.trainable, w.bits or inner.rule.weight_bits)
            for inner, weights, _ in contained
            for w in weights
        ]

    def compute_output_shape(self, input_shape):
        return self.contained[-1][2]

    def contained_layers(self):
        return self.contained
