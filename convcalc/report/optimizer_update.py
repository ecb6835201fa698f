"""The update temporaries of `summarize --memory`: the tensors an optimizer's update makes
while it runs on Keras's torch backend, once backward has freed the activations (the
optimizer's variables themselves are report/optimizer.py's: its slots and scalars).

Keras's torch backend updates in one of two ways (keras/src/backend/torch/optimizers/):

- a torch foreach update (torch_optimizer.py maps Adadelta, Adagrad, Adam, Adamax, AdamW,
  Lion, Nadam, RMSprop and SGD to the classes of torch_*.py, whose
  `_parallel_update_step` calls torch._foreach_* on the list of every variable): each
  temporary is one tensor per variable at once, so N temporaries are N × the bytes of
  all trainable variables;
- the generic update (keras/src/optimizers/base_optimizer.py `_backend_update_step`:
  `update_step` for one variable after another, with keras.ops): its temporaries are
  freed before the next variable, so N temporaries are N × the largest variable's bytes.

Each count is the most tensors of the variable's size alive at one time in that code:
an operation's operands and its result, and the locals still referenced (a scalar,
a norm or a mean over an axis is left out).

Around the update (base_optimizer.py `apply` and `_backend_apply_gradients`):
clipping (clipnorm, clipvalue, global_clipnorm), loss_scale_factor, a
LossScaleOptimizer's unscaling (loss_scale_optimizer.py `apply`) and
gradient_accumulation_steps (`(g + acc_g) / steps`) each make a new gradient per
variable that lives through the update; weight decay is torch_optimizer.py's in-place
`_foreach_mul_` (no temporary) but for Muon, whose own `_apply_weight_decay` makes two per
variable; use_ema's moving average (`_update_model_variables_moving_average`) makes three
per variable, one variable at a time, after the update.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from convcalc.report.optimizer import muon_uses_adam

TORCH = "keras/src/backend/torch/optimizers/"
OPTIMIZERS = "keras/src/optimizers/"

# class -> (temporaries alive at once, in units of every trainable variable, its torch update)
FOREACH = {
    # _foreach_mul(grads, grads) for v; then mul(m, alpha), sqrt(v) and add(sqrt, epsilon)
    # alive together, and the sqrt freed while div makes the step: 3 (amsgrad's v_hat is a slot)
    "Adam": (3, TORCH + "torch_adam.py"),
    "AdamW": (3, TORCH + "torch_adamw.py (torch_adam.py's update; its decay is in place)"),
    # every update is in place: _foreach_mul_ and _foreach_add_ on the momentum and the variables
    "SGD": (0, TORCH + "torch_sgd.py"),
    # denominators (kept to the end), mul(grads, lr) and the div's increments: 3
    "RMSprop": (3, TORCH + "torch_rmsprop.py"),
    # mul(grads, lr), add(accumulators, epsilon) and its sqrt; then that, the sqrt and the div: 3
    "Adagrad": (3, TORCH + "torch_adagrad.py"),
    # rms(x) is add then sqrt: the first rms·grads, the second rms's add and sqrt; then the div: 3
    "Adadelta": (3, TORCH + "torch_adadelta.py"),
    # mul(m, lr), add(u, epsilon) and its mul by (1 - beta_1_power); then the div: 3
    "Adamax": (3, TORCH + "torch_adamax.py"),
    # c_t (kept to the end) and its sign list, then c_t and mul(c_t, lr): 2
    "Lion": (2, TORCH + "torch_lion.py"),
    # m_hat and v_hat (kept), mul(m_hat, lr), sqrt(v_hat) and its add(epsilon); then the div: 5
    "Nadam": (5, TORCH + "torch_nadam.py"),
}


def _muon_per_variable(choice, variable):
    """Muon's update_step on one variable (muon.py): the Adam branch's
    `_adamw_update_step` keeps 3 (mul(m, alpha), sqrt(v), its add; then the div); a 2-D
    one's `_muon_update_step` keeps the nesterov g and, in a Newton-Schulz step
    (`zeropower_via_newtonschulz5`), x, a·x, temp_b @ x and the new x: 5 of its size,
    plus temp_a and temp_b, k × k each (k: its smaller axis)."""
    size = math.prod(variable.shape)
    if muon_uses_adam(choice, variable):
        return 3 * size
    k = min(variable.shape)
    return 5 * size + 2 * k * k


# class -> (values of the variable's size its generic update_step keeps at once, per variable)
GENERIC = {
    # grad_to_use and new_accum kept; quadratic and linear_clipped, then sub and its div: 6
    "Ftrl": (lambda c, v: 6 * math.prod(v.shape), OPTIMIZERS + "ftrl.py"),
    # m_t_hat, v_sqrt and update kept; ratio·lr·update and variable minus it: 5
    "Lamb": (lambda c, v: 5 * math.prod(v.shape), OPTIMIZERS + "lamb.py"),
    # regulated_grad_square, u_t and u_t_hat kept; alpha_t·u_t_hat and variable minus it: 5
    "Adafactor": (lambda c, v: 5 * math.prod(v.shape), OPTIMIZERS + "adafactor.py"),
    "Muon": (_muon_per_variable, OPTIMIZERS + "muon.py"),
    # denom, grad_scaled, x_old and x_new kept; y_new's two products and their add: 7
    "ScheduleFreeAdamW": (lambda c, v: 7 * math.prod(v.shape), OPTIMIZERS + "schedule_free_adamw.py"),
}
EMA_TENSORS = 3  # momentum·average, (1 - momentum)·variable and their add, per variable
MUON_DECAY_TENSORS = 2  # variable·wd (then ·lr) and variable minus it, per variable


@dataclass
class Temporaries:
    bytes: int
    rule: str  # the summary's one-line rule
    lines: list  # the rule with its numbers (explain --memory)


def _bytes(variable, values):
    return int(values * variable.bits // 8)


def update_temporaries(choice, variables) -> Temporaries:
    """The update temporaries of `choice` (an OptimizerChoice) built on `variables`
    (report/optimizer.py's Variable list: the model's trainable variables)."""
    wrapper = choice if choice.class_name == "LossScaleOptimizer" else None
    choice = choice.inner if wrapper else choice
    updated = [v for v in variables if not v.overwrite_with_gradient]  # apply skips those
    every = sum(_bytes(v, math.prod(v.shape)) for v in updated)
    update, lines = _update(choice, updated, every)
    beside = _beside_update(choice, updated, lines)
    copies = _copy_reasons(choice, wrapper)
    total = len(copies) * every + max(update, beside)
    if copies:
        lines.append(f"new gradients alive through the update ({', '.join(copies)}): "
                     f"{len(copies)} × {every:,} B = {len(copies) * every:,} B")
    lines.append(f"in all: {'the larger of the update and the steps beside it' if beside else 'the update'}"
                 + (" + the gradient copies" if copies else "") + f" = {total:,} B")
    name = choice.class_name
    rule = (f"{name}'s update on torch: {FOREACH[name][0]} per trainable weight" if name in FOREACH
            else f"{name}'s update on torch, one variable at a time: its largest variable's")
    if copies:
        rule += f", + {len(copies)} gradient cop{'y' if len(copies) == 1 else 'ies'}"
    return Temporaries(total, rule + ", once the activations are freed", lines)


def _update(choice, updated, every):
    """(bytes, [line]) of the update itself: a foreach one's count × every variable, or the
    most a generic update_step holds for one variable."""
    name = choice.class_name
    if name in FOREACH:
        count, source = FOREACH[name]
        return count * every, [f"{name}'s torch foreach update ({source}): {count} tensors of every trainable "
                               f"variable at once: {count} × {every:,} B = {count * every:,} B"]
    per_variable, source = GENERIC[name]
    line = (f"{name}'s generic update, one variable at a time ({source}, base_optimizer.py _backend_update_step): "
            "the most one variable's update_step holds")
    if not updated:
        return 0, [line + ": 0 B"]
    most = max(updated, key=lambda v: _bytes(v, per_variable(choice, v)))
    values = per_variable(choice, most)
    update = _bytes(most, values)
    return update, [f"{line}, {most.path} {tuple(most.shape)}: {values:,} values × {most.bits / 8:g} B"
                    f" = {update:,} B"]


def _beside_update(choice, updated, lines):
    """Bytes of what runs one variable at a time beside the update: Muon's weight decay
    (muon.py _apply_weight_decay, before it) and use_ema's moving average (after it)."""
    largest = max((_bytes(v, math.prod(v.shape)) for v in updated), default=0)
    steps = []
    if choice.class_name == "Muon" and (choice["weight_decay"] or choice["adam_weight_decay"]):
        steps.append((MUON_DECAY_TENSORS, "Muon's weight decay (muon.py _apply_weight_decay)"))
    if choice["use_ema"]:
        steps.append((EMA_TENSORS, "use_ema's moving average (base_optimizer.py "
                      "_update_model_variables_moving_average)"))
    for count, what in steps:
        lines.append(f"{what}, one variable at a time: {count} × its largest, {largest:,} B = {count * largest:,} B")
    return max((count * largest for count, _ in steps), default=0)


def _copy_reasons(choice, wrapper):
    """Why new lists of every gradient live through the update, one reason per list."""
    reasons = []
    if any(choice[name] for name in ("clipnorm", "clipvalue", "global_clipnorm")):
        reasons.append("clipped (base_optimizer.py _clip_gradients)")
    if choice["loss_scale_factor"] is not None:
        reasons.append("divided by loss_scale_factor (base_optimizer.py apply)")
    if wrapper is not None:
        reasons.append("unscaled (loss_scale_optimizer.py apply)")
    if choice["gradient_accumulation_steps"]:
        reasons.append("accumulated, (g + acc_g) / steps (base_optimizer.py _backend_apply_gradients)")
    return reasons
