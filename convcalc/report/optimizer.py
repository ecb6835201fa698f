"""The optimizer state Keras 3 holds once an optimizer is built (as `fit` builds it):
what model.summary()'s ` Optimizer params: N (size)` line counts.

keras/src/utils/summary_utils.py counts `model.optimizer.variables` (shape products, and
bytes by each variable's dtype) when the model is compiled and its optimizer built.
Those variables are (keras/src/optimizers/base_optimizer.py and each optimizer's
build()): `iteration` (dtype "int": int64 on TensorFlow), `learning_rate` (floatx) unless
it is a schedule, an `average` per trainable variable with use_ema, a
`gradient_accumulator` per trainable variable with gradient_accumulation_steps, then the
optimizer's own slots, each the shape and dtype of the variable it follows. A variable
with `overwrite_with_gradient` (float8 scales) gets no slot (add_optimizer_variables).

The optimizer is written as on the command line, `adam` or `SGD(momentum=0.9)`: read
with Python's ast, literals only, never evaluated; its arguments checked as Keras's
__init__ checks them.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field

from convcalc.errors import SpecError, did_you_mean, shown

INT64_BITS = 64  # dtype "int" on the TensorFlow backend (keras/src/backend/common/variables.py)
FLOATX_BITS = 32  # keras.config.floatx(), which set_dtype_policy leaves as it is
INT32_BITS = 32  # backend.Variable(0): an integer initial value gives int32

# BaseOptimizer.__init__'s own arguments, in its order (keras/src/optimizers/base_optimizer.py)
_BASE = (("weight_decay", None), ("clipnorm", None), ("clipvalue", None), ("global_clipnorm", None),
         ("use_ema", False), ("ema_momentum", 0.99), ("ema_overwrite_frequency", None),
         ("loss_scale_factor", None), ("gradient_accumulation_steps", None), ("name", None))
_BASE_NO_DECAY = _BASE[1:]


def _signature(*own, base=_BASE, after=()):
    return (*own, *base, *after)


# Each keras.optimizers class: its __init__ arguments in Keras's positional order, with defaults.
SIGNATURES = {
    "Adam": _signature(("learning_rate", 0.001), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", 1e-7),
                       ("amsgrad", False)),
    "AdamW": _signature(("learning_rate", 0.001), ("weight_decay", 0.004), ("beta_1", 0.9), ("beta_2", 0.999),
                        ("epsilon", 1e-7), ("amsgrad", False), base=_BASE_NO_DECAY),
    "SGD": _signature(("learning_rate", 0.01), ("momentum", 0.0), ("nesterov", False)),
    "RMSprop": _signature(("learning_rate", 0.001), ("rho", 0.9), ("momentum", 0.0), ("epsilon", 1e-7),
                          ("centered", False)),
    "Adagrad": _signature(("learning_rate", 0.001), ("initial_accumulator_value", 0.1), ("epsilon", 1e-7)),
    "Adadelta": _signature(("learning_rate", 0.001), ("rho", 0.95), ("epsilon", 1e-7)),
    "Adamax": _signature(("learning_rate", 0.001), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", 1e-7)),
    "Nadam": _signature(("learning_rate", 0.001), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", 1e-7)),
    "Ftrl": _signature(("learning_rate", 0.001), ("learning_rate_power", -0.5), ("initial_accumulator_value", 0.1),
                       ("l1_regularization_strength", 0.0), ("l2_regularization_strength", 0.0),
                       ("l2_shrinkage_regularization_strength", 0.0), ("beta", 0.0)),
    "Lion": _signature(("learning_rate", 0.001), ("beta_1", 0.9), ("beta_2", 0.99)),
    "Lamb": _signature(("learning_rate", 0.001), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", 1e-7)),
    "Adafactor": _signature(("learning_rate", 0.001), ("beta_2_decay", -0.8), ("epsilon_1", 1e-30),
                            ("epsilon_2", 1e-3), ("clip_threshold", 1.0), ("relative_step", True)),
    "Muon": _signature(("learning_rate", 0.001), ("adam_beta_1", 0.9), ("adam_beta_2", 0.999),
                       ("adam_weight_decay", 0.004), ("epsilon", 1e-7), ("weight_decay", 0.004), base=_BASE_NO_DECAY,
                       after=(("exclude_layers", None), ("exclude_embeddings", True), ("muon_a", 3.4445),
                              ("muon_b", -4.775), ("muon_c", 2.0315), ("adam_lr_ratio", 1), ("momentum", 0.95),
                              ("ns_steps", 5), ("nesterov", True), ("rms_rate", 0.2))),
    "ScheduleFreeAdamW": _signature(("learning_rate", 0.0025), ("beta_1", 0.9), ("beta_2", 0.999),
                                    ("epsilon", 1e-8), ("warmup_steps", 0)),
    "LossScaleOptimizer": (("inner_optimizer", None), ("initial_scale", 2.0 ** 15), ("dynamic_growth_steps", 2000),
                           ("name", None)),
}
# keras.optimizers.get("adam"): an identifier is a class name lowercased
# (keras/src/optimizers/__init__.py ALL_OBJECTS_DICT; Lamb is not in it)
IDENTIFIERS = {name.lower(): name for name in SIGNATURES if name not in ("Lamb", "LossScaleOptimizer")}
# keras.optimizers.schedules: a learning_rate given as one of them makes no variable
SCHEDULES = ("ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay", "CosineDecay",
             "CosineDecayRestarts")
NOT_SUPPORTED = {"MultiOptimizer": "its optimizer map selects variables by a function or regular expressions",
                 "OptimizerMap": "it is a MultiOptimizer's argument, not an optimizer"}


@dataclass(frozen=True)
class Schedule:
    """A LearningRateSchedule given as learning_rate (its arguments are not needed)."""

    class_name: str


@dataclass(frozen=True)
class OptimizerChoice:
    """An optimizer as compile() would get it: its class and every argument."""

    class_name: str
    arguments: dict = field(hash=False)
    inner: "OptimizerChoice | None" = None  # LossScaleOptimizer's inner_optimizer

    def __getitem__(self, name):
        return self.arguments[name]


@dataclass(frozen=True)
class Variable:
    """A trainable variable of the model, as the optimizer builds on it."""

    path: str  # Keras's variable.path ("sequential/dense/kernel"): Muon reads it
    shape: tuple
    bits: int
    overwrite_with_gradient: bool = False


def _fail(what, hint=None):
    raise SpecError(f"--optimizer: {what}", hint=hint or "e.g. --optimizer adam, --optimizer \"SGD(momentum=0.9)\", "
                    "--optimizer \"AdamW(learning_rate=1e-3, weight_decay=0.01)\"")


def _dotted(node):
    """keras.optimizers.Adam -> 'keras.optimizers.Adam'; None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


