"""`convcalc explain`: each layer's output shape, parameter count, receptive field and
MACs derived as a student would write them, numbers filled in.

- each rule derives its own (convcalc/layers/: shape_formula, param_formula, macs and
  field_step on a Call, the generic ones in layers/base.py); explain only formats them;
- explain/lines.py: one call's derivations as text (its output shape appended, a frozen
  layer's note, a params formula that misses the weights recorded);
- explain/nested.py: a nested model's own lines (its layers' params);
- convcalc/report/layer_calls.py: the fields and MACs walked through the model's graph (shared
  with summarize --columns);
- explain/model.py: explain_model(AnalyzedModel) -> ModelExplanation;
- explain/render.py: the text (rich on a terminal, plain when piped) and JSON.
"""

from convcalc.report.explain.model import ModelExplanation, explain_model  # noqa: F401
