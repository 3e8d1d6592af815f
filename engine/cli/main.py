"""`engine`: run a copy/transform job from the command line, list the stages, or verify a
copy against its checksum manifest.

Exit status: 0 every file done or skipped; 1 some files failed (listed on stderr) or the job
could not finish; 2 bad invocation or job, nothing written; 130 interrupted (Ctrl-C);
143 terminated (SIGTERM).
`engine verify`: 0 every listed file matches and nothing is unlisted; 1 some file is missing,
changed, unreadable or unlisted (or a manifest line is malformed); 2 no such folder, no
manifest, or a manifest that cannot be read.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine import __version__
from engine.cli.display import (
    LogFile,
    PendingReporter,
    Reporter,
    choose_reporter,
    live_display,
)
from engine.errors import EngineError, JobError
from engine.events import Event
from engine.handle import JobHandle
from engine.job import (
    Backend,
    Job,
    load_job_file,
    parse_backend,
    parse_if_exists,
    parse_size,
    parse_stage,
)
from engine.names import printable
from engine.stages import available, plugin_problems

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
        self.exit(EXIT_USAGE, f"engine: error: {message} (see '{self.prog} --help')\n")


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
        help="worker processes (default: CPUs); with --scheduler, workers used (default: all)",
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
        help="tries again for a file whose worker died or that changed mid-copy (default 1)",
    )
    run.add_argument(
        "--file-timeout",
        type=float,
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


def job_from_args(args: argparse.Namespace) -> Job:
    """The job file's values, overridden by whatever was given on the command line."""
    values: dict[str, Any] = load_job_file(Path(args.job)) if args.job else {}
    if args.source is not None:
        values["source"] = Path(args.source)
    if args.target is not None:
        values["target"] = Path(args.target)
    if "source" not in values or "target" not in values:
        raise JobError("give a source and a target folder: engine run SRC DST (or --job FILE)")
    if args.workers is not None:
        values["workers"] = args.workers
    if args.stage:
        values["stages"] = tuple(parse_stage(text) for text in args.stage)
    if args.include:
        values["include"] = tuple(args.include)
    if args.exclude:
        values["exclude"] = tuple(args.exclude)
    if args.if_exists is not None:
        values["if_exists"] = parse_if_exists(args.if_exists)
    for flag in ("verify", "dry_run", "follow_symlinks", "fsync", "hard_links"):
        if getattr(args, flag):
            values[flag] = True
    if args.retries is not None:
        values["retries"] = args.retries
    if args.file_timeout is not None:
        values["file_timeout"] = args.file_timeout
    if args.bwlimit is not None:
        values["bwlimit"] = parse_size(args.bwlimit)
    if args.backend is not None:
        values["backend"] = parse_backend(args.backend)
    if args.scheduler is not None:
        values["scheduler"] = args.scheduler
        values.setdefault("backend", Backend.DASK)
    if values.get("scheduler") and "workers" not in values:
        values["workers"] = 0  # a cluster of one's own is used whole
    return Job(**values)


def list_stages() -> int:
    for name, cls in sorted(available().items()):
        print(f"{name}: {cls.description}")
        for option in cls.all_options():
            print(f"    {option.name}={option.describe_type()}  {option.help}")
        if cls.example:
            print(f"    example: --stage '{cls.example}'")
    for problem in plugin_problems():
        sys.stderr.write(f"engine: warning: {problem}\n")
    return EXIT_OK


def verify_folder(folder: Path, manifest: str | None) -> int:
    """Print one line per problem and a summary; the exit status says whether all matched."""
    from engine.verify import MANIFESTS, find_manifests, verify  # `engine run` needs none of it

    if not folder.is_dir():
        sys.stderr.write(f"engine: error: folder '{folder}' does not exist or is not a folder\n")
        return EXIT_USAGE
    manifests = [Path(manifest)] if manifest else find_manifests(folder)
    if not manifests:
        names = ", ".join(MANIFESTS)
        sys.stderr.write(
            f"engine: error: no checksum manifest ({names}) in '{folder}'; "
            "run the job with --stage checksum, or give --manifest FILE\n"
        )
        return EXIT_USAGE
    try:
        report = verify(folder, manifests)
    except OSError as exc:
        sys.stderr.write(
            f"engine: error: cannot read manifest '{exc.filename}': {exc.strerror or exc}\n"
        )
        return EXIT_USAGE
    for line in report.lines():
        print(line)
    return EXIT_OK if report.ok else EXIT_FAILED


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "stages":
        return list_stages()
    if args.command == "verify":
        return verify_folder(Path(args.folder), args.manifest)
    try:
        job = job_from_args(args).validated()
    except JobError as exc:
        sys.stderr.write(f"engine: error: {exc}\n")
        return EXIT_USAGE
    try:
        log = [LogFile(args.log_file)] if args.log_file else []
    except OSError as exc:
        sys.stderr.write(f"engine: error: cannot open log file '{args.log_file}': {exc.strerror}\n")
        return EXIT_USAGE
    choice = {"json": args.json, "quiet": args.quiet, "verbose": args.verbose}
    # The live display imports rich (slow): the job starts first, its events held meanwhile.
    pending = PendingReporter() if live_display(json=args.json, quiet=args.quiet) else None
    display = choose_reporter(**choice, dry_run=job.dry_run) if pending is None else pending
    reporters: list[Reporter] = [display, *log]

    def fanout(event: Event) -> None:
        for reporter in reporters:
            reporter(event)

    try:
        handle = JobHandle(job, fanout)
    except JobError as exc:
        sys.stderr.write(f"engine: error: {exc}\n")
        return EXIT_USAGE

    def show() -> None:
        if pending is not None:
            pending.attach(choose_reporter(**choice, dry_run=job.dry_run))

    try:
        return _watch(handle, show)
    finally:
        for reporter in reporters:
            reporter.close()


def _watch(handle: JobHandle, show: Callable[[], None]) -> int:
    """Wait for the job; Ctrl-C and SIGTERM cancel it cleanly and set the exit status.
    `show` completes the display once the handlers are in place."""
    interrupted = [0]

    def on_signal(signum: int, _frame: object) -> None:
        interrupted[0] = EXIT_INTERRUPTED if signum == signal.SIGINT else EXIT_TERMINATED
        handle.cancel()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    show()
    while True:
        try:
            summary = handle.wait(timeout=0.2)
            break
        except TimeoutError:
            continue
        except JobError as exc:
            sys.stderr.write(f"engine: error: {exc}\n")
            return EXIT_USAGE
        except EngineError as exc:
            sys.stderr.write(f"engine: error: {exc}\n")
            return EXIT_FAILED
    for path, reason in summary.failures:
        sys.stderr.write(f"engine: failed: {printable(path)}: {reason}\n")
    if interrupted[0]:
        return interrupted[0]
    return EXIT_FAILED if summary.files_failed else EXIT_OK