def parse_optimizer(text):
    """The OptimizerChoice written as `adam`, `"adam"` or `SGD(momentum=0.9)` (also
    keras.optimizers.SGD(...)); literals only."""
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        _fail(f"{shown(text)} is not a Python expression: {error.msg}")
    return _optimizer(node, text)


def _optimizer(node, text):
    if isinstance(node, ast.Constant) and isinstance(node.value, str) or isinstance(node, ast.Name):
        identifier = node.value if isinstance(node, ast.Constant) else node.id
        class_name = IDENTIFIERS.get(identifier.lower())
        if class_name is None:  # keras.optimizers.get's refusal
            classes = {c.lower(): c for c in SIGNATURES}
            hint = (f"write it as the class: {classes[identifier.lower()]}(...)" if identifier.lower() in classes
                    else "the identifiers are: " + ", ".join(IDENTIFIERS))
            _fail(f"Keras refuses it: Could not interpret optimizer identifier: {identifier}."
                  f"{did_you_mean(identifier, list(IDENTIFIERS))}", hint)
        return _choice(class_name, [], {})
    if not isinstance(node, ast.Call) or _dotted(node.func) is None:
        _fail(f"{shown(ast.get_source_segment(text, node) or text)} is not an optimizer: write an identifier "
              "(adam) or a call of a keras.optimizers class (Adam(learning_rate=0.01))")
    class_name = _dotted(node.func).rsplit(".", 1)[-1]
    if class_name in NOT_SUPPORTED:
        _fail(f"{class_name} is not supported: {NOT_SUPPORTED[class_name]}")
    if class_name not in SIGNATURES:
        _fail(f"unknown optimizer class {shown(class_name)}.{did_you_mean(class_name, list(SIGNATURES))}",
              "the classes are: " + ", ".join(SIGNATURES))
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        _fail("*args and **kwargs cannot be read: write each argument")
    args = [_argument(class_name, a, text, i) for i, a in enumerate(node.args)]
    kwargs = {}
    for keyword in node.keywords:
        if keyword.arg in kwargs:
            _fail(f"{class_name}: the argument {keyword.arg} is given twice")
        kwargs[keyword.arg] = _argument(class_name, keyword.value, text, keyword.arg)
    return _choice(class_name, args, kwargs)


