"""The worker's loop over a batch, and the watchdog on each file's time: one of each for
both backends.

A batch's tasks run in order, and before each one the worker checks for pause and cancel
and records its position (`position`): which batch, which task, since when. Order matters to
the coordinator: when a worker dies, the first task without an outcome is the one it was on
and the rest never started. How news goes back differs (a pipe, Dask events), so the caller
passes it in as two callbacks.

The watchdog (`watch_time`) is for a worker that must keep the file time limit itself, as a
Dask worker must: a hung read or command cannot be interrupted from inside the thread, but
the process can end. A local worker's coordinator keeps the limit from outside instead, by
reading the position this worker shares with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from engine.control import PAUSED, Cancelled, Control
from engine.worker.position import NOWHERE, Position

if TYPE_CHECKING:
    from engine.records import Batch, FileTask, Outcome
    from engine.worker.transfer import Transfer

WATCH_EVERY_S = 0.2
"""How often the watchdog looks: the time limit is kept to within this."""


def run_batch(
    batch: Batch,
    transfer: Transfer,
    control: Control,
    position: Position,
    began: Callable[[int, FileTask, float], None],
    done: Callable[[Outcome], None],
) -> bool:
    """Run the batch's tasks in order, calling `began(index, task, now)` before each and
    `done(outcome)` after; False when the job was cancelled (the batch stops there, its
    file in hand abandoned and its temporary file removed)."""
    position.batch = batch.id
    checkpoint, run = control.checkpoint, transfer.run
    try:
        for index, task in enumerate(batch.tasks):
            checkpoint()
            # The start before the index: whoever reads the position never pairs this file
            # with the previous file's start.
            position.started = now = time.monotonic()
            position.index = index
            began(index, task, now)
            done(run(task))
    except Cancelled:
        return False
    finally:
        position.index = NOWHERE
        transfer.end_batch()
    return True


def overran(position: Position, now: float, limit: float) -> bool:
    """Whether the file in hand has taken longer than `limit` seconds (0: no limit)."""
    return bool(limit) and position.index != NOWHERE and now - position.started > limit


def watch_time(
    control: Control,
    limit: float,
    positions: Callable[[], Iterable[Position]],
    give_up: Callable[[Position], None],
    watching: Callable[[], bool],
    every: float = WATCH_EVERY_S,
) -> None:
    """While `watching()`, call `give_up(position)` for any of the `positions()` whose file
    has run past `limit` seconds. Paused time does not count: while the job is paused every
    file's start moves on with the clock. Meant for a thread of its own."""
    while watching():
        time.sleep(every)
        now = time.monotonic()
        for position in positions():
            if control.state == PAUSED:
                position.started += every
            elif overran(position, now, limit):
                give_up(position)
