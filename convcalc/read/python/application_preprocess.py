"""keras.applications' preprocess_input on the code's tensors, as Keras records it: each
module's function is keras/src/applications/imagenet_utils.py preprocess_input in one
mode, whose _preprocess_tensor_input applies Python's operators and keras.ops to a
symbolic tensor, so each step is an operation of the model (`true_divide`, `subtract`,
...), auto-named as Keras names them; on data it is data of the same shape."""

from __future__ import annotations

import ast

from convcalc.read.python.values import ArrayValue, ShapedTensor, TensorValue, Unknown, WeightValue

# the mode each module's preprocess_input passes (keras/src/applications/*.py); None:
# the model preprocesses itself, its preprocess_input returns x as it is
MODES = {
    "mobilenet": "tf", "mobilenet_v2": "tf", "inception_v3": "tf", "inception_resnet_v2": "tf",
    "xception": "tf", "nasnet": "tf", "resnet_v2": "tf",
    "vgg16": "caffe", "vgg19": "caffe", "resnet": "caffe", "resnet50": "caffe",
    "densenet": "torch",
    "efficientnet": None, "efficientnet_v2": None, "convnext": None, "mobilenet_v3": None,
}
PARAMETERS = ("x", "data_format")
IMAGENET_PARAMETERS = ("x", "data_format", "mode")  # imagenet_utils.preprocess_input(x, data_format, mode="caffe")


def preprocess(interpreter, module, args, kwargs, node):
    """keras.applications.MODULE.preprocess_input(x, data_format=None)."""
    what = f"keras.applications.{module}.preprocess_input"
    imagenet = module == "imagenet_utils"
    bound = interpreter.bind(what, IMAGENET_PARAMETERS if imagenet else PARAMETERS, args, kwargs, node)
    mode = bound.get("mode", "caffe") if imagenet else MODES[module]
    x = bound.get("x")
    if mode not in ("tf", "caffe", "torch", None):
        raise interpreter.error(f"{what}: Keras expects mode to be one of `caffe`, `tf` or `torch`; got "
                                f"{interpreter.shown(mode)}", node)
    if bound.get("data_format") not in (None, "channels_last"):
        raise interpreter.error(f"{what}(data_format={interpreter.shown(bound['data_format'])}) is not "
                                "followed (convcalc follows channels_last)", node)
    if isinstance(x, ArrayValue):
        return x  # numpy data: numpy data of its shape
    if not isinstance(x, (TensorValue, ShapedTensor, WeightValue)):
        if isinstance(x, Unknown):
            return Unknown(interpreter.text_of(node), x.line, x.why)
        return interpreter.unknown(node, f"{what} of data convcalc does not hold")
    if mode is None:
        return x
    ndim = len(interpreter.tensor_attribute(x, "shape", node))
    if mode == "tf":  # x /= 127.5; x -= 1.0
        x = interpreter.binop(ast.Div(), x, 127.5, node)
        return interpreter.binop(ast.Sub(), x, 1.0, node)
    if mode == "torch":  # x /= 255.0, then the mean added and the std divided, as constant tensors
        x = interpreter.binop(ast.Div(), x, 255.0, node)
        x = interpreter.binop(ast.Add(), x, ShapedTensor((1,) * (ndim - 1) + (3,)), node)
        return interpreter.binop(ast.Div(), x, ShapedTensor((3,)), node)
    # caffe: 'RGB'->'BGR' by three slices stacked, then the mean added
    channels = [interpreter.get_item(x, (Ellipsis, i), node) for i in (2, 1, 0)]
    x = interpreter.call_operation("stack", [channels], {"axis": -1}, node)
    return interpreter.binop(ast.Add(), x, ShapedTensor((1,) * (ndim - 1) + (3,)), node)
