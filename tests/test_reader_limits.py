"""The Python reader's limits (issue 12): list doubling respects the item cap before the
list is made; each model.add takes the same time however many came before (a 16,000-layer
add loop is read in linear time); `while True: model.add(...)` stops at the step limit,
in seconds, naming the line. Times are compared with each other (the machine may be
slow), never with a wall clock, but for the step limit's bound."""

import gc
import textwrap
import time

from conftest import run_cli
from convcalc.read.python import read_code


def write(tmp_path, code, name="model.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(code))
    return path


def refused(tmp_path, code):
    result = run_cli("summarize", write(tmp_path, code))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    return result.stderr


def test_list_doubling_stops_at_the_item_cap(tmp_path):
    message = refused(tmp_path, """
        s = [1]
        for i in range(30):
            s = s + s
        import keras
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
    """)
    assert ":4: a value longer than 100,000 items is not followed" in message


def add_loop(tmp_path, layers):
    return write(tmp_path, f"""
        import keras
        model = keras.Sequential([keras.Input((4,))])
        for i in range({layers}):
            model.add(keras.layers.Dense(3))
    """, f"add{layers}.py")


def reading_time(path):
    """The best of two readings, without garbage collection (as the command runs)."""
    gc.disable()
    try:
        times = []
        for _ in range(2):
            start = time.perf_counter()
            graph = read_code(path)
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times), graph


def test_model_add_is_linear(tmp_path):
    """(A pop among the adds: tests/code/misc-keras-models-sequential-pop.py's goldens.)"""
    small, graph = reading_time(add_loop(tmp_path, 4_000))
    large, big_graph = reading_time(add_loop(tmp_path, 16_000))
    assert len(graph.layers) == 4_000 and len(big_graph.layers) == 16_000
    assert large < 4 * small * 2.5  # 4 times the layers: linear (quadratic would be 16 times)


def test_an_endless_add_loop_stops_at_the_step_limit_naming_its_line(tmp_path):
    start = time.monotonic()
    message = refused(tmp_path, """
        import keras
        model = keras.Sequential([keras.Input((4,))])
        while True:
            model.add(keras.layers.Dense(3))
    """)
    assert time.monotonic() - start < 60
    assert ":5: the code runs too long for convcalc to follow (200,000 steps)" in message
