"""Job → Compare source and target: `engine check` of the form's job, off the UI thread.

`engine.check.Comparison` walks both trees and yields differences; it reads, never writes,
and can take a while on a big tree, so it runs on a pool thread as the preview does. The
differences come back in batches (at most every `BATCH_S`, or `BATCH_SIZE` at a time) by
queued signals, so a target with a hundred thousand extras costs the window a few updates a
second. `stop()` makes the walk end at its next difference; nothing is emitted after it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from engine import EngineError, Job
from engine.check import Comparison, Difference, Tally
from engine.errors import describe
from engine.job import Backend
from engine.system import cpu_count

BATCH_S = 0.1
BATCH_SIZE = 500


def check_job(job: Job) -> Job:
    """The job a comparison looks with, as `engine check` makes it: a mirror's own checks
    (an empty source is refused) are for deleting, and a move's for removing."""
    return replace(job, delete=False, move=False).validated()


class _Signals(QObject):
    """The pool thread's reports, each with the stop event of its run, so the `Comparer`
    (on the UI thread: the emits reach it queued) tells a stopped run's last words apart."""

    differences = Signal(object, list)
    finished = Signal(object, object)
    failed = Signal(object, str)


class _CompareTask(QRunnable):
    def __init__(self, job: Job, stop: threading.Event, signals: _Signals) -> None:
        super().__init__()
        self._job = job
        self._stop = stop
        self._signals = signals

    def run(self) -> None:
        job = self._job
        threads = job.workers if job.backend is Backend.LOCAL and job.workers > 0 else cpu_count()
        comparison = Comparison(job, threads=threads)
        batch: list[Difference] = []
        sent = time.monotonic()
        walk = comparison.differences()
        try:
            for found in walk:
                if self._stop.is_set():
                    return
                batch.append(found)
                if len(batch) >= BATCH_SIZE or time.monotonic() - sent >= BATCH_S:
                    self._signals.differences.emit(self._stop, batch)
                    batch, sent = [], time.monotonic()
        except OSError as exc:  # a root that went away since it was checked
            if not self._stop.is_set():
                self._signals.failed.emit(self._stop, describe(exc))
            return
        except EngineError as exc:
            if not self._stop.is_set():
                self._signals.failed.emit(self._stop, str(exc))
            return
        except Exception as exc:
            if not self._stop.is_set():
                self._signals.failed.emit(
                    self._stop,
                    QCoreApplication.translate(
                        "Comparer", "The comparison failed unexpectedly: {error}"
                    ).format(error=f"{type(exc).__name__}: {exc}"),
                )
            return
        finally:
            # A generator: closing it closes its folders now, when the walk was stopped.
            close = getattr(walk, "close", None)
            if close is not None:
                close()
        if self._stop.is_set():
            return
        if batch:
            self._signals.differences.emit(self._stop, batch)
        self._signals.finished.emit(self._stop, comparison.tally)


class Comparer(QObject):
    """Runs one comparison at a time; its signals come on the thread it lives on.

    differences(list[Difference])  in the walk's order, in batches
    finished(Tally)                the counts, once, last
    failed(str)                    instead of finished: what went wrong, as a sentence
    """

    differences = Signal(list)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop: threading.Event | None = None
        self._signals: _Signals | None = None

    @property
    def running(self) -> bool:
        return self._stop is not None

    def start(self, job: Job) -> None:
        """Compare the job's target with its source; JobError at once when the job is not
        one a check can run (nothing is started then)."""
        if self._stop is not None:
            raise RuntimeError("a comparison is already running")
        job = check_job(job)
        self._stop = stop = threading.Event()
        signals = _Signals()
        signals.differences.connect(self._relay_differences)
        signals.finished.connect(self._relay_finished)
        signals.failed.connect(self._relay_failed)
        self._signals = signals
        QThreadPool.globalInstance().start(_CompareTask(job, stop, signals))

    def stop(self) -> None:
        """Stop the comparison without waiting; nothing more is emitted."""
        if self._stop is not None:
            self._stop.set()
        self._stop = None
        self._signals = None

    def _current(self, stop: threading.Event) -> bool:
        return stop is self._stop and not stop.is_set()

    def _relay_differences(self, stop: threading.Event, found: list[Difference]) -> None:
        if self._current(stop):
            self.differences.emit(found)

    def _relay_finished(self, stop: threading.Event, tally: Tally) -> None:
        if self._current(stop):
            self._stop = self._signals = None
            self.finished.emit(tally)

    def _relay_failed(self, stop: threading.Event, message: str) -> None:
        if self._current(stop):
            self._stop = self._signals = None
            self.failed.emit(message)
