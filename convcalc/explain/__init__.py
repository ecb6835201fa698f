"""`convcalc explain`: each layer's output shape, parameter count, receptive field and
MACs derived as a student would write them, numbers filled in.

- explain/explainers.py: imports every family (so each registers) and picks a layer's
  explainer; only model.py and field_map.py import it, no family does (no import cycle);
- explain/registry.py: explainers keyed by rule class name, found along the rule's MRO;
- explain/base.py: the generic explainer (shapes stated, each weight's shape product);
- explain/conv.py, pooling.py, core.py, normalization.py, reshaping.py, merging.py,
  recurrent.py, nested.py: one module per family of rules;
- explain/field.py: receptive field and jump (the Field arithmetic the families use);
- explain/field_map.py: the fields carried through the model's graph, call by call;
- explain/model.py: explain_model(AnalyzedModel) -> ModelExplanation;
- explain/render.py: the text (rich on a terminal, plain when piped) and JSON.
"""

from convcalc.explain.model import ModelExplanation, explain_model  # noqa: F401
