"""What `engine run` shows while it works: a live rich display, plain lines, or JSON Lines.

Names, and reasons and messages that may quote them, are written to terminals and logs only
through `printable`, so no file name can send control sequences or forge a line. Standard
output may be a pipe whose reader leaves early (`engine run ... -v | head`): the job then
goes on to the end quietly, see `Outlet`.
"""

from __future__ import annotations

import os
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
        line += f"  ({printable(event.reason)})"
    return line


def log_line(event: LogMessage) -> str:
    where = f"{printable(event.path)}: " if event.path else ""
    return f"engine: {event.level}: {where}{printable(event.message)}"


def summary_line(s: Summary) -> str:
    rate = s.bytes_done / s.elapsed_s if s.elapsed_s > 0 else 0.0
    verb = "Would copy" if s.dry_run else "Copied"
    head = "Cancelled. " if s.cancelled else ""
    return (
        f"{head}{verb} {s.files_done} files ({human_bytes(s.bytes_done)}), skipped "
        f"{s.files_skipped}, failed {s.files_failed} in {s.elapsed_s:.1f} s "
        f"({human_bytes(rate)}/s)."
    )


def silence(stream: IO[str]) -> None:
    """Point the stream's descriptor at /dev/null, so that what is still buffered, and the
    interpreter's final flush, go nowhere instead of raising BrokenPipeError again (which
    Python would report as "Exception ignored ..." on its way out)."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not backed by a descriptor (io.UnsupportedOperation)
        return
    devnull = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


class Outlet:
    """A stream written until its reader goes away. `engine run SRC DST -v | head -1` closes
    the pipe after one line; the copy must not fail for that (the user asked for a glimpse,
    not to stop), so from then on nothing more is written to it and the job finishes as
    usual, its exit status unchanged."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.gone = False

    def write(self, text: str) -> None:
        if not self.gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._leave()

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._leave()

    def _leave(self) -> None:
        self.gone = True
        silence(self._stream)


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
            fields = [stamp, event.status.value, event.path, str(event.bytes)]
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
