"""Starting worker processes, and starting them before the coordinator has loaded itself.

A worker is spawned with nothing but its control block, its two pipes and its place in
shared memory; the job (settings and stages) is its first message. So a worker can be
started before the job is known: `engine run` starts its workers first when the run
certainly has work (a new target folder), and they import the engine while the coordinator
does, instead of after it (each import takes about 0.1 s). The local executor then adopts
them. A run into an existing target starts none early: it may have nothing to do, and a
run with nothing to do starts no worker at all.

This module imports little, so that starting early is cheap.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from importlib.machinery import ModuleSpec
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import NamedTuple

from engine.control import Control
from engine.worker.entry import run
from engine.worker.position import SharedPosition

JOIN_S = 5.0
"""How long an unneeded early worker may take to end before it is killed."""


class Launched(NamedTuple):
    """A started worker process and the coordinator's ends of its pipes (a named tuple, not
    a dataclass: `dataclasses` would cost the early start ~10 ms of imports)."""

    process: BaseProcess
    inbox: Connection
    outbox: Connection
    tag: str
    """Its temporary files are named `.conveyor-<tag>-<n>.part`."""
    position: SharedPosition
    """The batch and task it is on, and since when, in memory shared with it."""


def launch(ctx: BaseContext, control: Control, name: str) -> Launched:
    """Start one worker; it waits for its job (an `Assignment`) on the inbox. Its entry
    (`engine.worker.entry.run`) imports the worker's code in the new process, so the
    launcher need not have imported it."""
    tag = os.urandom(4).hex()  # not `secrets`: it pulls in `random` and `hmac`
    position = SharedPosition.create(ctx)
    inbox_recv, inbox_send = ctx.Pipe(duplex=False)
    outbox_recv, outbox_send = ctx.Pipe(duplex=False)
    process = ctx.Process(  # type: ignore[attr-defined]
        target=run,
        args=(control, inbox_recv, outbox_send, tag, position.array),
        name=name,
        daemon=True,
    )
    with _main_not_rerun():
        process.start()
    inbox_recv.close()
    outbox_send.close()
    return Launched(process, inbox_send, outbox_recv, tag, position)


class EarlyWorkers:
    """Workers started before their job: an executor takes them, or `close` ends them."""

    def __init__(self, count: int) -> None:
        self.ctx = multiprocessing.get_context("spawn")
        self.control = Control(self.ctx)
        self.count = count
        self._workers: list[Launched] = []
        for n in range(count):
            try:
                self._workers.append(launch(self.ctx, self.control, f"conveyor-worker-{n}"))
            except OSError:
                break  # the system refuses more: the job's pool says so when it needs them

    def take(self) -> list[Launched]:
        """Hand the workers over; whoever takes them must send each its job, or stop it."""
        workers, self._workers = self._workers, []
        return workers

    def close(self) -> None:
        """End the workers nobody took (the job was refused): a closed inbox ends them."""
        for worker in self._workers:
            worker.inbox.close()
        for worker in self._workers:
            worker.process.join(JOIN_S)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.outbox.close()
        self._workers = []


_MAIN_LOCK = threading.Lock()
_NOT_RERUN = ModuleSpec("engine.__main__", None)
"""A spec spawn recognises as a package's `__main__`, which it never runs again in a child."""


@contextlib.contextmanager
def _main_not_rerun() -> Iterator[None]:
    """While a worker is launched, keep spawn from running the host's main script again in it.

    Spawn re-runs the parent's `__main__` in every child in case the child needs something
    defined there, unless the program was started with `-m package`. A worker needs nothing
    from it (its target and arguments are engine objects), and re-running it is costly: the
    `engine` console script would import the whole CLI again in each worker (0.1 s), the
    app's script all of Qt. So, for the moment spawn reads it, the main module is presented
    as a package's `__main__`, which spawn leaves alone.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    with _MAIN_LOCK:
        had_spec = "__spec__" in vars(main)
        saved = getattr(main, "__spec__", None)
        main.__spec__ = _NOT_RERUN
        try:
            yield
        finally:
            if had_spec:
                main.__spec__ = saved
            else:
                del main.__spec__
