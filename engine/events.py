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
    """One regular file, symlink, special file or folder that failed, and what became of it."""

    path: str
    status: Status
    bytes: int
    reason: str = ""
    output: str = ""
    """The target's relative name when a stage renamed it; empty when it is `path`."""
    moved: bool = False
    """The source entry was removed, its output being in place (`--move`)."""
    folder: bool = False
    """A folder that failed (could not be created, listed or entered): nothing beneath it
    was copied, and the three fields below say how much that is."""
    files_left_out: int = 0
    """The files beneath it in the source that the job would have taken."""
    bytes_left_out: int = 0
    counted: bool = True
    """False when some or all of what lies beneath it could not be listed: there may be more
    than `files_left_out`."""


@dataclass(frozen=True, slots=True)
class Progress:
    """Totals so far; sent at most about ten times a second, and once more at the end.

    `bytes_done` counts every byte dealt with (copied, skipped or failed) so a bar reaches
    its end; `bytes_copied` counts what was actually read and written, and gives the rate.
    While `scanning` is true the totals still grow. The totals include what was left out
    beneath folders that failed, which never finishes: a bar then stops short of its end.
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
    files_left_out: int = 0
    """Files beneath folders that failed, not copied: in `files_total`, never finished."""
    bytes_left_out: int = 0
    """Their bytes: in `bytes_total`, never done."""

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
    file_size: int = 0
    """The size of the file it is on (0 when on none)."""
    file_done: int = 0
    """Bytes of that file done so far, as far as the coordinator has heard."""
    stopping: bool = False
    """The pool is shrinking and this worker ends once its file is done."""


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
    files_left_out: int = 0
    """Files beneath the folders that failed (each one of `files_failed`), not copied: what
    the source holds there that the job would have taken, as far as it could be listed."""
    bytes_left_out: int = 0
    folders_unlisted: int = 0
    """Folders that failed whose contents, or some of them, could not be listed: what those
    hold is in no count."""
    failed_folders: tuple[str, ...] = ()
    """Which of `failures` are folders: running those again takes everything beneath them."""


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
        folders = set(body.pop("failed_folders"))
        body["failures"] = [
            {"path": p, "error": r, **({"folder": True} if p in folders else {})}
            for p, r in event.summary.failures
        ]
    if isinstance(event, FileEvent):
        body["status"] = event.status.value
        if event.status is Status.FAILED:
            body["error"] = body.pop("reason")
        if not event.output:
            del body["output"]
        if not event.moved:
            del body["moved"]
        if not event.folder:
            for key in ("folder", "files_left_out", "bytes_left_out", "counted"):
                del body[key]
    return {"event": _NAMES[type(event)], **body}


_KINDS: dict[str, type] = {name: kind for kind, name in _NAMES.items()}


def from_json(body: dict[str, Any]) -> Event:
    """The event `to_json` gave as `body`: how `engine attach` rebuilds the events of a job
    running in another process, to show them with the same displays. ValueError when `body`
    is not such an event."""
    fields = dict(body)
    kind = _KINDS.get(fields.pop("event", None))
    try:
        if kind is JobFinished:
            listed = fields.pop("failures")
            failures = tuple((f["path"], f["error"]) for f in listed)
            folders = tuple(f["path"] for f in listed if f.get("folder"))
            return JobFinished(Summary(**fields, failures=failures, failed_folders=folders))
        if kind is FileEvent:
            status = Status(fields.pop("status"))
            if "error" in fields:
                fields["reason"] = fields.pop("error")
            return FileEvent(status=status, **fields)
        if kind is WorkerStatus:
            return WorkerStatus(tuple(WorkerInfo(**info) for info in fields["workers"]))
        if kind is JobStarted:
            return JobStarted(**{**fields, "stages": tuple(fields["stages"])})
        if kind is Progress or kind is LogMessage:
            event: Event = kind(**fields)
            return event
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a whole {body.get('event')!r} event: {exc}") from None
    raise ValueError(f"no event named {body.get('event')!r}")
