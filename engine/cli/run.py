"""`engine run`: build the job from the arguments and check it whole, then run it, show its
events and set the exit status.

Checking needs only the job module, and `engine` does it before it starts a single worker
(`engine.cli.main`): a refused job costs no process and writes nothing. What runs a job
(executor, pipeline, displays) is imported by `run`, while the early workers start.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.cli.parser import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    FROM_FILE,
    from_file_dest,
)
from engine.cli.terminal import TerminalControl
from engine.errors import EngineError, JobError
from engine.filters import listed_path, listed_path_problem
from engine.job import SETTINGS, Backend, Job, load_job_file, parse_stage
from engine.names import printable

if TYPE_CHECKING:
    from engine.cli.display import LogFile, Reporter
    from engine.events import Event, Summary
    from engine.executor.launch import EarlyWorkers
    from engine.handle import JobHandle


def job_from_args(args: argparse.Namespace) -> Job:
    """The job file's values, overridden by whatever was given on the command line: each
    declared setting whose option was given (a switch only turns its setting on)."""
    for flag, given in (("--job", args.job), ("--scheduler", args.scheduler)):
        if given == "":
            raise JobError(f"{flag} is given an empty value; leave it out or give one")
    values: dict[str, Any] = load_job_file(Path(args.job)) if args.job is not None else {}
    again = getattr(args, "again", None)  # `engine check` takes no --again
    if again is not None:
        values = _again(args)
    for key in ("source", "target"):
        given = getattr(args, key)
        if given == "":
            # Path("") is the current folder: an empty variable must not copy from or into it.
            raise JobError(f"{key} folder is empty; give a folder (. for the current one)")
        if given is not None:
            values[key] = Path(given)
    if getattr(args, "failed_only", False) and again is None:
        raise JobError("--failed-only goes with --again ID")
    if "source" not in values or "target" not in values:
        raise JobError(
            f"give a source and a target folder: engine {args.command} SRC DST (or --job FILE)"
        )
    if args.stage:
        values["stages"] = tuple(parse_stage(text) for text in args.stage)
    for setting in SETTINGS:
        given = getattr(args, setting.key) if setting.flag else None
        if given is not None:
            values[setting.key] = setting.from_arg(given)
    for key, listed in read_lists(args).items():  # after the option's own values
        values[key] = (*(getattr(args, key) or ()), *listed)
    if args.scheduler is not None:  # a scheduler means Dask, unless a backend was named
        values.setdefault("backend", Backend.DASK)
    if values.get("scheduler") and "workers" not in values:
        values["workers"] = 0  # a cluster of one's own is used whole
    return Job(**values)


def _again(args: argparse.Namespace) -> dict[str, Any]:
    """The values of a job from the history (`--again ID`), with `--failed-only` narrowed to
    the files and folders that failed in that run (saying on stderr what it retries)."""
    from dataclasses import fields

    from engine.history import again

    if args.job is not None or args.source is not None:
        raise JobError("--again runs a job from the history; give no --job, SRC or DST with it")
    run = again(args.again, failed_only=args.failed_only)
    if run.retried:
        sys.stderr.write(f"engine: retrying {run.retried}\n")
    return {field.name: getattr(run.job, field.name) for field in fields(run.job)}


def read_lists(args: argparse.Namespace) -> dict[str, tuple[str, ...]]:
    """What `--files-from`, `--include-from` and `--exclude-from` read, by setting: paths
    normalized (`./a/` is `a`) and each checked to stay inside the source, naming its line;
    globs without blank lines and `#` comments. Read here, once, so that `-` (stdin) works
    and the job holds the values themselves."""
    names = {key: getattr(args, from_file_dest(flag)) for key, (flag, _) in FROM_FILE.items()}
    given = {key: name for key, name in names.items() if name is not None}
    if list(given.values()).count("-") > 1:
        raise JobError(
            "only one of --files-from, --include-from and --exclude-from can read stdin ('-')"
        )
    lists: dict[str, tuple[str, ...]] = {}
    for key, name in given.items():
        flag = FROM_FILE[key][0]
        entries = read_list(flag, name, nul=args.from0)
        if key != "files_from":
            lists[key] = tuple(entry for _, entry in entries if not entry.startswith("#"))
            continue
        where = "entry" if args.from0 else "line"
        for number, entry in entries:
            problem = listed_path_problem(entry)
            if problem:
                raise JobError(
                    f"{flag} '{printable(name)}' {where} {number}: '{printable(entry)}' {problem}"
                )
        if not entries:
            raise JobError(
                f"{flag} '{printable(name)}' lists no path, so there is nothing to copy "
                "(list . for the whole source)"
            )
        lists[key] = tuple(listed_path(entry) or "." for _, entry in entries)
    return lists


def read_list(flag: str, name: str, *, nul: bool) -> list[tuple[int, str]]:
    """The non-empty entries of the list file `name` (`-`: stdin) with their line numbers
    (their numbers among the NUL-ended entries with `nul`); names that are not UTF-8 are
    kept byte for byte (as `os.fsdecode` gives them). A line's CR of a CR LF is no part of
    it. JobError when the file cannot be read."""
    shown = printable(name)
    try:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as file:
                data = file.read()
    except OSError as exc:
        raise JobError(f"{flag} file '{shown}' cannot be read: {exc.strerror or exc}") from None
    except ValueError:
        raise JobError(f"{flag} file '{shown}' holds a NUL character in its name") from None
    parts = data.split(b"\0") if nul else [line.removesuffix(b"\r") for line in data.split(b"\n")]
    return [(n, os.fsdecode(part)) for n, part in enumerate(parts, 1) if part]


def checked_job(args: argparse.Namespace) -> Job:
    """The job the arguments describe, checked whole (every value, the folders, the stages,
    where the log file goes) before a worker starts or anything is written; JobError says
    what to fix."""
    job = job_from_args(args).validated()
    if args.log_file is not None:
        problem = log_file_problem(args.log_file)
        if problem:
            raise JobError(problem)
    return job


def log_file_problem(path: str) -> str | None:
    """Why `--log-file` could not be appended to, found without creating it, or None."""
    if not path:
        return "--log-file is given an empty file name"
    cannot = f"cannot open log file '{printable(path)}'"
    if "\0" in path:
        return f"{cannot}: its name holds a NUL character"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            return f"{cannot}: folder '{printable(folder)}' does not exist"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"{cannot}: its folder cannot be written (permission denied)"
        return None
    except OSError as exc:
        return f"{cannot}: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):
        return f"{cannot}: it is a folder"
    if not os.access(path, os.W_OK):
        return f"{cannot}: permission denied"
    return None


def refuse(exc: JobError) -> int:
    """Say what to fix in one line on stderr; the exit status of a refused job."""
    sys.stderr.write(f"engine: error: {printable(str(exc))}\n")
    return EXIT_USAGE


class DeferredLog:
    """`--log-file`, created when the job starts: a job refused before it starts (colliding
    names, a target another job holds) leaves no log file behind. Where it goes was checked
    before (`log_file_problem`)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._log: LogFile | None = None

    def __call__(self, event: Event) -> None:
        if self._log is None:
            from engine.cli.display import LogFile

            try:
                self._log = LogFile(self.path)
            except OSError as exc:
                raise EngineError(
                    f"cannot open log file '{printable(self.path)}': {exc.strerror or exc}"
                ) from None
        self._log(event)

    def close(self) -> None:
        if self._log is not None:
            self._log.close()


