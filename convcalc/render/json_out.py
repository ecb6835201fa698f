"""The JSON summary for graders and scripts (schema documented in the README)."""

from __future__ import annotations

import json

from convcalc.summary import Summary


def summary_dict(summary: Summary):
    return {
        "model": summary.model_name,
        "api": summary.api,
        "layers": [
            {
                "name": row.name,
                "class_name": row.class_name,
                "output_shapes": [list(shape) for shape in row.output_shapes],
                "params": row.params,
                "trainable_params": row.trainable_params,
                "non_trainable_params": row.non_trainable_params,
            }
            for row in summary.rows
        ],
        "total_params": summary.total.params,
        "trainable_params": summary.trainable.params,
        "non_trainable_params": summary.non_trainable.params,
    }


def render_json(summary: Summary):
    return json.dumps(summary_dict(summary), indent=2)
