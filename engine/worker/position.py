"""The file a worker has in hand: which batch, which task of it, and since when.

A worker records its position before each file and clears it after the batch. Whoever must
know what a worker is on reads it: to blame the file a dead worker died on, and to end a
file that runs past the time limit. Two kinds, one interface:

- `SharedPosition`, for a local worker, lives in shared memory, so its coordinator reads it
  even when the worker is stopped, hung in the kernel or dead, and keeps the time limit
  from outside (a process that is stuck cannot be trusted to notice).
- `HeldPosition`, for a Dask worker, is a plain object its own watchdog thread reads: the
  coordinator cannot reach into a remote process, so that worker keeps the limit itself.

This module imports only the standard library: the launcher makes the shared kind before
the rest of the engine is loaded.
"""

from __future__ import annotations

from multiprocessing.context import BaseContext
from typing import Any, Protocol

NOWHERE = -1
"""The index of a worker between files."""

_BATCH, _INDEX, _STARTED = 0, 1, 2


class Position(Protocol):
    batch: int
    """The id of the batch being run (the last one, between batches)."""
    index: int
    """The task of the batch in hand, or NOWHERE."""
    started: float
    """When that task began (`time.monotonic`); moved on by paused time."""


class HeldPosition:
    """A position in this process's memory."""

    __slots__ = ("batch", "index", "started")

    def __init__(self) -> None:
        self.batch = 0
        self.index = NOWHERE
        self.started = 0.0


class SharedPosition:
    """A position in three shared doubles, written by a worker, read by its coordinator.

    Each is written and read whole; a reader may see a new index with the previous start
    for an instant, which the worker avoids by writing the start first."""

    __slots__ = ("array",)

    def __init__(self, array: Any) -> None:
        self.array = array
        """The shared doubles (a `RawArray`), which a new process inherits as an argument."""

    @classmethod
    def create(cls, ctx: BaseContext) -> SharedPosition:
        return cls(ctx.RawArray("d", (0.0, float(NOWHERE), 0.0)))

    @property
    def batch(self) -> int:
        return int(self.array[_BATCH])

    @batch.setter
    def batch(self, value: int) -> None:
        self.array[_BATCH] = value

    @property
    def index(self) -> int:
        return int(self.array[_INDEX])

    @index.setter
    def index(self, value: int) -> None:
        self.array[_INDEX] = value

    @property
    def started(self) -> float:
        return float(self.array[_STARTED])

    @started.setter
    def started(self, value: float) -> None:
        self.array[_STARTED] = value
