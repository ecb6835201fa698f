"""A Mermaid flowchart of the graph keras.utils.plot_model draws (report/plot.py): the
same boxes, clusters and edges as the DOT text, for Markdown pages (GitHub, GitLab and
most documentation sites draw Mermaid themselves).

A box is `n<id>`, its id the DOT text's, its label the lines of plot_model's table; a
nested model's cluster is a dashed subgraph titled with its name; trainable boxes get
plot_model's colours as a class (trainable: forestgreen, frozen: firebrick). The edges
follow the boxes, in the DOT text's order. --dpi means nothing to Mermaid.
"""

from __future__ import annotations

from convcalc.report.plot import Box, Cluster, PlotOptions


def _text(text):
    """Text in a quoted Mermaid label: its quotes as the entity Mermaid reads."""
    return text.replace('"', "#quot;")


def label(box: Box, options: PlotOptions):
    lines = [f"<b>{box.name}</b> ({box.class_name})" if options.show_layer_names else f"<b>{box.class_name}</b>"]
    if box.activation is not None:
        lines.append(f"Activation: <b>{box.activation}</b>")
    for title, value in (("Input shape", box.input_shape), ("Output shape", box.output_shape),
                         ("Output dtype", box.dtype)):
        if value is not None:
            lines.append(f"{title}: <b>{value}</b>")
    if box.trainable is not None:
        lines.append("<b>Trainable</b>" if box.trainable else "<b>Non-trainable</b>")
    return _text("<br/>".join(lines))


def _items(cluster: Cluster, options, lines, edges, classes, indent, clusters):
    for item in cluster.items:
        if isinstance(item, Cluster):
            clusters.append(f"c{len(clusters) + 1}")
            name = clusters[-1]
            lines.append(f'{indent}subgraph {name} ["{_text(item.name)}"]')
            _items(item, options, lines, edges, classes, indent + "  ", clusters)
            lines.append(f"{indent}end")
            lines.append(f"{indent}style {name} stroke-dasharray: 5 5")
        else:
            lines.append(f'{indent}n{item.id}["{label(item, options)}"]')
            if item.trainable is not None:
                classes.setdefault("trainable" if item.trainable else "frozen", []).append(f"n{item.id}")
    edges += [f"  n{source} --> n{destination}" for source, destination in cluster.edges]


def render_mermaid(graph: Cluster, options: PlotOptions):
    lines, edges, classes = [f"flowchart {options.rankdir}"], [], {}
    _items(graph, options, lines, edges, classes, "  ", [])
    lines += edges
    if classes:
        lines += ["  classDef trainable stroke:forestgreen,stroke-width:3px",
                  "  classDef frozen stroke:firebrick,stroke-width:3px"]
        lines += [f"  class {','.join(ids)} {name}" for name, ids in classes.items()]
    return "\n".join(lines) + "\n"
