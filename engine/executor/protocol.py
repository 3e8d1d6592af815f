"""What an executor reports to the pipeline besides a worker's own messages, and why a
worker was lost.

The messages a worker sends (`Began`, `Partial`, `Results`, `Fatal`) are defined on the
worker's side, in `engine.worker.messages`, since a worker imports nothing of the
coordinator's; an executor passes on what the pipeline needs of them and adds its own news
of the pool: batches that came back unfinished, workers lost, notices, and a halt.

Flow control is by credit: the local executor keeps at most `CREDIT` batches outstanding
per worker, so inboxes stay small.

A lost worker carries its cause as a value (`KilledBySignal`, `TimedOut`, `Exited`,
`Vanished`), never as an exit status that two modules agree to read alike; the cause words
the sentence the user reads.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass

from engine.records import FileTask

CREDIT = 2


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A batch came back without outcomes for these tasks: its worker stopped on a cancel."""

    tasks: tuple[FileTask, ...]


@dataclass(frozen=True, slots=True)
class KilledBySignal:
    """The worker process was ended by a signal it did not handle."""

    signal: int

    def sentence(self, pid: int) -> str:
        sig = self.signal
        name = signal.Signals(sig).name if sig in signal.valid_signals() else f"signal {sig}"
        causes: dict[int, str] = {
            signal.SIGKILL: "killed, perhaps by the out-of-memory killer",
            signal.SIGSEGV: "crashed in native code (segmentation fault)",
            signal.SIGBUS: "crashed on a bus error (a file shrank while mapped, or bad memory)",
            signal.SIGABRT: "aborted by a native library",
            signal.SIGTERM: "terminated",
        }
        cause = causes.get(sig, "ended by a signal")
        return f"worker process {pid} {cause} ({name}); the file was not copied"


@dataclass(frozen=True, slots=True)
class TimedOut:
    """A file took longer than the file timeout: the worker was ended for it (by the
    coordinator, or by itself on a Dask cluster)."""

    def sentence(self, pid: int) -> str:
        return "took longer than the file timeout and was abandoned"


@dataclass(frozen=True, slots=True)
class Exited:
    """The worker process exited on its own while it held work (`code` None: unknown)."""

    code: int | None

    def sentence(self, pid: int) -> str:
        return f"worker process {pid} exited unexpectedly (exit code {self.code})"


@dataclass(frozen=True, slots=True)
class Vanished:
    """A Dask worker left the cluster while it held work: killed, crashed, or its machine
    gone; its exit status is not known here."""

    address: str
    host: str = ""
    """Its machine, when not this one."""

    def sentence(self, pid: int) -> str:
        where = f" on {self.host}" if self.host else ""
        return (
            f"Dask worker process {pid}{where} ({self.address}) was lost: killed or crashed, "
            "or its machine left the cluster; the file was not copied"
        )


Cause = KilledBySignal | TimedOut | Exited | Vanished


def cause_of_exit(exitcode: int | None) -> Cause:
    """Why a local worker process ended, from its exit status (negative: a signal)."""
    if exitcode is not None and exitcode < 0:
        return KilledBySignal(-exitcode)
    return Exited(exitcode)


@dataclass(frozen=True, slots=True)
class WorkerLost:
    """A worker process ended while it held work.

    Workers take batches and tasks in order, so the first task without an outcome is the one
    it was on (`in_hand`, which may have caused the death); the rest (`unstarted`) are safe
    to run again elsewhere.
    """

    pid: int
    cause: Cause
    in_hand: tuple[FileTask, ...]
    unstarted: tuple[FileTask, ...]

    @property
    def reason(self) -> str:
        """Why, as a sentence for the user: the likely cause, and so what to do about it."""
        return self.cause.sentence(self.pid)


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
