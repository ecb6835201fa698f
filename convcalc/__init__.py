"""convcalc: Keras model shapes and parameter counts, computed analytically.

The Python API (convcalc/api.py): summarize, explain, grade, check, and SpecError, the
exception bad input raises. Its names load when first used: `import convcalc` (and the
command line, which imports this package) stays as quick as it was. In IPython,
`%load_ext convcalc` adds the %convcalc and %%convcalc magics (convcalc/jupyter.py).
"""

__version__ = "0.1.0"
__all__ = ["summarize", "explain", "grade", "check", "Summary", "Explanation", "SpecError"]


def __getattr__(name):
    if name == "SpecError":
        from convcalc.errors import SpecError

        return SpecError
    if name in __all__:
        from convcalc import api

        return getattr(api, name)
    raise AttributeError(f"module 'convcalc' has no attribute {name!r}")


def load_ipython_extension(ipython):
    """`%load_ext convcalc`: the %convcalc line magic and %%convcalc cell magic."""
    from convcalc.jupyter import register_magics

    register_magics(ipython)
