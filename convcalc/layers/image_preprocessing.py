"""Image preprocessing and augmentation layers (keras/src/layers/preprocessing/image_preprocessing).

None has weights (their random seeds are state, not weights: Keras's summary counts
none), and all but the resizing and cropping ones keep the input's shape: they share
ImagePreprocessing, which checks what Keras's BaseImagePreprocessingLayer checks (its
`factor`, `data_format`) and each class adds its own arguments' checks.
"""

from __future__ import annotations

from convcalc.errors import SpecError, shown
from convcalc.layers import arguments as arg
from convcalc.layers.base import Layer, format_shape
from convcalc.layers.registry import register

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("nearest", "bilinear")


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def factor_range(value, name, low, high, each=False, open_low=False):
    """Keras's _set_factor: a number in [low, high] (the range (-x, x), clipped at low) or
    a [lower, upper] pair. `each`: both ends of a pair must be in range (the translation,
    zoom, shear and solarization checks); else a pair needs only to overlap the range."""
    bounds = f"({low}, {high}]" if open_low else f"[{low}, {high}]"
    error = SpecError(
        f"'{name}' must be a number in {bounds} or a list of two such numbers; got {shown(value)}"
    )

    def inside(x):
        return (low < x if open_low else low <= x) and x <= high

    if isinstance(value, (list, tuple)):
        if len(value) != 2 or not all(map(is_number, value)):
            raise error
        if each and not all(map(inside, value)):
            raise error
        if not each and (value[0] > high or value[1] < low):
            raise error
        return tuple(sorted(value))
    if not is_number(value) or not inside(value):
        raise error
    return (max(-abs(value), low), abs(value))


def value_range(value, name="value_range"):
    if not isinstance(value, (list, tuple)) or len(value) != 2 or not all(map(is_number, value)):
        raise SpecError(
            f"'{name}' must be a list of two numbers, the images' [low, high]; got {shown(value)}",
            hint="for example: [0, 255] or [0, 1]",
        )
    return tuple(sorted(value))


class ImagePreprocessing(Layer):
    """Keras's BaseImagePreprocessingLayer: images of rank 3 (one image) or 4 (a batch),
    batch axis included as Keras counts it; the output keeps the input's shape."""

    # Keras's _USE_BASE_FACTOR: the base class reads a `factor` argument in [-1, 1];
    # a class that does not takes none (unless its own __init__ does: takes_factor).
    base_factor = True
    takes_factor = False
    coverage_note = "images of rank 3 or 4, batch axis included (Keras fails on others when run)"

    def configure(self, a):
        self.data_format = arg.standardize_data_format(getattr(a, "data_format", None))
        factor = getattr(a, "factor", None)
        if not self.takes_factor:
            if self.base_factor:
                factor_range(factor or 0.0, "factor", -1, 1)
            elif factor is not None:
                raise SpecError(f"{self.class_name} takes no 'factor'; got {shown(factor)}")
        self.configure_image(a)

    def configure_image(self, a):
        """The class's own arguments."""

    def check_input_rank(self, input_shape):
        if len(input_shape) not in (3, 4):
            layout = "channels, height, width" if self.data_format == "channels_first" else "height, width, channels"
            raise SpecError(
                f"{self.class_name} works on images: a 4-D input (batch, {layout}), or 3-D "
                f"for one image; got the {len(input_shape)}-D shape {format_shape(input_shape)}",
                hint="the batch axis counts: `input: [32, 32, 3]` is 4-D",
            )

    def spatial_axes(self, input_shape):
        """(height axis, width axis): Keras's height_axis, width_axis (-3, -2 or -2, -1)."""
        rank = len(input_shape)
        return (rank - 3, rank - 2) if self.data_format == "channels_last" else (rank - 2, rank - 1)

    def with_size(self, input_shape, height, width):
        shape = list(input_shape)
        h, w = self.spatial_axes(input_shape)
        shape[h], shape[w] = height, width
        return tuple(shape)


class SeededImagePreprocessing(ImagePreprocessing):
    """The random ones: a `seed` (any integer, or none)."""

    def configure(self, a):
        seed = getattr(a, "seed", None)
        if seed is not None and not arg.is_int(seed):
            raise SpecError(f"'seed' must be an integer; got {shown(seed)}")
        super().configure(a)


def _choice(value, choices, name):
    return arg.one_of(value, choices, name, case_sensitive=True)


# -- resizing and cropping: a new height and width ---------------------------------


class SizedImagePreprocessing(ImagePreprocessing):
    def configure_image(self, a):
        self.height = arg.positive_int(a.height, "height")
        self.width = arg.positive_int(a.width, "width")

    def compute_output_shape(self, input_shape):
        return self.with_size(input_shape, self.height, self.width)


