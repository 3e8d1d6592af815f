"""`engine run`: build the job from the arguments, run it, show its events, set the exit status."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.cli.display import (
    LogFile,
    PendingReporter,
    Reporter,
    choose_reporter,
    live_display,
)
from engine.cli.parser import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
)
from engine.errors import EngineError, JobError
from engine.events import Event
from engine.executor.launch import EarlyWorkers
from engine.executor.local import LocalExecutor
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


def run(args: argparse.Namespace, early: EarlyWorkers | None = None) -> int:
    """Run the job the arguments describe; `early` are workers already started for it."""
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

    executor = LocalExecutor(early=early) if early and job.backend is Backend.LOCAL else None
    try:
        handle = JobHandle(job, fanout, executor)
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
