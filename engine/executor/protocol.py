"""Everything that crosses between the coordinator and one worker process.

Each worker has two pipes of its own, so a worker killed mid-message can corrupt or lock
nothing that other workers use (a shared `multiprocessing.Queue` has a lock a dying reader
can take with it):

    coordinator --inbox--> worker        Assignment, Batch ... Batch, then STOP (None)
    coordinator <--outbox-- worker       Began | Partial | Results | Fatal, in order

Flow control is by credit: the coordinator keeps at most `CREDIT` batches outstanding per
worker, so inboxes stay small, and a worker's reader thread drains its inbox at once, so the
coordinator never blocks on a send. Workers report the file they are on at most every
`REPORT_EVERY_S` and flush finished outcomes at the same pace, so a batch of tiny files
costs two messages, not one per file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.tasks import Batch, FileTask, Outcome

if TYPE_CHECKING:
    from engine.stages import StageSpec
    from engine.transfer import TransferSettings

CREDIT = 2
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
    """The worker started this file (sent for big files always, for small ones throttled)."""

    rel: str


@dataclass(frozen=True, slots=True)
class Partial:
    """Bytes of the current file done so far; cleared by the next Results from this worker."""

    bytes: int


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


Message = Began | Partial | Results | Fatal


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A batch came back without outcomes for these tasks: its worker stopped on a cancel."""

    tasks: tuple[FileTask, ...]


@dataclass(frozen=True, slots=True)
class WorkerLost:
    """A worker process ended while it held work.

    Workers take batches and tasks in order, so the first task without an outcome is the one
    it was on (`in_hand`, which may have caused the death); the rest (`unstarted`) are safe
    to run again elsewhere.
    """

    pid: int
    exitcode: int | None
    in_hand: tuple[FileTask, ...]
    unstarted: tuple[FileTask, ...]
    reason: str = ""
    """Why, when the executor knows better than the exit code can tell."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should hear about the pool (a worker stuck on a file, a worker
    that could not be started), as a log line; `path` names the file concerned, if any."""

    level: str
    message: str
    path: str = ""


@dataclass(frozen=True, slots=True)
class Halt:
    """The pool cannot go on (its workers keep dying, none can be started, a worker found a
    root folder replaced): the job stops taking work and reports the rest not copied."""

    reason: str
