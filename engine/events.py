"""The events a running job publishes, as small frozen values any front-end can consume.

All events are produced by the pipeline's coordinating thread (the one `JobHandle` starts)
and delivered there to the `on_event` callback, or queued for `JobHandle.events()`.
Front-ends must hop to their own thread themselves (the app does so in `gui/bridge.py`).
`to_json` gives each one as the JSON Lines object `engine run --json` prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from engine.records import Status


@dataclass(frozen=True, slots=True)
class JobStarted:
    source: str
    target: str
    workers: int
    stages: tuple[str, ...]
    dry_run: bool


@dataclass(frozen=True, slots=True)
class FileEvent:
    """One regular file, symlink, special file or unreadable folder met, and what became of it."""

    path: str
    status: Status
    bytes: int
    reason: str = ""
    output: str = ""
    """The target's relative name when a stage renamed it; empty when it is `path`."""
    moved: bool = False
    """The source entry was removed, its output being in place (`--move`)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """Totals so far; sent at most about ten times a second, and once more at the end.

    `bytes_done` counts every byte dealt with (copied, skipped or failed) so a bar reaches
    its end; `bytes_copied` counts what was actually read and written, and gives the rate.
    While `scanning` is true the totals still grow.
    """

    files_done: int
    files_updated: int
    """Up to date but for their owner, mode, attributes or ACLs, which were brought to the
    source's ("metadata updated"); no bytes were copied for them."""
    files_skipped: int
    files_failed: int
    files_total: int
    bytes_done: int
    bytes_total: int
    bytes_copied: int
    rate: float
    eta_s: float | None
    elapsed_s: float
    scanning: bool
    paused: bool

    @property
    def files_finished(self) -> int:
        return self.files_done + self.files_updated + self.files_skipped + self.files_failed


@dataclass(frozen=True, slots=True)
class WorkerInfo:
    pid: int
    current: str | None
    host: str = ""
    """The machine the worker runs on; empty for this one (then `pid` is a local process)."""
    stuck_s: float = 0.0
    """Seconds it has made no progress, once it is reported stuck; 0 while it works."""


@dataclass(frozen=True, slots=True)
class WorkerStatus:
    """The pool as it is now: one entry per worker process, with the file it is on."""

    workers: tuple[WorkerInfo, ...]


@dataclass(frozen=True, slots=True)
class LogMessage:
    level: str
    message: str
    path: str = ""


@dataclass(frozen=True, slots=True)
class Summary:
    files_done: int
    files_updated: int
    """As in `Progress`."""
    files_skipped: int
    files_failed: int
    files_deleted: int
    """Target entries a mirror removed (in a dry run: would remove)."""
    files_moved: int
    """Source entries a move removed, their outputs being in place (`--move`)."""
    deletions_held: int
    """Deletions not made because more than `max_delete` would have been (the job fails)."""
    bytes_done: int
    elapsed_s: float
    cancelled: bool
    dry_run: bool
    failures: tuple[tuple[str, str], ...]
    """(path, reason) for every failed entry, in the order they failed."""


@dataclass(frozen=True, slots=True)
class JobFinished:
    summary: Summary


Event = JobStarted | FileEvent | Progress | WorkerStatus | LogMessage | JobFinished

_NAMES: dict[type, str] = {
    JobStarted: "start",
    FileEvent: "file",
    Progress: "progress",
    WorkerStatus: "workers",
    LogMessage: "log",
    JobFinished: "summary",
}


def to_json(event: Event) -> dict[str, Any]:
    """The event as a JSON-ready dict whose `event` key names its kind."""
    body = asdict(event.summary) if isinstance(event, JobFinished) else asdict(event)
    if isinstance(event, JobFinished):
        body["failures"] = [{"path": p, "error": r} for p, r in event.summary.failures]
    if isinstance(event, FileEvent):
        body["status"] = event.status.value
        if event.status is Status.FAILED:
            body["error"] = body.pop("reason")
        if not event.output:
            del body["output"]
        if not event.moved:
            del body["moved"]
    return {"event": _NAMES[type(event)], **body}
