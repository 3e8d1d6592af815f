"""Keeps the sidebar's picture of this user's jobs current: the running ones every second,
the history and the schedule every few seconds, and the history again at once when a job
ends (it has just recorded itself).

Every reading runs on the thread pool (`Background`) and comes back by a signal. Readings
coalesce: one of each kind is out at a time, and one asked for while another is out is made
once that lands, so a job that hangs its socket for seconds costs one pool thread, never a
pile of them, and the UI thread never waits.

A job of this app (its entry's process is this one) that was seen running and is gone is
reported with its record from the history, once a reading begun after it ended has landed:
`app_job_ended(Entry, Record | None)` (None when the history could not be written).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from engine.history import Record
from engine.registry import Entry
from gui.jobs import past, planned, running
from gui.jobs.background import Background
from gui.jobs.past import PastRun
from gui.jobs.running import RunningJob

EVERY_MS = 1000
SLOW_EVERY = 10
"""The history and the schedule are read on every tenth tick (and when asked)."""
STARTED_SLACK_S = 1.0
"""How much earlier than its record's start a job's entry may say it started: the entry is
made as the job is set up, the record's clock starts as it runs."""


class _Reading:
    """One kind of reading, one at a time; see the module docstring."""

    def __init__(
        self,
        background: Background,
        read: Callable[[], Any],
        landed: Callable[[Any, bool], None],
        failed: Callable[[Exception], None],
    ) -> None:
        self._background = background
        self._read = read
        self._landed = landed
        self._failed = failed
        self._out = False
        self._again = False

    def request(self) -> None:
        if self._out:
            self._again = True
            return
        self._out = True
        self._background.run(self._read, self._done, self._refused)

    def _done(self, result: Any) -> None:
        again = self._settle()
        self._landed(result, not again)

    def _refused(self, error: Exception) -> None:
        self._settle()
        self._failed(error)

    def _settle(self) -> bool:
        """Whether another reading was asked for meanwhile (and is now started)."""
        self._out, again, self._again = False, self._again, False
        if again:
            self.request()
        return again


class JobsMonitor(QObject):
    """See the module docstring. Each `…_read` signal carries the latest reading; each
    `…_unreadable` why there is none (a sentence to show in the reading's place)."""

    jobs_read = Signal(list)
    jobs_unreadable = Signal(str)
    runs_read = Signal(list)
    runs_unreadable = Signal(str)
    planned_read = Signal(list)
    planned_unreadable = Signal(str)
    app_job_ended = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        background = Background(self)
        self._jobs = _Reading(background, running.look, self._jobs_landed, self._jobs_failed)
        self._runs = _Reading(background, past.read, self._runs_landed, self._runs_failed)
        self._planned = _Reading(
            background, planned.read, self._planned_landed, self._planned_failed
        )
        self._seen: dict[str, Entry] = {}
        self._ended_here: list[Entry] = []
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(EVERY_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()
        self.refresh_jobs()
        self.refresh_runs()
        self.refresh_planned()

    def refresh_jobs(self) -> None:
        self._jobs.request()

    def refresh_runs(self) -> None:
        self._runs.request()

    def refresh_planned(self) -> None:
        self._planned.request()

    def _tick(self) -> None:
        self._ticks += 1
        self.refresh_jobs()
        if self._ticks % SLOW_EVERY == 0:
            self.refresh_runs()
            self.refresh_planned()

    def _jobs_landed(self, jobs: list[RunningJob], _latest: bool) -> None:
        now = {job.entry.id: job.entry for job in jobs}
        gone = [entry for ident, entry in self._seen.items() if ident not in now]
        self._seen = now
        self.jobs_read.emit(jobs)
        if gone:
            self._ended_here += [entry for entry in gone if running.started_here(entry)]
            self.refresh_runs()

    def _jobs_failed(self, error: Exception) -> None:
        self.jobs_unreadable.emit(
            self.tr("Running jobs cannot be listed: {reason}").format(reason=error)
        )

    def _runs_landed(self, runs: list[PastRun], latest: bool) -> None:
        self.runs_read.emit(runs)
        if not latest:  # begun before a job ended: the next reading has its record
            return
        ended, self._ended_here = self._ended_here, []
        for entry in ended:
            self.app_job_ended.emit(entry, _record_of(entry, runs))

    def _runs_failed(self, error: Exception) -> None:
        self.runs_unreadable.emit(
            self.tr("The history cannot be read: {reason}").format(reason=error)
        )
        ended, self._ended_here = self._ended_here, []
        for entry in ended:
            self.app_job_ended.emit(entry, None)

    def _planned_landed(self, found: list[planned.Planned], _latest: bool) -> None:
        self.planned_read.emit(found)

    def _planned_failed(self, error: Exception) -> None:
        self.planned_unreadable.emit(
            self.tr("The schedule cannot be read: {reason}").format(reason=error)
        )


def _record_of(entry: Entry, runs: list[PastRun]) -> Record | None:
    """The newest run of the job `entry` registered (same folders, started since)."""
    for run in runs:
        record = run.record
        if (record.source, record.target) == (entry.source, entry.target) and (
            record.started >= entry.started - STARTED_SLACK_S
        ):
            return record
    return None
