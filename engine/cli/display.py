"""What `engine run` shows while it works: a live rich display, plain lines, or JSON Lines.

Names, and reasons and messages that may quote them, are written to terminals and logs only
through `printable`, so no file name can send control sequences or forge a line. Standard
output may be a pipe whose reader leaves early (`engine run ... -v | head`): the job then
goes on to the end quietly, see `Outlet`.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Protocol

from engine.cli.streams import Outlet
from engine.cli.text import file_line, json_line, log_line, progress_line, summary_line
from engine.events import (
    Event,
    FileEvent,
    JobFinished,
    LogMessage,
    Progress,
    to_json,
)
from engine.names import printable

PLAIN_EVERY_S = 5.0


class Reporter(Protocol):
    def __call__(self, event: Event) -> None: ...

    def close(self) -> None: ...


class JsonReporter:
    """Every event as one JSON object per line on stdout."""

    def __init__(self, out: IO[str]) -> None:
        self._out = Outlet(out)

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
        self._out = Outlet(out)
        self._errors = Outlet(sys.stderr)
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
            self._errors.write(log_line(event) + "\n")
        elif isinstance(event, JobFinished):
            self._out.write(summary_line(event.summary) + "\n")

    def close(self) -> None:
        self._out.flush()


class LogFile:
    """`--log-file`: every file's fate with a timestamp, written as it happens. One line per
    record, fields separated by tabs: every field goes through `printable`, so a tab or a
    newline in a name cannot shift the columns or forge a record."""

    def __init__(self, path: str) -> None:
        from datetime import datetime  # here: runs without a log file need no clock

        self._now = datetime.now
        self._file = open(path, "a", encoding="utf-8", errors="surrogateescape")  # noqa: SIM115

    def __call__(self, event: Event) -> None:
        stamp = self._now().astimezone().isoformat(timespec="seconds")
        if isinstance(event, FileEvent):
            status = "moved" if event.moved else event.status.value
            fields = [stamp, status, event.path, str(event.bytes)]
            if event.output:
                fields.append(f"-> {event.output}")
            if event.reason:
                fields.append(event.reason)
        elif isinstance(event, LogMessage):
            fields = [stamp, event.level, event.path, event.message]
        elif isinstance(event, JobFinished):
            fields = [stamp, "summary", summary_line(event.summary)]
        else:
            return
        self._file.write("\t".join(printable(field) for field in fields) + "\n")

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
