"""This user's running jobs as the sidebar shows them, read from the registry (`engine
registry`): who they are, how far they have got, and how to steer one.

`look` and `steer` block (a job answers over its socket within seconds, a stopped one not
at all), so the sidebar calls them on the thread pool, never on the UI thread. A job
stopped by Ctrl-Z is not asked anything: it is listed as stopped, as `engine jobs` lists it,
and Resume continues it as `engine resume` does.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication

from engine import registry
from engine.registry import Entry
from gui.formatting import format_percent


class State(StrEnum):
    """What a job is doing, in the registry's words (`engine jobs`)."""

    SCANNING = "scanning"
    RUNNING = "running"
    PAUSED = "paused"
    QUEUED = "queued"
    STOPPED = "stopped"
    """Stopped by Ctrl-Z or SIGSTOP: it cannot answer until it is continued."""


class Op(StrEnum):
    """What the sidebar can ask of a job."""

    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"


@dataclass(frozen=True)
class RunningJob:
    """One registered job and its last answer to `status`."""

    entry: Entry
    state: State
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    rate: float = 0.0
    eta_s: float | None = None
    waits_for: Entry | None = None
    """For a queued job: the job ahead of it onto the same disk."""

    @property
    def own(self) -> bool:
        return started_here(self.entry)

    def fraction(self) -> float | None:
        """How much is done, by bytes (by files while every file found is empty); None
        before anything is known."""
        return fraction(self.bytes_done, self.bytes_total, self.files_done, self.files_total)


def started_here(entry: Entry) -> bool:
    """Whether the job is this app's own (its process is this one)."""
    return entry.pid == os.getpid()


def fraction(bytes_done: int, bytes_total: int, files_done: int, files_total: int) -> float | None:
    """Done over total by bytes, or by files when there are no bytes; None with neither."""
    if bytes_total > 0:
        return min(1.0, bytes_done / bytes_total)
    if files_total > 0:
        return min(1.0, files_done / files_total)
    return None


def percent(done: float) -> str:
    """A fraction done as a whole percentage, rounded down: 99.6% is not yet "100%"."""
    return format_percent(float(math.floor(100 * done)), 0)


def look() -> list[RunningJob]:
    """The jobs running now, oldest first (a job that ends while asked is left out).
    Blocks; JobError when the folder of running jobs is not this user's alone."""
    found = []
    for entry in registry.entries():
        try:
            status = registry.status(entry)
        except (OSError, ValueError):
            continue  # it ended meanwhile
        found.append(_running(entry, status))
    return found


def _running(entry: Entry, status: dict[str, Any]) -> RunningJob:
    state = State(status.get("state", State.RUNNING))
    eta = status.get("eta_s")
    return RunningJob(
        entry,
        state,
        files_done=int(status.get("files_done", 0)),
        files_total=int(status.get("files_total", 0)),
        bytes_done=int(status.get("bytes_done", 0)),
        bytes_total=int(status.get("bytes_total", 0)),
        rate=float(status.get("rate", 0.0)),
        eta_s=None if eta is None else float(eta),
        waits_for=registry.ahead_of(entry) if state is State.QUEUED else None,
    )


def steer(entry: Entry, op: Op) -> None:
    """Pause, resume or cancel the job (`engine.registry.steer`). Blocks; JobError with the
    job's answer when it refuses, OSError when it does not answer."""
    registry.steer(entry, {"op": op.value})


def not_steered_text(op: Op, reason: str) -> str:
    """Why the job did not pause, resume or cancel, as a sentence, wherever it was asked
    (the sidebar's cards, the run view following the job)."""
    words = {
        Op.PAUSE: QCoreApplication.translate("Steering", "The job could not be paused: {reason}"),
        Op.RESUME: QCoreApplication.translate("Steering", "The job could not be resumed: {reason}"),
        Op.CANCEL: QCoreApplication.translate(
            "Steering", "The job could not be cancelled: {reason}"
        ),
    }
    return words[op].format(reason=reason)
