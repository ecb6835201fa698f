"""Recurrent layers, wrappers and attention: figures by hand formula, and refusals.

Every figure below was checked against real Keras 3.15 (the same layer on the same
input) and is written with the formula that gives it; every spec in REFUSED is one that
Keras 3.15 refuses too (checked while writing them, with convcalc.oracle.keras_reference).
"""

import pytest

from conftest import run_cli, summarize_json, write_spec


def rows(tmp_path, text):
    """(output shapes, params, non-trainable params) of each layer of a spec."""
    data = summarize_json(write_spec(tmp_path, text))
    return [
        ([tuple(s) for s in r["output_shapes"]], r["params"], r["non_trainable_params"])
        for r in data["layers"] if r["class_name"] != "InputLayer"
    ]


def one(tmp_path, input_shape, entry):
    (row,) = rows(tmp_path, f"input: {list(input_shape)}\nlayers:\n  - {entry}\n".replace("None", "null"))
    return row


def gates(units, features, blocks, bias_per_block):
    """A cell's params: `blocks` kernels of (features + units) x units, and their biases."""
    return blocks * ((features + units) * units + bias_per_block * units)


# -- recurrent layers -------------------------------------------------------------------


def test_simple_rnn(tmp_path):
    assert one(tmp_path, (12, 10), "SimpleRNN: 8") == ([(None, 8)], gates(8, 10, 1, 1), 0)  # 152


def test_lstm_four_gates(tmp_path):
    assert one(tmp_path, (20, 8), "LSTM: {units: 16, return_sequences: true}") == (
        [(None, 20, 16)], gates(16, 8, 4, 1), 0)  # 1,600


def test_gru_reset_after_has_two_biases(tmp_path):
    assert one(tmp_path, (12, 6), "GRU: 5")[1] == gates(5, 6, 3, 2)  # 3 * (11*5 + 2*5) = 195
    assert one(tmp_path, (12, 6), "GRU: {units: 5, reset_after: false}")[1] == gates(5, 6, 3, 1)  # 180
    assert one(tmp_path, (12, 6), "GRU: {units: 5, use_bias: false}")[1] == gates(5, 6, 3, 0)  # 165


def test_return_state_outputs(tmp_path):
    assert one(tmp_path, (7, 3), "LSTM: {units: 4, return_state: true}")[0] == [(None, 4)] * 3  # output, h, c
    assert one(tmp_path, (7, 3), "GRU: {units: 4, return_state: true, return_sequences: true}")[0] == [
        (None, 7, 4), (None, 4)]


def test_stacked_cells_chain_their_inputs(tmp_path):
    shapes, params, _ = one(tmp_path, (9, 6), "RNN: {cell: [{SimpleRNNCell: 5}, {LSTMCell: 3}], return_state: true}")
    assert shapes == [(None, 3), (None, 5), (None, 3), (None, 3)]  # output, then each cell's states
    assert params == gates(5, 6, 1, 1) + gates(3, 5, 4, 1)  # the LSTMCell sees the SimpleRNNCell's 5


def test_stateful_layers_on_a_fixed_batch(tmp_path):
    """Their states add no weights. (Keras 3 builds stateful RNNs on TensorFlow only: on
    JAX and PyTorch it creates the state variables in a stateless scope, and fails; so no
    golden case holds one, as `convcalc check` runs every case on those backends too.)"""
    spec = ("batch_size: 4\ninput: [7, 3]\nlayers:\n  - LSTM: {units: 5, stateful: true, return_sequences: true}\n"
            "  - GRU: {units: 3, stateful: true, return_sequences: true}\n  - SimpleRNN: {units: 2, stateful: true}\n")
    assert rows(tmp_path, spec) == [
        ([(4, 7, 5)], gates(5, 3, 4, 1), 0),  # 180
        ([(4, 7, 3)], gates(3, 5, 3, 2), 0),  # 90
        ([(4, 2)], gates(2, 3, 1, 1), 0),  # 12
    ]


