"""The DOT text of keras.utils.model_to_dot, written by convcalc itself (no pydot).

keras/src/utils/model_visualization.py builds a pydot graph; this writes what pydot's
to_string() writes for it (pydot 4: its attribute order, its quoting rules), from the
boxes and clusters of report/plot.py. Keras names each box by id(layer), a memory
address; convcalc numbers the boxes in drawing order (1, 2, ...).
"""

from __future__ import annotations

import re

from convcalc.report.plot import Box, Cluster, PlotOptions

_KEYWORDS = ("graph", "subgraph", "digraph", "node", "edge", "strict")
_NUMERAL = re.compile(r"^([0-9]+\.?[0-9]*|[0-9]*\.[0-9]+)$")
_ID = re.compile(r"^[_a-zA-Z][a-zA-Z0-9_]*$")


def _quoted(text):
    return '"' + text.replace('"', r"\"").replace("\n", r"\n").replace("\r", r"\r") + '"'


def _plain(text):
    """Whether DOT reads the text as it is (pydot's any_needs_quotes, no HTML here)."""
    if text.isdigit():
        return True
    if text.isalnum():
        return not text[0].isdigit()
    if any(ord(c) > 0x7F or ord(c) == 0 for c in text):
        return False
    return bool(_NUMERAL.match(text)) or None


def quote_id(text):
    """pydot's quote_id_if_necessary (a graph's or a node's name)."""
    if text.lower() in _KEYWORDS:
        return _quoted(text)
    plain = _plain(text)
    if plain is None:
        plain = bool(_ID.match(text))
    return text if plain else _quoted(text)


def quote_attribute(text):
    """pydot's quote_attr_if_necessary (an attribute's value)."""
    if text.lower() in _KEYWORDS:
        return _quoted(text)
    return text if _plain(text) else _quoted(text)


def _cell(text, size=14, bgcolor="white", color=None, colspan=None):
    span = f' colspan="{colspan}"' if colspan is not None else ""
    font = f' color="{color}"' if color else ""
    return f'<td bgcolor="{bgcolor}"{span}><font point-size="{size}"{font}>{text}</font></td>'


def label(box: Box, options: PlotOptions):
    """make_layer_label: an HTML-like table, its header the name and class."""
    colspan = max(1, int(options.show_dtype) + int(options.show_trainable) + 2 * int(options.show_shapes))
    head = f"<b>{box.name}</b> ({box.class_name})" if options.show_layer_names else f"<b>{box.class_name}</b>"
    table = '<<table border="0" cellborder="1" bgcolor="black" cellpadding="10">'
    table += (f'<tr><td colspan="{colspan}" bgcolor="black"><font point-size="16" color="white">'
              f"{head}</font></td></tr>")
    if box.activation is not None:
        table += (f'<tr><td bgcolor="white" colspan="{colspan}"><font point-size="14">'
                  f"Activation: <b>{box.activation}</b></font></td></tr>")
    cells = []
    if box.input_shape is not None:
        cells.append(_cell(f"Input shape: <b>{box.input_shape}</b>"))
    if box.output_shape is not None:
        cells.append(_cell(f"Output shape: <b>{box.output_shape}</b>"))
    if box.dtype is not None:
        cells.append(_cell(f"Output dtype: <b>{box.dtype}</b>"))
    if box.trainable is not None:
        cells.append(_cell("<b>Trainable</b>", bgcolor="forestgreen", color="white") if box.trainable
                     else _cell("<b>Non-trainable</b>", bgcolor="firebrick", color="white"))
    if cells:
        table += f"<tr>{''.join(cells)}</tr>"
    return table + "</table>>"


def _items(cluster: Cluster, options: PlotOptions, lines):
    for item in cluster.items:
        if isinstance(item, Cluster):  # pydot.Cluster(style="dashed", graph_name=name), label, labeljust
            lines.append(f"subgraph {quote_id('cluster_' + item.name)} {{")
            lines += ["style=dashed;", f"label={quote_attribute(item.name)};", "labeljust=l;"]
            _items(item, options, lines)
            lines.append("}")
        else:  # make_node: the label, then fontname, border and margin
            lines.append(f"{item.id} [label={label(item, options)}, fontname=Helvetica, border=0, margin=0];")
    lines += [f"{source} -> {destination} [penwidth=2];" for source, destination in cluster.edges]


def render_dot(graph: Cluster, options: PlotOptions):
    """pydot's to_string() of model_to_dot's graph."""
    lines = ["digraph G {", f"rankdir={quote_attribute(options.rankdir)};", "concentrate=true;",
             f"dpi={options.dpi};", "splines=ortho;", "node [shape=record];"]
    _items(graph, options, lines)
    lines.append("}")
    return "\n".join(lines) + "\n"
