"""Pictures of DOT text (.svg, .png, .pdf), drawn by Graphviz's `dot` program.

keras.utils.plot_model has pydot run `dot -T<format>`; convcalc runs it the same way, on
the DOT text it wrote itself, and says which package to install when it is missing.
"""

from __future__ import annotations

import shutil
import subprocess

from convcalc.errors import SpecError

PICTURE_FORMATS = ("svg", "png", "pdf")
INSTALL_HINT = ("install Graphviz: Debian's graphviz package (sudo apt-get install graphviz; "
                "brew install graphviz on macOS), or write the DOT text instead: -o model.dot")


def render_picture(dot_text, fmt, target):
    """Write `dot -T<fmt>` of the text to the file `target`."""
    program = shutil.which("dot")
    if program is None:
        raise SpecError(f"drawing a .{fmt} picture needs Graphviz's `dot` program, which is not installed "
                        "(not found on PATH)", hint=INSTALL_HINT)
    try:
        result = subprocess.run([program, f"-T{fmt}", "-o", str(target)], input=dot_text.encode(),
                                capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SpecError(f"Graphviz's dot could not draw the picture: {error}", file=str(target)) from None
    if result.returncode != 0:
        said = result.stderr.decode(errors="replace").strip() or f"exit status {result.returncode}"
        raise SpecError(f"Graphviz's dot could not draw the picture: {said}", file=str(target))