def _argument(class_name, node, text, where):
    """A literal; or a schedule (learning_rate); or an optimizer (LossScaleOptimizer's)."""
    if isinstance(node, ast.Call) and _dotted(node.func) is not None:
        callee = _dotted(node.func).rsplit(".", 1)[-1]
        if callee in SCHEDULES:
            return Schedule(callee)
        if class_name == "LossScaleOptimizer":
            return _optimizer(node, text)
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        _fail(f"{class_name}: the argument {where} must be a literal (a number, string, True, False, None, "
              f"a list); got {shown(ast.get_source_segment(text, node))}",
              "the optimizer is read, never run: write the value itself")


def _choice(class_name, args, kwargs):
    """Arguments bound to Keras's signature and checked as Keras's __init__ checks them."""
    signature = SIGNATURES[class_name]
    names = [name for name, _ in signature]
    if len(args) > len(names):
        _fail(f"{class_name} takes at most {len(names)} positional arguments ({len(args)} given)")
    arguments = dict(signature)
    bound = dict(zip(names, args))
    for name, value in kwargs.items():
        if name in bound:
            _fail(f"{class_name} got two values for the argument {name}")
        bound[name] = value
    extra = {name: value for name, value in bound.items() if name not in arguments}
    arguments.update({name: value for name, value in bound.items() if name in arguments})
    if class_name == "LossScaleOptimizer":
        return _loss_scale_choice(arguments, extra)
    extra.pop("decay", None)  # Keras: "no longer supported and will be ignored"
    if extra:
        _refuse(class_name, f"Argument(s) not recognized: {extra}",
                "its arguments are: " + ", ".join(names))
    _check(class_name, arguments)
    return OptimizerChoice(class_name, arguments)


def _refuse(class_name, message, hint=None):
    _fail(f"Keras refuses {class_name}(...): {message}", hint)


