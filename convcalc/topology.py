"""Keras's graph ordering (keras/src/ops/function.py: map_graph), on convcalc's nodes.

The summary lists a functional model's layers in the order Keras computes here: by
decreasing depth from the outputs, ties broken by depth-first traversal order. The
same pass yields the nodes by depth that Keras's "sequential-like" test reads.
"""

from __future__ import annotations

import collections


def map_graph(input_tensors, output_tensors):
    """(nodes_by_depth, operations): Keras's map_graph on Node/Tensor objects of engine.py."""
    nodes_in_decreasing_depth, operation_indices = _build_map(input_tensors, output_tensors)
    nodes_in_graph = set(map(id, nodes_in_decreasing_depth))
    nodes_depths, operations_depths = {}, {}
    for node in reversed(nodes_in_decreasing_depth):
        depth = nodes_depths.setdefault(node, 0)
        depth = max(depth, operations_depths.get(node.layer, 0))
        operations_depths[node.layer] = depth
        nodes_depths[node] = depth
        for parent in node.parent_nodes:
            if id(parent) in nodes_in_graph:
                nodes_depths[parent] = max(depth + 1, nodes_depths.get(parent, 0))

    for tensor in input_tensors:  # inputs that no output depends on are still listed
        if tensor.layer not in operations_depths:
            operations_depths[tensor.layer] = 0
            operation_indices[tensor.layer] = -1
            nodes_depths[tensor.node] = 0

    nodes_by_depth = collections.defaultdict(list)
    for node, depth in nodes_depths.items():
        nodes_by_depth[depth].append(node)
    operations_by_depth = collections.defaultdict(list)
    for operation, depth in operations_depths.items():
        operations_by_depth[depth].append(operation)

    operations = []
    for depth in sorted(operations_by_depth, reverse=True):
        operations.extend(sorted(operations_by_depth[depth], key=lambda op: operation_indices[op]))
    return nodes_by_depth, operations


def _build_map(input_tensors, output_tensors):
    """Keras's depth-first walk from the outputs (nodes in the order they finish, layers
    indexed in the order they are reached), with a stack of its own: a chain of 100,000
    layers is as deep."""
    finished, in_progress = set(), set()
    ordered, operation_indices = [], {}
    stack = []  # (node, iterator over its input tensors not yet visited)

    def enter(node):
        if node in finished:
            return
        if node in in_progress:  # the spec reader prevents cycles; keep Keras's guard
            raise ValueError(f"layer {node.layer.name} is part of a cycle")
        if node.layer not in operation_indices:
            operation_indices[node.layer] = len(operation_indices)
        in_progress.add(node)
        stack.append((node, iter(node.all_inputs)))

    for tensor in output_tensors:
        enter(tensor.node)
        while stack:
            node, parents = stack[-1]
            parent = next(parents, None)
            if parent is not None:
                enter(parent.node)
                continue
            stack.pop()
            finished.add(node)
            in_progress.discard(node)
            ordered.append(node)
    return ordered, operation_indices
