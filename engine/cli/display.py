"""What `engine run` shows while it works: a live rich display, plain lines, or JSON Lines."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Protocol

from engine.cli.text import human_bytes, human_duration, json_line
from engine.events import (
    Event,
    FileEvent,
    JobFinished,
    LogMessage,
    Progress,
    Summary,
    to_json,
)
from engine.names import printable
from engine.tasks import Status

PLAIN_EVERY_S = 5.0


class Reporter(Protocol):
    def __call__(self, event: Event) -> None: ...

    def close(self) -> None: ...


def progress_line(p: Progress) -> str:
    total = f"{p.files_total}{'+' if p.scanning else ''}"
    return (
        f"{p.files_finished}/{total} files, {human_bytes(p.bytes_done)}/"
        f"{human_bytes(p.bytes_total)}, {human_bytes(p.rate)}/s, ETA {human_duration(p.eta_s)}"
        f"{' (paused)' if p.paused else ''}"
    )


def file_line(event: FileEvent, dry_run: bool) -> str:
    verb = {Status.DONE: "would copy" if dry_run else "copied", Status.SKIPPED: "skipped"}.get(
        event.status, "FAILED"
    )
    line = f"{verb:>10}  {printable(event.path)}"
    if event.output:
        line += f" -> {printable(event.output)}"
    if event.reason:
        line += f"  ({event.reason})"
    return line


def log_line(event: LogMessage) -> str:
    where = f"{printable(event.path)}: " if event.path else ""
    return f"engine: {event.level}: {where}{event.message}"


def summary_line(s: Summary) -> str:
    rate = s.bytes_done / s.elapsed_s if s.elapsed_s > 0 else 0.0
    verb = "Would copy" if s.dry_run else "Copied"
    head = "Cancelled. " if s.cancelled else ""
    return (
        f"{head}{verb} {s.files_done} files ({human_bytes(s.bytes_done)}), skipped "
        f"{s.files_skipped}, failed {s.files_failed} in {s.elapsed_s:.1f} s "
        f"({human_bytes(rate)}/s)."
    )


class JsonReporter:
    """Every event as one JSON object per line on stdout."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def __call__(self, event: Event) -> None:
        self._out.write(json_line(to_json(event)) + "\n")
        if isinstance(event, JobFinished | Progress):
            self._out.flush()

    def close(self) -> None:
        self._out.flush()


class PlainReporter:
    """For pipes and logs: a progress line every few seconds, files with -v, then the summary."""

    def __init__(
        self,
        out: IO[str],
        *,
        verbose: bool,
        quiet: bool,
        dry_run: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._out = out
        self._verbose = verbose and not quiet
        self._quiet = quiet
        self._dry_run = dry_run
        self._clock = clock
        self._next = clock() + PLAIN_EVERY_S

    def __call__(self, event: Event) -> None:
        if isinstance(event, FileEvent) and self._verbose:
            self._out.write(file_line(event, self._dry_run) + "\n")
        elif isinstance(event, Progress) and not self._quiet and self._clock() >= self._next:
            self._next = self._clock() + PLAIN_EVERY_S
            self._out.write(f"progress: {progress_line(event)}\n")
            self._out.flush()
        elif isinstance(event, LogMessage):
            sys.stderr.write(log_line(event) + "\n")
        elif isinstance(event, JobFinished):
            self._out.write(summary_line(event.summary) + "\n")

    def close(self) -> None:
        self._out.flush()


class LogFile:
    """`--log-file`: every file's fate with a timestamp, written as it happens."""

    def __init__(self, path: str) -> None:
        from datetime import datetime  # here: runs without a log file need no clock

        self._now = datetime.now
        self._file = open(path, "a", encoding="utf-8", errors="surrogateescape")  # noqa: SIM115

    def __call__(self, event: Event) -> None:
        stamp = self._now().astimezone().isoformat(timespec="seconds")
        if isinstance(event, FileEvent):
            fields = [stamp, event.status.value, event.path, str(event.bytes)]
            if event.output:
                fields.append(f"-> {event.output}")
            if event.reason:
                fields.append(event.reason)
            self._file.write("\t".join(fields) + "\n")
        elif isinstance(event, LogMessage):
            self._file.write(f"{stamp}\t{event.level}\t{event.path}\t{event.message}\n")
        elif isinstance(event, JobFinished):
            self._file.write(f"{stamp}\tsummary\t{summary_line(event.summary)}\n")

    def close(self) -> None:
        self._file.close()


class PendingReporter:
    """Stands in for a display that is slow to build (rich takes ~50 ms to import): events
    are held until it is attached, then replayed in order, so the job, and with it the
    first worker process, need not wait for the display."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: list[Event] = []
        self._reporter: Reporter | None = None

    def __call__(self, event: Event) -> None:
        with self._lock:
            if self._reporter is None:
                self._held.append(event)
            else:
                self._reporter(event)

    def attach(self, reporter: Reporter) -> None:
        with self._lock:
            for event in self._held:
                reporter(event)
            self._held.clear()
            self._reporter = reporter

    def close(self) -> None:
        if self._reporter is not None:
            self._reporter.close()


def live_display(*, json: bool, quiet: bool) -> bool:
    """Whether `choose_reporter` picks the live display (whose import is slow)."""
    return not json and not quiet and sys.stdout.isatty()


def choose_reporter(*, json: bool, quiet: bool, verbose: bool, dry_run: bool) -> Reporter:
    if json:
        return JsonReporter(sys.stdout)
    if live_display(json=json, quiet=quiet):
        from engine.cli.live import LiveReporter  # rich is slow to import; terminals only

        return LiveReporter(verbose=verbose, dry_run=dry_run)
    return PlainReporter(sys.stdout, verbose=verbose, quiet=quiet, dry_run=dry_run)
