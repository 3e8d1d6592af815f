"""The `engine` command's arguments and help texts.

Kept apart from what runs a job, so that `engine` can read its arguments and start a job's
workers before it loads the rest of the engine. The options of a job's settings, their help
and kind, come from the settings' declarations on the `Job` (`engine.job.SETTINGS`): the job
module is all that reading the arguments loads, and `engine run` needs it anyway to check the
job before its workers start.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from engine import __version__
from engine.errors import JobError
from engine.job import SETTINGS, Job, bwlimit_problem
from engine.names import printable
from engine.settings import GLOBS, SECONDS, WORDS, Kind, Setting, parse_size

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

CHECK_EPILOG = """\
examples:
  engine check photos/ /mnt/backup/photos
  engine check logs/ archive/ --stage gzip --checksum
  engine check src/ out/ --files-from list.txt --max-size 10M -x
  engine check --job nightly.toml --json > differences.jsonl

A path --files-from lists that SRC lacks is reported unreadable, as a run fails it.

exit status: 0 the target matches, 1 something is missing, changed, extra or unreadable,
2 bad invocation (nothing compared).
"""

CHECK_SETTINGS = frozenset(
    {
        "include",
        "exclude",
        "files_from",
        "min_size",
        "max_size",
        "one_file_system",
        "modify_window",
        "follow_symlinks",
        "no_preserve",
    }
)
"""The settings whose options `engine check` takes: those that decide what is compared and
how (the run's selection among them, so a check of a job compares what its run copies). A
job file may give the others; they change nothing a check looks at."""


FROM_FILE = {
    "include": ("--include-from", "add the globs FILE lists, one a line, to --include"),
    "exclude": ("--exclude-from", "add the globs FILE lists, one a line, to --exclude"),
    "files_from": ("--files-from", "copy only the paths FILE lists, one a line, relative to SRC"),
}
"""The options that read a setting's values from a file ('-': stdin), as rsync's do, given
after the setting's own option; `run.job_from_args` adds what they read to the setting."""


def from_file_dest(flag: str) -> str:
    """Where argparse keeps the file name given to a FROM_FILE option (`files_from_file`):
    not the setting's own key, which its own option fills."""
    return flag.removeprefix("--").replace("-", "_") + "_file"


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


def rate(text: str) -> int:
    """A speed limit per worker as `--bwlimit` reads it, `none` as 0 (no limit)."""
    try:
        value = 0 if text.strip().lower() == "none" else parse_size(text)
    except JobError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    problem = bwlimit_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return value


_ARG_TYPES: dict[Kind, Callable[[str], Any]] = {int: int, SECONDS: seconds}
"""The kinds argparse converts (and words the errors of); the others arrive as text (`str`
below, which hands argparse's text on as it is) and become values in `run.job_from_args`
(`Setting.from_arg`)."""


def _add_setting(parser: argparse.ArgumentParser, setting: Setting) -> None:
    """The option of one declared setting. A switch is None unless given, and only turns its
    setting on: a job file's `true` stays unless the file is overridden by name."""
    if not setting.flag:
        return
    names = [name for name in (setting.short, setting.flag) if name]
    if setting.kind is bool:
        parser.add_argument(
            *names, dest=setting.key, action="store_true", default=None, help=setting.help
        )
    elif setting.kind in (GLOBS, WORDS):
        parser.add_argument(
            *names, dest=setting.key, action="append", metavar=setting.metavar, help=setting.help
        )
    else:
        parser.add_argument(
            *names,
            dest=setting.key,
            type=_ARG_TYPES.get(setting.kind, str),
            metavar=setting.metavar,
            help=setting.help,
        )


def _add_job_options(parser: argparse.ArgumentParser, only: frozenset[str] | None = None) -> None:
    """The options of a job's settings, in the order of the Job's fields, and `--stage`.
    With `only`, the options of those settings alone; the others read as not given, so
    `run.job_from_args` turns either command's arguments into a job."""
    settings = {setting.key: setting for setting in SETTINGS}
    for field in fields(Job):  # the options in the order of the Job's fields
        if field.name in settings and only is not None and field.name not in only:
            parser.set_defaults(**{field.name: None})
            if field.name in FROM_FILE:
                parser.set_defaults(**{from_file_dest(FROM_FILE[field.name][0]): None})
            if field.name == "files_from":
                parser.set_defaults(from0=False)
        elif field.name in settings:
            _add_setting(parser, settings[field.name])
            if field.name in FROM_FILE:
                flag, help_text = FROM_FILE[field.name]
                parser.add_argument(
                    flag,
                    dest=from_file_dest(flag),
                    metavar="FILE",
                    help=f"{help_text} ('-': stdin)",
                )
            if field.name == "files_from":
                parser.add_argument(
                    "--from0",
                    action="store_true",
                    help="the lists of --files-from, --include-from, --exclude-from end names "
                    "with NUL, not a newline",
                )
        elif field.name == "stages":
            parser.add_argument(
                "--stage",
                action="append",
                metavar="NAME[:k=v,...]",
                help="add a stage to the chain, in order (default: copy); see 'engine stages'",
            )


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
    _add_job_options(run)
    run.add_argument(  # older scripts give it; hard links are kept unless no-preserve says not
        "--hard-links", action="store_true", dest="legacy_hard_links", help=argparse.SUPPRESS
    )
    run.add_argument("--json", action="store_true", help="JSON Lines events on stdout")
    run.add_argument("-q", "--quiet", action="store_true", help="only errors and the summary")
    run.add_argument("-v", "--verbose", action="store_true", help="show each file as it is done")
    run.add_argument("--log-file", metavar="FILE", help="append a line per file to FILE")
    run.add_argument("--job", metavar="FILE.toml", help="read the job from a TOML file")
    run.add_argument(
        "--again", metavar="ID", type=int, help="run a job from 'engine history' again"
    )
    run.add_argument(
        "--failed-only",
        action="store_true",
        help="with --again, only the files that failed in that run",
    )
    commands.add_parser("stages", help="list the stages and their options")
    jobs = commands.add_parser("jobs", help="your running jobs, from any terminal")
    jobs.add_argument("--json", action="store_true", help="JSON Lines on stdout")
    for name, what in (
        ("pause", "pause a running job"),
        ("resume", "resume a paused job"),
        ("cancel", "cancel a running job cleanly, as Ctrl-C does"),
        ("workers", "resize a running job's pool of workers"),
        ("limit", "change a running job's speed limit per worker"),
    ):
        steer = commands.add_parser(name, help=what)
        steer.add_argument("job", metavar="JOB", help="the job's id or PID (see 'engine jobs')")
        if name == "workers":
            steer.add_argument("count", metavar="N", type=int, help="workers to have")
        if name == "limit":
            steer.add_argument(
                "rate",
                metavar="RATE",
                type=rate,
                help="bytes per second per worker, as --bwlimit takes them (e.g. 500k, 10M); "
                "0 or none: no limit",
            )
    attach = commands.add_parser(
        "attach",
        help="watch a job started elsewhere live; Ctrl-C leaves it running",
        description=(
            "Show the live display of a running job of yours (its bar, rate, ETA and worker\n"
            "processes) until it ends; Ctrl-C detaches and the job goes on. The exit status\n"
            "is the job's: 0 done, 1 some files failed, 130 cancelled; 0 when you detach."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    attach.add_argument("job", metavar="JOB", help="the job's id or PID (see 'engine jobs')")
    attach.add_argument("--json", action="store_true", help="its events as JSON Lines")
    attach.add_argument("-v", "--verbose", action="store_true", help="show each file too")
    schedule = commands.add_parser(
        "schedule",
        help="run a job file on a cron schedule, from your crontab: add, list, remove",
        description=(
            "Scheduled jobs are lines of your crontab marked as Conveyor's; list and remove "
            "touch only those. Each run appends to a log file and records itself in the history."
        ),
    )
    schedule.add_argument("action", choices=["add", "list", "remove"])
    schedule.add_argument("id", nargs="?", metavar="ID", help="the job to remove")
    schedule.add_argument("--job", metavar="FILE.toml", help="the job file to run (add)")
    schedule.add_argument("--cron", metavar="EXPR", help='when, e.g. "0 2 * * *" (add)')
    schedule.add_argument("--json", action="store_true", help="JSON Lines (list)")
    history = commands.add_parser(
        "history",
        help="the jobs that ran, newest first; 'history show ID' shows one with its failures",
    )
    history.add_argument("action", nargs="?", choices=["show"], help="show one run in full")
    history.add_argument("id", nargs="?", type=int, metavar="ID", help="the run to show")
    history.add_argument("-n", "--last", type=int, default=20, metavar="N", help="how many")
    history.add_argument("--json", action="store_true", help="JSON Lines on stdout")
    compare = commands.add_parser(
        "check",
        help="compare SRC and DST through a job's stage chain, writing nothing",
        description=(
            "Compare SRC with DST as a run of the job sees them (filters, --files-from, size\n"
            "limits, one file system, stage chain, modify window, what is preserved) and\n"
            "list what DST is missing, what differs and what is extra. Nothing is written,\n"
            "not even DST."
        ),
        epilog=CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument("source", nargs="?", metavar="SRC", help="folder copied from")
    compare.add_argument("target", nargs="?", metavar="DST", help="folder copied into")
    _add_job_options(compare, only=CHECK_SETTINGS)
    compare.add_argument(
        "--checksum",
        action="store_true",
        help="also compare the contents of files of equal size, hashing both sides",
    )
    compare.add_argument("--json", action="store_true", help="JSON Lines events on stdout")
    compare.add_argument("--job", metavar="FILE.toml", help="read the job from a TOML file")
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