def test_frozen_cell_in_rnn(tmp_path):
    assert one(tmp_path, (9, 6), "RNN: {cell: {LSTMCell: {units: 2, trainable: false}}}")[1:] == (
        gates(2, 6, 4, 1), gates(2, 6, 4, 1))


def test_conv_lstm2d(tmp_path):
    # kernel 3x3x3x(4*8), recurrent 3x3x8x(4*8), bias 4*8
    assert one(tmp_path, (None, 16, 16, 3), "ConvLSTM2D: {filters: 8, kernel_size: 3, padding: same}") == (
        [(None, 16, 16, 8)], 9 * 3 * 32 + 9 * 8 * 32 + 32, 0)


def test_conv_lstm_valid_window_on_each_step(tmp_path):
    assert one(tmp_path, (4, 6, 6, 6, 2), "ConvLSTM3D: {filters: 2, kernel_size: 3, return_sequences: true}")[0] == [
        (None, 4, 4, 4, 4, 2)]  # 6 − 3 + 1 = 4 on each spatial axis, time kept


# -- wrappers -------------------------------------------------------------------------


def test_bidirectional_merge_modes(tmp_path):
    lstm = gates(8, 12, 4, 1)
    for mode, shapes in (("concat", [(None, 16)]), ("sum", [(None, 8)]), ("ave", [(None, 8)]),
                         ("mul", [(None, 8)]), ("null", [(None, 8), (None, 8)])):
        assert one(tmp_path, (15, 12), f"Bidirectional: {{layer: {{LSTM: 8}}, merge_mode: {mode}}}") == (
            shapes, 2 * lstm, 0), mode


def test_bidirectional_return_state(tmp_path):
    shapes = one(tmp_path, (15, 12), "Bidirectional: {layer: {LSTM: {units: 4, return_state: true}}}")[0]
    assert shapes == [(None, 8)] + [(None, 4)] * 4  # merged output, forward h c, backward h c


def test_bidirectional_backward_layer(tmp_path):
    entry = ("Bidirectional: {layer: {LSTM: {units: 6, return_sequences: true}}, "
             "backward_layer: {GRU: {units: 6, go_backwards: true, return_sequences: true}}}")
    assert one(tmp_path, (15, 12), entry) == ([(None, 15, 12)], gates(6, 12, 4, 1) + gates(6, 12, 3, 2), 0)


def test_time_distributed(tmp_path):
    assert one(tmp_path, (6, 10, 10, 3), "TimeDistributed: {layer: {Conv2D: [4, 3]}}") == (
        [(None, 6, 8, 8, 4)], (3 * 3 * 3 + 1) * 4, 0)


def test_spectral_normalization_adds_vector_u(tmp_path):
    # Dense's kernel and bias, and vector_u of the kernel's last size, not trainable
    assert one(tmp_path, (5,), "SpectralNormalization: {layer: {Dense: 3}}") == ([(None, 3)], 5 * 3 + 3 + 3, 3)


def test_spectral_normalization_of_spectral_normalization(tmp_path):
    # the inner one holds Dense's kernel as its own `kernel`: each adds a vector_u
    assert one(tmp_path, (5, 3), "SpectralNormalization: {layer: {SpectralNormalization: {layer: {Dense: 3}}}}") == (
        [(None, 5, 3)], 3 * 3 + 3 + 3 + 3, 6)


def test_stacked_cells_inside_stacked_cells(tmp_path):
    entry = "RNN: {cell: [{StackedRNNCells: {cells: [{GRUCell: 3}, {SimpleRNNCell: 2}]}}, {LSTMCell: 2}], return_state: true}"
    shapes, params, _ = one(tmp_path, (5, 3), entry)
    assert shapes == [(None, 2), (None, 3), (None, 2), (None, 2), (None, 2)]
    assert params == gates(3, 3, 3, 2) + gates(2, 3, 1, 1) + gates(2, 2, 4, 1)  # 124


# -- attention ------------------------------------------------------------------------


