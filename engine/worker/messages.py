"""What a worker and its coordinator say to each other.

A local worker has two pipes of its own, so a worker killed mid-message can corrupt or lock
nothing that other workers use (a shared `multiprocessing.Queue` has a lock a dying reader
can take with it):

    coordinator --inbox--> worker        Assignment, Batch ... Batch, then STOP (None)
    coordinator <--outbox-- worker       Began | Partial | Results | Fatal, in order

A worker's reader thread drains its inbox at once, so the coordinator never blocks on a
send. Workers report the file they are on at most every `REPORT_EVERY_S` and flush finished
outcomes at the same pace, so a batch of tiny files costs two messages, not one per file.

A Dask worker gets the job when it is prepared and each batch as a Dask task, whose result
is the batch's outcomes; the rest goes back as Dask events on the job's topic: `Began` for
every file, `Partial`, and `Overrun` for a file that ran past the file timeout. Events carry
plain values only (`to_event`, `from_event`).

These are defined on the worker's side: a worker imports nothing of the coordinator's.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from engine.records import Batch, Outcome

if TYPE_CHECKING:
    from engine.stages import StageSpec
    from engine.worker.settings import TransferSettings

REPORT_EVERY_S = 0.1
STOP = None

Command = Batch | None


@dataclass(frozen=True, slots=True)
class Assignment:
    """A worker's first message: the job it works for. It comes after the start (not as an
    argument of the process) so that a worker can start before its job is known."""

    settings: TransferSettings
    stages: tuple[StageSpec, ...]


@dataclass(frozen=True, slots=True)
class Began:
    """The worker started file `index` of batch `batch_id` (sent for big files always, for
    small ones throttled; by a Dask worker for every file, so a lost worker is blamed for
    exactly the file it was on)."""

    batch_id: int
    index: int


@dataclass(frozen=True, slots=True)
class Partial:
    """Bytes of the current file done so far; cleared by the next Results from this worker."""

    batch_id: int
    bytes: int


@dataclass(frozen=True, slots=True)
class Overrun:
    """File `index` of batch `batch_id` took longer than the file timeout: the Dask worker
    that sends this ends its process next (the coordinator ends a local worker itself)."""

    batch_id: int
    index: int


@dataclass(frozen=True, slots=True)
class Results:
    batch_id: int
    outcomes: tuple[Outcome, ...]
    complete: bool
    """True when this is the batch's last message; its credit is then returned."""


@dataclass(frozen=True, slots=True)
class Fatal:
    """The worker cannot work at all: a stage failed to load, or a root folder is no longer
    the one the job holds. `message` is a sentence for the user, `detail` what went wrong."""

    message: str
    detail: str = ""


Event = Began | Partial | Overrun
"""What a Dask worker sends as events."""

_EVENTS: dict[str, type[Event]] = {kind.__name__: kind for kind in (Began, Partial, Overrun)}


def to_event(message: Event) -> list[object]:
    """The message as plain values, as Dask events must be (msgpack)."""
    return [type(message).__name__, *(getattr(message, field.name) for field in fields(message))]


def from_event(event: list[object]) -> Event | None:
    """The message `to_event` made; None for anything else."""
    kind = _EVENTS.get(str(event[0])) if event else None
    return None if kind is None else kind(*event[1:])  # type: ignore[arg-type]
