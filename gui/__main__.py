"""Placeholder entry point for the desktop app, which arrives in a later release."""

import sys

USAGE = """\
Conveyor's desktop app is not here yet. Use the command line meanwhile:

    .venv/bin/engine run SOURCE TARGET [--workers N] [--stage NAME[:key=value,...]]
    .venv/bin/engine stages          # the stages you can chain
    .venv/bin/engine run --help      # every option, with examples
"""

sys.stdout.write(USAGE)
