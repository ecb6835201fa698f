"""The masks of a class the code defines, as Keras computes them after each call
(keras/src/layers/layer.py __call__ and _set_mask_metadata): a layer supports masking
when its class overrides compute_mask or sets `supports_masking = True`; then
compute_mask(inputs, previous_mask) gives its outputs' masks. Keras calls it on the
model's own tensors, so the keras.ops operations it applies (`ops.not_equal(inputs, 0)`)
are nodes of the model, auto-named then. The reader follows it once on the input's
shapes and hands the analysis a recipe of it (layers/user.py MaskRecipe), which the
analysis replays on the masks it knows."""

from __future__ import annotations

from convcalc.layers.user import MaskRecipe
from convcalc.read.python.values import BoundMethod, Function, LambdaValue, PreviousMask, ShapedTensor, flatten

# keras/src/layers/core/lambda_layer.py Lambda.call(inputs, mask=None, training=None)
LAMBDA_CALL_ARGUMENTS = ("inputs", "mask", "training")


class MaskTrace:
    """The operations compute_mask applies, each on the inputs or on earlier results."""

    def __init__(self, inputs):
        self.values = list(inputs)  # held, so that their ids stay theirs
        self.index = {id(t): i for i, t in enumerate(self.values)}
        self.steps = []
        self.unfollowed = None  # (class name) of an operation on something else (a weight, a constant tensor)

    def record(self, class_name, tensors, result):
        if isinstance(result, list) or any(id(t) not in self.index for t in tensors):  # several outputs: not replayed
            self.unfollowed = self.unfollowed or class_name
            return
        self.steps.append((class_name, [self.index[id(t)] for t in tensors], tuple(result.shape)))
        self.index[id(result)] = len(self.values)
        self.values.append(result)


def call_arguments(layer):
    """The parameters of the class's call (Keras's call_signature_parameters, self left out)."""
    if isinstance(layer, LambdaValue):
        return LAMBDA_CALL_ARGUMENTS
    _, call = layer.cls.lookup("call")
    if not isinstance(call, Function):
        return ()
    arguments = call.node.args
    return tuple(a.arg for a in [*arguments.posonlyargs, *arguments.args][1:] + arguments.kwonlyargs)


def _supports_masking(interpreter, layer):
    """Layer.supports_masking: set by the class (or its __init__), else whether the class
    overrides compute_mask."""
    if isinstance(layer, LambdaValue):  # Lambda(mask=...) is refused: a Lambda drops the mask
        return False, None
    _, compute = layer.cls.lookup("compute_mask")
    if "supports_masking" in layer.attributes:
        setting = layer.attributes["supports_masking"]
    else:
        owner, setting = layer.cls.lookup("supports_masking")
        setting = compute is not None if owner is None else setting
    return setting is True, compute if isinstance(compute, Function) else None


def user_layer_mask(interpreter, layer, first_argument, node):
    """(the MaskRecipe of a call of the layer on the model's tensors, or None when it
    drops the mask; the auto-names its operations take now, as Keras names them)."""
    supported, compute = _supports_masking(interpreter, layer)
    if not supported:
        return None, None
    if compute is None:  # Layer.compute_mask: the mask it was given
        return MaskRecipe([], ["previous"], single=True), None
    inputs = [t for t in flatten(first_argument) if isinstance(t, ShapedTensor)]
    trace, previous = MaskTrace(inputs), PreviousMask(node.lineno)
    owner = layer.cls.lookup("compute_mask")[0]
    saved = getattr(interpreter, "mask_trace", None)
    interpreter.mask_trace = trace
    interpreter.tracing += 1
    try:
        result = interpreter.call_bound(BoundMethod(compute, layer, owner), [first_argument, previous], {}, node)
    finally:
        interpreter.tracing -= 1
        interpreter.mask_trace = saved
    where = f"{layer.class_name}.compute_mask (line {compute.node.lineno})"
    if trace.unfollowed is not None:
        raise interpreter.error(f"{where} applies {trace.unfollowed} to a tensor that is not its input's, which "
                                "convcalc does not follow as a mask", node)

    def item(value):
        if value is None:
            return None
        if value is previous:
            return "previous"
        if isinstance(value, ShapedTensor) and id(value) in trace.index and trace.index[id(value)] >= len(inputs):
            return trace.index[id(value)]
        if isinstance(value, ShapedTensor) and id(value) in trace.index:
            raise interpreter.error(f"{where} returns its input as the mask, which convcalc does not follow", node)
        raise interpreter.error(f"{where} returns {interpreter.shown(value)}, not a mask convcalc follows "
                                "(an operation on its inputs, the mask it is given, or None)", node)

    single = not isinstance(result, (list, tuple))
    recipe = MaskRecipe(trace.steps, [item(v) for v in ([result] if single else flatten(result))], single)
    names = None
    if interpreter.names.naming.mask_operations:
        names = [interpreter.names.auto(class_name) for class_name, _, _ in recipe.steps]
    return recipe, names

