"""The training-memory estimate (report/memory.py) as the lines after the totals, and as
the JSON's `training_memory` object."""

from __future__ import annotations

from convcalc.render.memory_size import readable_memory_size


def _size(value):
    return "?" if value is None else f"{value:,} B ({readable_memory_size(value)})"


def lines(memory, indent="  "):
    """[(label, text)]: a heading, then one line per term and the peak (indented by `indent`)."""
    heading = (f"an estimate, batch {memory.batch_size} ({memory.batch_note}), optimizer {memory.optimizer}; "
               "the rules: convcalc explain --memory")
    result = [("Training memory", heading)]
    for term in memory.terms:
        note = f"; not counting {', '.join(term.left_out)}" if term.left_out else ""
        result.append((f"{indent}{term.name}", f"{_size(term.bytes)}: {term.rule}{note}"))
    result.append((f"{indent}Estimated peak", f"{_size(memory.peak)}: weights + gradients + optimizer state + the larger "
                                       "of activations with inputs and the update temporaries"))
    return result


def json_data(memory):
    return {
        "batch_size": memory.batch_size,
        "optimizer": memory.optimizer,
        "estimate": True,
        **{term.name.lower().replace(" ", "_"): term.bytes for term in memory.terms},
        "peak": memory.peak,
        "not_counting": sorted({name for term in memory.terms for name in term.left_out}),
    }


def explain_text(derived):
    """`convcalc explain --memory`: per spec, each term's rule with its numbers."""
    out = []
    for path, memory, terms in derived:
        out.append(f"{path}: training memory, an estimate (batch {memory.batch_size}, {memory.batch_note}; "
                   f"optimizer {memory.optimizer})")
        for name, lines in terms:
            out.append(f"  {name}")
            out += [f"    {line}" for line in lines]
    return "\n".join(out) + "\n"


def explain_dict(derived_one):
    """One spec's `explain --memory --format json` object."""
    path, memory, terms = derived_one
    return {"spec": str(path), "training_memory": json_data(memory),
            "rules": [{"term": name, "lines": lines} for name, lines in terms]}


def explain_json(derived):
    data = [explain_dict(one) for one in derived]
    return dumps(data[0] if len(data) == 1 else data) + "\n"


def dumps(data):
    import json

    return json.dumps(data, indent=2)
