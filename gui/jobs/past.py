"""The runs of the history as the sidebar lists them: each record with the job it ran,
rebuilt from its job-file text ahead of time, so Run again knows at once whether it can.

`read` blocks (it opens the SQLite history, which another job may hold for a moment while
it records itself), so the sidebar calls it on the thread pool.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine import Job, JobError
from engine.history import History, Record

RECENT = 20
"""How many runs the sidebar lists, as `engine history` does by default."""


@dataclass(frozen=True)
class PastRun:
    record: Record
    job: Job | None
    """The job as it ran; None when it cannot be run again (`why_not` says why)."""
    why_not: str = ""


def read(count: int = RECENT) -> list[PastRun]:
    """The last `count` runs, newest first."""
    return [_past(record) for record in History().recent(count)]


def _past(record: Record) -> PastRun:
    try:
        return PastRun(record, record.job())
    except JobError as exc:
        return PastRun(record, None, str(exc))