def test_multi_head_attention(tmp_path):
    spec = ("inputs: {q: [5, 16], v: [7, 8]}\nlayers:\n"
            "  - MultiHeadAttention: {num_heads: 2, key_dim: 4, inputs: {query: q, value: v}}\n")
    # query 16x2x4 + 2x4, key and value 8x2x4 + 2x4 each, output 2x4x16 + 16
    assert rows(tmp_path, spec) == [([(None, 5, 16)], 136 + 72 + 72 + 144, 0)]


def test_multi_head_attention_names_a_softmax_and_a_dropout(tmp_path):
    spec = ("inputs: {q: [5, 16]}\nlayers:\n"
            "  - MultiHeadAttention: {num_heads: 2, key_dim: 4, inputs: {query: q, value: q}}\n"
            "  - Dropout: 0.1\n")
    names = [r["name"] for r in summarize_json(write_spec(tmp_path, spec))["layers"]]
    assert names == ["q", "multi_head_attention", "dropout_1"]


def test_grouped_query_attention(tmp_path):
    spec = ("inputs: {q: [5, 16]}\nlayers:\n"
            "  - GroupQueryAttention: {head_dim: 4, num_query_heads: 4, num_key_value_heads: 2, "
            "inputs: {query: q, value: q}}\n")
    # query 16x4x4 + 4x4, key and value 16x2x4 + 2x4 each, output 4x4x16 + 16
    assert rows(tmp_path, spec) == [([(None, 5, 16)], 272 + 136 + 136 + 272, 0)]


def test_attention_output_takes_the_value_features(tmp_path):
    spec = "inputs: {q: [5, 8], v: [7, 6]}\nlayers:\n  - AdditiveAttention: {inputs: [q, v]}\n"
    assert rows(tmp_path, spec) == [([(None, 5, 6)], 8, 0)]  # scale: one per query feature


# -- refusals -------------------------------------------------------------------------