def _number(class_name, arguments, name):
    value = arguments[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _refuse(class_name, f"`{name}` must be a number; got {shown(value)}")
    return value


def _check(class_name, a):
    """BaseOptimizer.__init__'s checks, then the class's own."""
    if a["gradient_accumulation_steps"] and not _number(class_name, a, "gradient_accumulation_steps") >= 2:
        _refuse(class_name, "`gradient_accumulation_steps` must be an integer >= 2. Received: "
                f"gradient_accumulation_steps={a['gradient_accumulation_steps']}")
    if a["use_ema"]:
        if not 0 <= _number(class_name, a, "ema_momentum") <= 1:
            _refuse(class_name, f"`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={a['ema_momentum']}")
        frequency = a["ema_overwrite_frequency"]
        if frequency and (not isinstance(frequency, int) or frequency < 1):
            _refuse(class_name, "`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
                    f"ema_overwrite_frequency={frequency}")
    clips = [a[name] for name in ("clipnorm", "clipvalue", "global_clipnorm")]
    if sum(c is not None for c in clips) > 1:
        _refuse(class_name, "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
                f"clipnorm={clips[0]}, clipvalue={clips[1]}, global_clipnorm={clips[2]}")
    rate = a["learning_rate"]
    if not isinstance(rate, (float, Schedule)):
        _refuse(class_name, "Argument `learning_rate` should be float, or an instance of LearningRateSchedule, or a "
                "callable (that takes in the current iteration value and returns the corresponding learning rate "
                f"value). Received instead: learning_rate={rate}", "write it as a float: 0.001, 1.0")
    if class_name == "AdamW" and a["weight_decay"] is None:
        _refuse(class_name, "Argument `weight_decay` must be a float. Received: weight_decay=None")
    if class_name == "SGD":
        momentum = a["momentum"]
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            _refuse(class_name, "`momentum` must be a float between [0, 1].", "e.g. SGD(momentum=0.9)")
    if class_name == "RMSprop":
        _number(class_name, a, "momentum")
    if class_name == "Lion" and not 0 < _number(class_name, a, "beta_1") <= 1:
        _refuse(class_name, f"Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to "
                f"SignSGD. Received: beta_1={a['beta_1']}.")
    if class_name == "Ftrl":
        for name, sign, need in (("initial_accumulator_value", 1, "positive or zero"),
                                 ("learning_rate_power", -1, "negative or zero"),
                                 ("l1_regularization_strength", 1, "positive or zero"),
                                 ("l2_regularization_strength", 1, "positive or zero"),
                                 ("l2_shrinkage_regularization_strength", 1, "positive or zero")):
            if sign * _number(class_name, a, name) < 0:
                _refuse(class_name, f"`{name}` needs to be {need}. Received: {name}={a[name]}.")
    if class_name == "Muon" and not isinstance(a["exclude_layers"] or [], (list, tuple)):
        _refuse(class_name, f"`exclude_layers` must be a list of regular expressions; got {shown(a['exclude_layers'])}")


# LossScaleOptimizer takes these BaseOptimizer arguments only at their defaults
_LOSS_SCALE_DEFAULTS = dict(_BASE[:-1])


def _loss_scale_choice(arguments, extra):
    """keras/src/optimizers/loss_scale_optimizer.py __init__'s checks."""
    inner = arguments["inner_optimizer"]
    if not isinstance(inner, OptimizerChoice):
        _refuse("LossScaleOptimizer", "its inner_optimizer must be an optimizer; got " + shown(inner),
                "e.g. LossScaleOptimizer(Adam())")
    if inner.class_name == "LossScaleOptimizer":
        _fail("a LossScaleOptimizer inside a LossScaleOptimizer is not supported")
    if not extra.pop("dynamic", True):
        _refuse("LossScaleOptimizer", "LossScaleOptimizer no longer supports `dynamic=False`. Instead, simply set "
                "`loss_scale_factor` directly on the `inner_optimizer`.")
    for name, default in _LOSS_SCALE_DEFAULTS.items():
        if name in extra:
            value = extra.pop(name)
            if (default is None and value is not None) or value != default:
                _refuse("LossScaleOptimizer", f"LossScaleOptimizer does not support `{name}`. Instead, set "
                        f"`{name}` on the `inner_optimizer`.")
    if extra:
        _refuse("LossScaleOptimizer", f"LossScaleOptimizer does not support arguments: `{'`, `'.join(extra)}`.")
    return OptimizerChoice("LossScaleOptimizer", arguments, inner)


def compiled(choice: OptimizerChoice, dtype_policy=None):
    """The optimizer model.compile() keeps: wrapped in a LossScaleOptimizer when the
    model's dtype policy is mixed_float16 (keras/src/trainers/trainer.py compile,
    auto_scale_loss)."""
    if dtype_policy == "mixed_float16" and choice.class_name != "LossScaleOptimizer":
        arguments = dict(SIGNATURES["LossScaleOptimizer"])
        arguments["inner_optimizer"] = choice
        return OptimizerChoice("LossScaleOptimizer", arguments, choice)
    return choice


# -- the variables build() creates -------------------------------------------------
def _slots(variables, *names):
    """add_optimizer_variables: one variable per name for each variable but those
    overwritten with their gradient."""
    return [(v.shape, v.bits) for v in variables if not v.overwrite_with_gradient for _ in names]


def _adafactor(choice, variables, tracked):
    """Adafactor.build: a <2-D variable gets two int32 scalars (placeholders, variables
    it does not add but tracks as attributes); another its factored row and column
    statistics (the last two axes); each a velocity."""
    made = []
    for v in variables:
        if len(v.shape) < 2:
            made += [((), INT32_BITS)] * 2 * tracked
        elif not v.overwrite_with_gradient:
            made += [(v.shape[:-1], v.bits), (v.shape[:-2] + v.shape[-1:], v.bits)]
        if not v.overwrite_with_gradient:
            made.append((v.shape, v.bits))
    return made


def _muon(choice, variables, tracked):
    """Muon.build: a momentum for each variable; a velocity too for those Adam updates
    (_should_use_adamw: not 2-D, an embedding's path, or a path exclude_layers matches)."""
    made = []
    for v in variables:
        if v.overwrite_with_gradient:
            continue
        made.append((v.shape, v.bits))
        if muon_uses_adam(choice, v):
            made.append((v.shape, v.bits))
    return made


def muon_uses_adam(choice, v):
    """Muon._should_use_adamw (muon.py): a variable not 2-D, an embedding's (by its path)
    or one whose path exclude_layers matches is updated by Adam."""
    return (len(v.shape) != 2 or (choice["exclude_embeddings"] and "embedding" in v.path.lower())
            or any(re.search(pattern, v.path) for pattern in choice["exclude_layers"] or []))


# Each optimizer's build(): (choice, variables, tracked) -> [(shape, bits)]. `tracked`:
# variables it assigns as attributes count (they do not inside LossScaleOptimizer.build,
# which turns automatic tracking off: no_automatic_dependency_tracking)
SLOTS = {
    "Adam": lambda c, vs, t: _slots(vs, "momentum", "velocity") + (_slots(vs, "velocity_hat") if c["amsgrad"] else []),
    "SGD": lambda c, vs, t: _slots(vs, "momentum") if c["momentum"] != 0 else [],
    "RMSprop": lambda c, vs, t: (_slots(vs, "velocity") + (_slots(vs, "momentum") if c["momentum"] > 0 else [])
                                 + (_slots(vs, "average_gradient") if c["centered"] else [])),
    "Adagrad": lambda c, vs, t: _slots(vs, "accumulator"),
    "Adadelta": lambda c, vs, t: _slots(vs, "accumulated_grad", "accumulated_delta_var"),
    "Adamax": lambda c, vs, t: _slots(vs, "momentum", "norm"),
    # Nadam's _u_product, an attribute: a scalar of the first variable's dtype (floatx without variables)
    "Nadam": lambda c, vs, t: _slots(vs, "momentum", "velocity") + [((), vs[0].bits if vs else FLOATX_BITS)] * t,
    "Ftrl": lambda c, vs, t: _slots(vs, "accumulator", "linear"),
    "Lion": lambda c, vs, t: _slots(vs, "momentum"),
    "Lamb": lambda c, vs, t: _slots(vs, "momentum", "velocity"),
    "Adafactor": _adafactor,
    "Muon": _muon,
    "ScheduleFreeAdamW": lambda c, vs, t: _slots(vs, "momentum", "velocity"),
}
SLOTS["AdamW"] = SLOTS["Adam"]


def optimizer_variables(choice: OptimizerChoice, variables, tracked=True):
    """[(shape, bits)] of optimizer.variables once built on `variables` (Variable): its
    scalars, then the slots it builds per variable."""
    if choice.class_name == "LossScaleOptimizer":  # its own four, then its inner optimizer's
        return _scalars(choice) + optimizer_variables(choice.inner, variables, tracked=False)
    return _scalars(choice) + slot_variables(choice, variables, tracked)


def _scalars(choice: OptimizerChoice):
    """The optimizer's own scalars: base_optimizer.py's iteration, and learning_rate unless
    it is a schedule; loss_scale_optimizer.py's own four (with step_counter, dynamic_scale)."""
    if choice.class_name == "LossScaleOptimizer":
        return [((), INT64_BITS), ((), FLOATX_BITS), ((), INT64_BITS), ((), 32)]
    return [((), INT64_BITS)] + ([] if isinstance(choice["learning_rate"], Schedule) else [((), FLOATX_BITS)])


def slot_variables(choice: OptimizerChoice, variables, tracked=True):
    """[(shape, bits)] of what the optimizer builds for `variables`: with use_ema an
    `average` each, with gradient_accumulation_steps a `gradient_accumulator` each, then
    its own slots (SLOTS); a LossScaleOptimizer's are its inner optimizer's."""
    if choice.class_name == "LossScaleOptimizer":
        return slot_variables(choice.inner, variables, tracked=False)
    made = []
    if choice["use_ema"]:
        made += _slots(variables, "average")
    if choice["gradient_accumulation_steps"]:  # add_variable_from_reference: every variable
        made += [(v.shape, v.bits) for v in variables]
    return made + SLOTS[choice.class_name](choice, variables, tracked)


def variables_bytes(made):
    """Bytes of [(shape, bits)] (a sub-byte variable's bits summed first, as Keras sums them)."""
    return sum(math.prod(shape) * bits for shape, bits in made) / 8


def described(choice: OptimizerChoice):
    """The optimizer as written, with only the arguments that differ from Keras's
    defaults: Adam, SGD(momentum=0.9), LossScaleOptimizer(Adam)."""
    if choice.class_name == "LossScaleOptimizer":
        return f"LossScaleOptimizer({described(choice.inner)})"
    defaults = dict(SIGNATURES[choice.class_name])
    changed = [f"{name}={f'{value.class_name}(...)' if isinstance(value, Schedule) else repr(value)}"
               for name, value in choice.arguments.items() if name != "name" and value != defaults.get(name)]
    return f"{choice.class_name}({', '.join(changed)})" if changed else choice.class_name


def trainable_variables(model):
    """The model's trainable variables (model.trainable_variables), with Keras's paths."""
    return [variable for _, _, variable in trainable_variables_by_weight(model)]


def trainable_variables_by_weight(model):
    """(layer, weight, Variable) of each trainable variable of the model, in Keras's order,
    with Keras's paths: a layer a Sequential or a subclassed model builds (in its build or
    its call, in its name scope: keras/src/layers/layer.py _open_name_scope) has its
    model's name first; a functional model's layers are built before it, outside it."""
    owners = {}

    def walk(owner):
        for layer in owner.layers:
            owners[id(layer)] = owner
            if layer.model is not None:
                walk(layer.model)

    walk(model)
    variables = []
    for layer, weight, counted in model.leaf_weights():
        if counted:
            owner = owners.get(id(layer))
            prefix = f"{owner.name}/" if owner is not None and owner.api in ("sequential", "subclassed") else ""
            variables.append((layer, weight, Variable(f"{prefix}{layer.name}/{weight.name}", tuple(weight.shape),
                                                      weight.bits or layer.rule.weight_bits,
                                                      getattr(weight, "overwrite_with_gradient", False))))
    return variables


def optimizer_totals(choice: OptimizerChoice, model):
    """(params, bytes) of the optimizer's variables, as summary_utils counts them."""
    made = optimizer_variables(choice, trainable_variables(model))
    return sum(math.prod(shape) for shape, _ in made), variables_bytes(made)