def run(args: argparse.Namespace, job: Job, early: EarlyWorkers | None = None) -> int:
    """Run a job `checked_job` accepted; `early` are workers already started for it."""
    from engine.cli.display import PendingReporter, choose_reporter, live_display
    from engine.executor.local import LocalExecutor
    from engine.handle import JobHandle

    choice = {"json": args.json, "quiet": args.quiet, "verbose": args.verbose}
    # The live display imports rich (slow): the job starts first, its events held meanwhile.
    pending = PendingReporter() if live_display(json=args.json, quiet=args.quiet) else None
    display = choose_reporter(**choice, dry_run=job.dry_run) if pending is None else pending
    latest = LatestProgress()
    reporters: list[Reporter] = [display, latest]
    if args.log_file is not None:
        reporters.append(DeferredLog(args.log_file))

    def fanout(event: Event) -> None:
        for reporter in reporters:
            reporter(event)

    terminal = TerminalControl()
    terminal.install()  # before the job registers: a Ctrl-Z from then on stops it whole
    executor = LocalExecutor(early=early) if early and job.backend is Backend.LOCAL else None
    try:
        handle = JobHandle(job, fanout, executor)
    except JobError as exc:
        return refuse(exc)

    def show() -> None:
        if pending is not None:
            from engine.cli.live import LiveReporter

            live = LiveReporter(verbose=args.verbose, dry_run=job.dry_run)
            terminal.display = live
            pending.attach(live)

    try:
        return _watch(handle, show, latest, terminal)
    finally:
        for reporter in reporters:
            reporter.close()


class LatestProgress:
    """Keeps the last progress event, for `kill -USR1` to print (as `dd` does)."""

    def __init__(self) -> None:
        self.line = "starting"

    def __call__(self, event: Event) -> None:
        from engine.cli.text import progress_line
        from engine.events import Progress

        if isinstance(event, Progress):
            self.line = progress_line(event)

    def close(self) -> None:
        pass


def _watch(
    handle: JobHandle,
    show: Callable[[], None],
    latest: LatestProgress,
    terminal: TerminalControl,
) -> int:
    """Wait for the job; Ctrl-C and SIGTERM cancel it cleanly and set the exit status;
    SIGUSR1 prints one progress line on stderr and the job goes on; the `terminal` shows or
    hides the display as the job moves between fore- and background (`engine.cli.terminal`).
    `show` completes the display once the handlers are in place."""
    interrupted = [0]

    def on_signal(signum: int, _frame: object) -> None:
        interrupted[0] = EXIT_INTERRUPTED if signum == signal.SIGINT else EXIT_TERMINATED
        handle.cancel()

    def on_usr1(_signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.write(2, f"engine: progress: {latest.line}\n".encode(errors="replace"))

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGUSR1, on_usr1)
    show()
    while True:
        try:
            summary = handle.wait(timeout=0.2)
            break
        except TimeoutError:
            terminal.follow()
            continue
        except JobError as exc:
            return refuse(exc)
        except EngineError as exc:
            sys.stderr.write(f"engine: error: {printable(str(exc))}\n")
            return EXIT_FAILED
    status = ended(summary)
    return interrupted[0] or status


def ended(summary: Summary) -> int:
    """List the job's failures on stderr; the exit status its summary calls for (`engine
    run`, and `engine attach` of a job that ends while watched)."""
    for path, reason in summary.failures:
        sys.stderr.write(f"engine: failed: {printable(path)}: {printable(reason)}\n")
    if summary.cancelled:  # Ctrl-C, or `engine cancel` from another terminal
        return EXIT_INTERRUPTED
    return EXIT_FAILED if summary.files_failed or summary.deletions_held else EXIT_OK
