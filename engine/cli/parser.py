"""The `engine` command's arguments and help texts.

Kept apart from what runs a job, and light on imports, so that `engine` can read its
arguments and start a job's workers before it loads the rest of the engine.
"""

from __future__ import annotations

import argparse
import math
from typing import Any

from engine import __version__
from engine.names import printable

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143

RUN_EXAMPLES = """\
examples:
  engine run photos/ /mnt/backup/photos -w 4
  engine run src/ out/ --include '**/*.txt' --exclude 'tmp/**' --if-exists newer
  engine run src/ out/ -n -v                   # show what would be copied, write nothing
  engine run src/ out/ --json > events.jsonl   # machine-readable progress and results
  engine run --job nightly.toml -q             # a saved job, quiet (for crontab)

exit status: 0 all done or skipped, 1 some files failed, 2 bad invocation (nothing
written), 130 interrupted by Ctrl-C, 143 terminated.
"""

VERIFY_EPILOG = """\
examples:
  engine verify /mnt/backup/photos
  engine verify out/ --manifest elsewhere/SHA256SUMS

exit status: 0 all listed files match and none is unlisted, 1 some file missing, changed,
unreadable or unlisted, 2 no such folder or no manifest.
"""


class _Parser(argparse.ArgumentParser):
    """argparse that says what to fix in one line, exiting 2 as documented."""

    def error(self, message: str) -> Any:
        """One line even when the message quotes an argument holding a newline."""
        self.exit(EXIT_USAGE, f"engine: error: {printable(message)} (see '{self.prog} --help')\n")


def seconds(text: str) -> float:
    """A finite number of seconds: `float` alone would take `nan`, `inf` and `1e400`."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number of seconds")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="engine",
        description="Copy and transform folder trees in parallel.",
        epilog="Run 'engine run --help' for the options of a job.",
    )
    parser.add_argument("--version", action="version", version=f"engine (Conveyor) {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser(
        "run",
        help="copy SRC to DST through a chain of stages",
        description="Copy every file of SRC into DST through the stage chain, in parallel.",
        epilog=RUN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("source", nargs="?", metavar="SRC", help="folder to copy from")
    run.add_argument("target", nargs="?", metavar="DST", help="folder to copy into (created)")
    run.add_argument(
        "-w",
        "--workers",
        type=int,
        metavar="N",
        help=(
            "worker processes (default: CPUs; at most 4 per CPU or 16); with --scheduler, "
            "workers used (default: all)"
        ),
    )
    run.add_argument(
        "--stage",
        action="append",
        metavar="NAME[:k=v,...]",
        help="add a stage to the chain, in order (default: copy); see 'engine stages'",
    )
    run.add_argument("--include", action="append", metavar="GLOB", help="only files matching")
    run.add_argument("--exclude", action="append", metavar="GLOB", help="leave out matches")
    run.add_argument(
        "--if-exists",
        metavar="POLICY",
        help="changed (default), skip, overwrite, newer or rename",
    )
    run.add_argument(
        "--verify", action="store_true", default=None, help="re-read and compare each written file"
    )
    run.add_argument(
        "-n", "--dry-run", action="store_true", default=None, help="report, write nothing"
    )
    run.add_argument(
        "--follow-symlinks", action="store_true", default=None, help="copy what links point to"
    )
    run.add_argument("--bwlimit", metavar="RATE", help="per-worker bandwidth limit, e.g. 10M")
    run.add_argument(
        "--retries",
        type=int,
        metavar="N",
        help="tries again for a file whose worker died or that changed mid-copy (default 1, "
        "at most 100)",
    )
    run.add_argument(
        "--file-timeout",
        type=seconds,
        metavar="SECONDS",
        help="abandon and fail a file that takes longer than this (default: no limit)",
    )
    run.add_argument(
        "--fsync", action="store_true", default=None, help="flush each file to disk before renaming"
    )
    run.add_argument(
        "--hard-links",
        action="store_true",
        default=None,
        help="recreate hard links among source files instead of copying each",
    )
    run.add_argument(
        "--backend",
        metavar="NAME",
        help="where workers run: local (default) or dask (needs the [dask] extra)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler to run on, e.g. tcp://host:8786 (default: a cluster on this machine)",
    )
    run.add_argument("--json", action="store_true", help="JSON Lines events on stdout")
    run.add_argument("-q", "--quiet", action="store_true", help="only errors and the summary")
    run.add_argument("-v", "--verbose", action="store_true", help="show each file as it is done")
    run.add_argument("--log-file", metavar="FILE", help="append a line per file to FILE")
    run.add_argument("--job", metavar="FILE.toml", help="read the job from a TOML file")
    commands.add_parser("stages", help="list the stages and their options")
    check = commands.add_parser(
        "verify",
        help="check DIR against the checksum manifest the checksum stage wrote",
        description=(
            "Re-hash every file listed in DIR's SHA256SUMS, SHA1SUMS, MD5SUMS or B2SUMS and "
            "report missing, changed and unlisted (extra) files."
        ),
        epilog=VERIFY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("folder", metavar="DIR", help="folder to check (a job's target)")
    check.add_argument(
        "--manifest",
        metavar="FILE",
        help="check against FILE instead of the manifests at DIR's root",
    )
    return parser