@register
class Resizing(SizedImagePreprocessing):
    base_factor = False

    def configure_image(self, a):
        super().configure_image(a)
        _choice(a.interpolation, ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area"), "interpolation")
        arg.boolean(a.crop_to_aspect_ratio, "crop_to_aspect_ratio")
        arg.boolean(a.pad_to_aspect_ratio, "pad_to_aspect_ratio")


@register
class CenterCrop(SizedImagePreprocessing):
    base_factor = False


@register
class RandomCrop(SeededImagePreprocessing, SizedImagePreprocessing):
    pass


# -- geometric augmentations: same shape ------------------------------------------


class FillingImagePreprocessing(SeededImagePreprocessing):
    """Transforms that fill the pixels they uncover (fill_mode, fill_value, interpolation)."""

    fill_modes = FILL_MODES

    def configure_image(self, a):
        if hasattr(a, "fill_mode"):
            _choice(a.fill_mode, self.fill_modes, "fill_mode")
        _choice(a.interpolation, INTERPOLATIONS, "interpolation")
        self.configure_transform(a)

    def configure_transform(self, a):
        pass


@register
class RandomFlip(SeededImagePreprocessing):
    base_factor = False
    coverage_note = ImagePreprocessing.coverage_note + "; an unknown mode is refused (Keras flips nothing)"

    def configure_image(self, a):
        _choice(a.mode, ("horizontal", "vertical", "horizontal_and_vertical"), "mode")


@register
class RandomRotation(FillingImagePreprocessing):
    takes_factor = True

    def configure_transform(self, a):
        factor_range(a.factor, "factor", -1, 1)


@register
class RandomTranslation(FillingImagePreprocessing):
    base_factor = False

    def configure_transform(self, a):
        factor_range(a.height_factor, "height_factor", -1, 1, each=True)
        factor_range(a.width_factor, "width_factor", -1, 1, each=True)


@register
class RandomZoom(FillingImagePreprocessing):
    base_factor = False

    def configure_transform(self, a):
        factor_range(a.height_factor, "height_factor", -1, 1, each=True, open_low=True)
        if a.width_factor is not None:
            factor_range(a.width_factor, "width_factor", -1, 1, each=True, open_low=True)


@register
class RandomShear(FillingImagePreprocessing):
    base_factor = False

    def configure_transform(self, a):
        factor_range(a.x_factor, "x_factor", 0, 1, each=True)
        factor_range(a.y_factor, "y_factor", 0, 1, each=True)


@register
class RandomPerspective(FillingImagePreprocessing):
    base_factor, takes_factor = False, True

    def configure_transform(self, a):
        factor_range(a.factor, "factor", 0, 1)
        if not is_number(a.scale) or not 0 <= a.scale <= 1:
            raise SpecError(f"'scale' must be a number in [0, 1]; got {shown(a.scale)}")


@register
class RandomElasticTransform(FillingImagePreprocessing):
    base_factor, takes_factor = False, True
    fill_modes = ("constant", "nearest", "wrap", "mirror", "reflect")

    def configure_transform(self, a):
        factor_range(a.factor, "factor", 0, 1)
        factor_range(a.scale, "scale", 0, 1)
        value_range(a.value_range)


# -- colour and intensity augmentations: same shape -------------------------------


class FactorImagePreprocessing(SeededImagePreprocessing):
    """A required or defaulted `factor` in `bounds`, and `value_range`."""

    takes_factor = True
    bounds = (-1, 1)

    def configure_image(self, a):
        factor_range(a.factor, "factor", *self.bounds)
        if hasattr(a, "value_range"):
            value_range(a.value_range)
        self.configure_color(a)

    def configure_color(self, a):
        pass


@register
class RandomBrightness(FactorImagePreprocessing):
    pass


@register
class RandomContrast(FactorImagePreprocessing):
    bounds = (0, 1)


@register
class RandomSaturation(FactorImagePreprocessing):
    pass


@register
class RandomHue(FactorImagePreprocessing):
    bounds = (0, 1)


@register
class RandomColorDegeneration(FactorImagePreprocessing):
    def compute_output_shape(self, input_shape):
        channels = input_shape[-1 if self.data_format == "channels_last" else -3]
        if channels is not None and channels != 3:
            raise SpecError(
                f"RandomColorDegeneration needs RGB images, 3 channels; got {channels} "
                f"in {format_shape(input_shape)}"
            )
        return input_shape


@register
class RandomSharpness(FactorImagePreprocessing):
    base_factor, bounds = False, (0, 1)


@register
class RandomInvert(FactorImagePreprocessing):
    base_factor, bounds = False, (0, 1)


@register
class RandomPosterization(FactorImagePreprocessing):
    base_factor, bounds = False, (1, 8)


@register
class RandomErasing(FactorImagePreprocessing):
    base_factor, bounds = False, (0, 1)

    def configure_color(self, a):
        factor_range(a.scale, "scale", 0, 1)


@register
class RandomGaussianBlur(FactorImagePreprocessing):
    base_factor, bounds = False, (0, 1)

    def configure_color(self, a):
        sizes = a.kernel_size if isinstance(a.kernel_size, (list, tuple)) else [a.kernel_size]
        if len(sizes) not in (1, 2) or not all(arg.is_int(k) and k > 0 and k % 2 for k in sizes):
            raise SpecError(
                f"'kernel_size' must be an odd positive integer or a list of two; got {shown(a.kernel_size)}"
            )
        factor_range(a.sigma, "sigma", 0, 1)


@register
class RandomGrayscale(SeededImagePreprocessing):
    takes_factor = True

    def configure_image(self, a):
        if not is_number(a.factor) or not 0 <= a.factor <= 1:
            raise SpecError(f"'factor' must be a number in [0, 1], the probability; got {shown(a.factor)}")


@register
class RandomColorJitter(SeededImagePreprocessing):
    """Keras's __init__ makes one layer per factor given, in this order (each auto-named)."""

    FACTORS = {
        "brightness_factor": ("RandomBrightness", (-1, 1)),
        "contrast_factor": ("RandomContrast", (0, 1)),
        "saturation_factor": ("RandomSaturation", (-1, 1)),
        "hue_factor": ("RandomHue", (0, 1)),
    }

    def configure_image(self, a):
        value_range(a.value_range)
        self.created = []
        for name, (class_name, bounds) in self.FACTORS.items():
            value = getattr(a, name)
            if value is not None:
                factor_range(value, name, *bounds)
                self.created.append(class_name)

    def created_layers(self):
        return tuple(self.created)


@register
class AutoContrast(ImagePreprocessing):
    base_factor = False

    def configure_image(self, a):
        value_range(a.value_range)


@register
class Equalization(ImagePreprocessing):
    def configure_image(self, a):
        value_range(a.value_range)
        arg.positive_int(a.bins, "bins")


@register
class Solarization(SeededImagePreprocessing):
    base_factor = False

    def configure_image(self, a):
        factor_range(a.addition_factor, "addition_factor", 0, 1, each=True)
        factor_range(a.threshold_factor, "threshold_factor", 0, 1, each=True)
        value_range(a.value_range)


@register
class ContrastLimitedAdaptiveHistogramEqualization(ImagePreprocessing):
    def configure_image(self, a):
        value_range(a.value_range)
        if not is_number(a.clip_limit) or a.clip_limit <= 0:
            raise SpecError(f"'clip_limit' must be a positive number; got {shown(a.clip_limit)}")
        arg.standardize_tuple(a.tile_grid_size, 2, "tile_grid_size")


# -- mixing and whole-policy augmentations: same shape ----------------------------


@register
class CutMix(SeededImagePreprocessing):
    base_factor, takes_factor = False, True

    def configure_image(self, a):
        factor_range(a.factor, "factor", 0, 1)


@register
class MixUp(SeededImagePreprocessing):
    def configure_image(self, a):
        if not is_number(a.alpha) or a.alpha <= 0:
            raise SpecError(f"'alpha' must be a positive number; got {shown(a.alpha)}")


@register
class MaxNumBoundingBoxes(ImagePreprocessing):
    """On an image tensor it changes nothing (it pads or trims bounding boxes, which a
    spec's tensors do not carry)."""

    coverage_note = "on an image tensor, which it leaves as it is (bounding boxes are not tensors a spec gives)"

    def configure_image(self, a):
        arg.positive_int(a.max_number, "max_number")
        if not arg.is_int(a.fill_value):
            raise SpecError(f"'fill_value' must be an integer; got {shown(a.fill_value)}")


class PolicyImagePreprocessing(SeededImagePreprocessing):
    """RandAugment and AugMix: Keras's __init__ makes one layer per operation they pick
    from (auto-named after the layer itself, unless `name` is given: Keras passes its
    keyword arguments, `name` included, to each of them)."""

    base_factor, takes_factor = False, True
    operations: tuple

    def configure_image(self, a):
        value_range(a.value_range)
        factor_range(a.factor, "factor", 0, 1)
        _choice(a.interpolation, INTERPOLATIONS, "interpolation")
        self.named = a.name is not None
        self.configure_policy(a)

    def configure_policy(self, a):
        pass

    def created_layers(self):
        return () if self.named else self.operations


GEOMETRIC_AND_TONE = (
    "RandomShear", "RandomTranslation", "RandomRotation", "Solarization",
    "RandomPosterization", "AutoContrast", "Equalization",
)
COLOR = ("RandomBrightness", "RandomColorDegeneration", "RandomContrast", "RandomSharpness")


@register
class RandAugment(PolicyImagePreprocessing):
    operations = (
        "RandomShear", "RandomTranslation", "RandomRotation", "RandomBrightness",
        "RandomColorDegeneration", "RandomContrast", "RandomSharpness", "Solarization",
        "RandomPosterization", "AutoContrast", "Equalization",
    )

    def configure_policy(self, a):
        arg.positive_int(a.num_ops, "num_ops")


@register
class AugMix(PolicyImagePreprocessing):
    def configure_policy(self, a):
        arg.positive_int(a.num_chains, "num_chains")
        arg.positive_int(a.chain_depth, "chain_depth")
        if not is_number(a.alpha) or a.alpha <= 0:
            raise SpecError(f"'alpha' must be a positive number; got {shown(a.alpha)}")
        all_ops = arg.boolean(a.all_ops, "all_ops")
        self.operations = GEOMETRIC_AND_TONE + (COLOR if all_ops else ())