REFUSED = [
    ('units 0', 'input: [5, 3]\nlayers:\n  - LSTM: 0\n', "'units' must be a positive integer"),
    ('cell units 0', 'input: [5, 3]\nlayers:\n  - RNN: {cell: {GRUCell: 0}}\n', "'units' must be a positive integer"),
    ('stateful no batch', 'input: [5, 3]\nlayers:\n  - GRU: {units: 4, stateful: true}\n', 'needs a fixed batch size'),
    ('LSTM rank 4', 'input: [5, 3, 2]\nlayers:\n  - LSTM: 4\n', 'needs a 3-D input'),
    ('SimpleRNN rank 2', 'input: [5]\nlayers:\n  - SimpleRNN: 4\n', 'needs a 3-D input'),
    ('RNN rank 2', 'input: [5]\nlayers:\n  - RNN: {cell: {LSTMCell: 4}}\n', 'at least 3 dimensions'),
    ('features None', 'input: [5, null]\nlayers:\n  - LSTM: 4\n', 'needs a known number of features'),
    ('dropout str', 'input: [5, 3]\nlayers:\n  - GRU: {units: 3, dropout: high}\n', "'dropout' must be a number"),
    ('use_cudnn bad', 'input: [5, 3]\nlayers:\n  - GRU: {units: 3, use_cudnn: maybe}\n', "'use_cudnn' must be"),
    ("nested stacks' states", "input: [5, 3]\nlayers:\n  - RNN: {cell: [{StackedRNNCells: {cells: [{LSTMCell: 3}]}}, {GRUCell: 2}], return_state: true}\n", 'nested twice'),
    ('cell alone', 'input: [3]\nlayers:\n  - LSTMCell: 3\n', 'is an RNN cell'),
    ('RNN of Dense', 'input: [5, 3]\nlayers:\n  - RNN: {cell: {Dense: 3}}\n', 'must be an RNN cell'),
    ('RNN empty list', 'input: [5, 3]\nlayers:\n  - StackedRNNCells: {cells: []}\n', None),
    ('activation bad', 'input: [5, 3]\nlayers:\n  - LSTM: {units: 3, recurrent_activation: sigmoidd}\n', 'unknown recurrent_activation'),
    ('LSTM cell kwarg', 'input: [5, 3]\nlayers:\n  - LSTM: {units: 3, cell: {LSTMCell: 3}}\n', "has no keyword 'cell'"),
    ('convlstm spatial None', 'input: [5, null, 8, 3]\nlayers:\n  - ConvLSTM2D: [3, 3]\n', 'needs known spatial sizes'),
    ('convlstm too small', 'input: [4, 3, 8, 3]\nlayers:\n  - ConvLSTM2D: [3, 5]\n', 'zero or negative size on axis 2'),
    ('convlstm causal', 'input: [4, 7, 3]\nlayers:\n  - ConvLSTM1D: {filters: 3, kernel_size: 3, padding: causal}\n', "'padding' must be one of"),
    ('convlstm stride 0', 'input: [4, 7, 8, 3]\nlayers:\n  - ConvLSTM2D: {filters: 3, kernel_size: 3, strides: 0}\n', "'strides' must be"),
    ('convlstm strides+dilation', 'input: [4, 9, 9, 3]\nlayers:\n  - ConvLSTM2D: {filters: 3, kernel_size: 3, strides: 2, dilation_rate: 2}\n', 'cannot be combined'),
    ('convlstm rank', 'input: [4, 7, 3]\nlayers:\n  - ConvLSTM2D: [3, 3]\n', 'needs a 5-D input'),
    ('bidi go_backwards', 'input: [5, 3]\nlayers:\n  - Bidirectional: {layer: {LSTM: {units: 4, go_backwards: true}}}\n', 'different go_backwards'),
    ('bidi Dense', 'input: [5, 3]\nlayers:\n  - Bidirectional: {layer: {Dense: 4}}\n', 'wraps a recurrent layer'),
    ('bidi merge', 'input: [5, 3]\nlayers:\n  - Bidirectional: {layer: {LSTM: 4}, merge_mode: max}\n', "'merge_mode' must be one of"),
    ('bidi backward no gb', 'input: [5, 3]\nlayers:\n  - Bidirectional: {layer: {LSTM: 4}, backward_layer: {LSTM: 3}}\n', 'different go_backwards'),
    ('bidi backward rs', 'input: [5, 3]\nlayers:\n  - Bidirectional: {layer: {LSTM: 4}, backward_layer: {LSTM: {units: 3, go_backwards: true, return_sequences: true}}}\n', 'the same return_sequences'),
    ('bidi layer not entry', 'input: [5, 3]\nlayers:\n  - Bidirectional: {layer: 5}\n', "'layer' must be a layer entry"),
    ('td rank 2', 'input: [5]\nlayers:\n  - TimeDistributed: {layer: {Dense: 4}}\n', 'at least 3 dimensions'),
    ('td conv2d rank', 'input: [5, 8]\nlayers:\n  - TimeDistributed: {layer: {Conv2D: [4, 3]}}\n', 'needs a 4-D input'),
    ('td conv small', 'input: [6, 2, 5, 2]\nlayers:\n  - TimeDistributed: {layer: {Conv2D: [4, 3]}}\n', 'zero or negative size on axis 2'),
    ('td return_state', 'input: [5, 6, 3]\nlayers:\n  - TimeDistributed: {layer: {LSTM: {units: 4, return_state: true}}}\n', 'several outputs'),
    ('td cell', 'input: [5, 3]\nlayers:\n  - TimeDistributed: {layer: {LSTMCell: 4}}\n', 'is an RNN cell'),
    ('sn BN', 'input: [5, 3]\nlayers:\n  - SpectralNormalization: {layer: {BatchNormalization: {}}}\n', "no 'kernel' nor 'embeddings'"),
    ('sn LSTM', 'input: [5, 3]\nlayers:\n  - SpectralNormalization: {layer: {LSTM: 3}}\n', "no 'kernel' nor 'embeddings'"),
    ('sn separable', 'input: [5, 5, 3]\nlayers:\n  - SpectralNormalization: {layer: {SeparableConv2D: [3, 3]}}\n', "no 'kernel' nor 'embeddings'"),
    ('sn power 0', 'input: [5]\nlayers:\n  - SpectralNormalization: {layer: {Dense: 3}, power_iterations: 0}\n', "'power_iterations' must be a positive integer"),
    ('att one input', 'inputs: {q: [5, 8]}\nlayers:\n  - Attention: {inputs: [q]}\n', '[query, value] or [query, value, key]'),
    ('att four inputs', 'inputs: {q: [5, 8]}\nlayers:\n  - Attention: {inputs: [q, q, q, q]}\n', '[query, value] or [query, value, key]'),
    ('att score mode', 'inputs: {q: [5, 8]}\nlayers:\n  - Attention: {score_mode: add, inputs: [q, q]}\n', "'score_mode' must be one of"),
    ('att tensor', 'inputs: {q: [5, 8]}\nlayers:\n  - Attention: {inputs: q}\n', 'merges a list of inputs'),
    ('additive None', 'inputs: {q: [5, null], v: [7, 8]}\nlayers:\n  - AdditiveAttention: {inputs: [q, v]}\n', 'query features'),
    ('mha heads 0', 'inputs: {q: [5, 8]}\nlayers:\n  - MultiHeadAttention: {num_heads: 0, key_dim: 4, inputs: {query: q, value: q}}\n', "'num_heads' must be a positive integer"),
    ('mha value_dim 0', 'inputs: {q: [5, 8]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, value_dim: 0, inputs: {query: q, value: q}}\n', "'value_dim' must be a positive integer"),
    ('mha key len', 'inputs: {q: [5, 16], v: [7, 8], k: [6, 8]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, inputs: {query: q, value: v, key: k}}\n', 'value and key must have equal sizes'),
    ('mha axes out of range', 'inputs: {q: [5, 16]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, attention_axes: 4, inputs: {query: q, value: q}}\n', 'out of range'),
    ('mha axes str', 'inputs: {q: [5, 16]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, attention_axes: a, inputs: {query: q, value: q}}\n', "'attention_axes' must be"),
    ('mha query None', 'inputs: {q: [5, null], v: [7, 8]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, inputs: {query: q, value: v}}\n', 'query features'),
    ('mha flash dropout', 'inputs: {q: [5, 16]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, flash_attention: true, dropout: 0.1, inputs: {query: q, value: q}}\n', 'flash_attention'),
    ('mha sliding 0', 'inputs: {q: [5, 16]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, sliding_window: 0, inputs: {query: q, value: q}}\n', "'sliding_window' must be a positive integer"),
    ('mha list input', 'inputs: {q: [5, 16]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, inputs: [q, q]}\n', 'takes named inputs'),
    ('mha no value', 'inputs: {q: [5, 16]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, inputs: {query: q}}\n', 'takes the named inputs query and value'),
    ('mha unknown key', 'inputs: {q: [5, 16]}\nlayers:\n  - MultiHeadAttention: {num_heads: 2, key_dim: 4, inputs: {query: q, value: q, memory: q}}\n', 'takes the named inputs query and value'),
    ('gqa divisible', 'inputs: {q: [5, 16]}\nlayers:\n  - GroupQueryAttention: {head_dim: 4, num_query_heads: 4, num_key_value_heads: 3, inputs: {query: q, value: q}}\n', 'must be divisible'),
    ('gqa features', 'inputs: {q: [5, 16], v: [7, 8]}\nlayers:\n  - GroupQueryAttention: {head_dim: 4, num_query_heads: 4, num_key_value_heads: 2, inputs: {query: q, value: v}}\n', 'the same number of features'),
]


@pytest.mark.parametrize("label, text, fragment", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_as_keras_refuses(tmp_path, label, text, fragment):
    result = run_cli("summarize", write_spec(tmp_path, text))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    if fragment:
        assert fragment in result.output
