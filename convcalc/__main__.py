from convcalc.cli import run

run()
