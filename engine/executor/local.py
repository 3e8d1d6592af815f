"""The local executor: a pool of worker processes on this machine.

Workers are started with the `spawn` context, never `fork` (the app hosts the engine in a
threaded Qt process, where fork is unsafe). The coordinator waits on every worker's outbox
*and* on its process sentinel, so a worker that dies (SIGKILL, the OOM killer, a crash in
native code) is noticed at once, its unfinished files are reported, and a fresh worker takes
its place: the pool never hangs and keeps its size.

The pool starts when the first batch is submitted, not when the job starts: a re-run whose
files the scanner finds up to date starts no worker process at all, and a job that has work
loses nothing, since the scanner's first batch holds a single file and comes at once. Workers
started early (`launch.EarlyWorkers`, by the CLI for a new target) are adopted at once.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from engine.control import Control
from engine.errors import EngineError
from engine.events import WorkerInfo
from engine.executor.base import Executor, Report
from engine.executor.launch import EarlyWorkers, Launched, launch
from engine.executor.protocol import (
    CREDIT,
    STOP,
    Assignment,
    Began,
    Fatal,
    Partial,
    Results,
    Unfinished,
    WorkerLost,
)
from engine.executor.worker import BATCH, INDEX, TIMEOUT_EXIT
from engine.stages import StageSpec
from engine.tasks import Batch, FileTask
from engine.transfer import TransferSettings, remove_strays

MAX_EARLY_DEATHS = 3
"""Workers that die before finishing anything, per pool slot, before the job gives up."""


@dataclass
class _Slot:
    process: BaseProcess
    inbox: Connection
    outbox: Connection
    outstanding: dict[int, Batch] = field(default_factory=dict)
    finished: dict[int, set[str]] = field(default_factory=dict)
    current: str | None = None
    partial: int = 0
    tag: str = ""
    position: Any = None
    stopping: bool = False
    productive: bool = False
    ended: bool = False
    """Its outbox reached end-of-file: only the process sentinel is left to wait for."""


def death_reason(pid: int, exitcode: int | None) -> str:
    """Name the likely cause of a worker's death, so the report says what to do about it."""
    if exitcode == TIMEOUT_EXIT:
        return "took longer than the file timeout and was abandoned"
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        name = signal.Signals(sig).name if sig in signal.valid_signals() else f"signal {sig}"
        cause = {
            signal.SIGKILL: "killed, perhaps by the out-of-memory killer",
            signal.SIGSEGV: "crashed in native code (segmentation fault)",
            signal.SIGBUS: "crashed on a bus error (a file shrank while mapped, or bad memory)",
            signal.SIGABRT: "aborted by a native library",
            signal.SIGTERM: "terminated",
        }.get(sig, "ended by a signal")
        return f"worker process {pid} {cause} ({name}); the file was not copied"
    return f"worker process {pid} exited unexpectedly (exit code {exitcode})"


class LocalExecutor(Executor):
    def __init__(self, start_method: str = "spawn", early: EarlyWorkers | None = None) -> None:
        if start_method == "fork":
            raise ValueError("fork is unsafe in threaded hosts; use spawn or forkserver")
        if early is not None:
            self._ctx, self._control = early.ctx, early.control
        else:
            self._ctx = multiprocessing.get_context(start_method)
            self._control = Control(self._ctx)
        self._early = early
        """Workers started before the job, taken when it starts; until then their starter
        owns them (and ends them if the job never starts)."""
        self._slots: list[_Slot] = []
        self._size = 0
        self._deaths = 0
        self._closing = False
        self._args: tuple[TransferSettings, tuple[StageSpec, ...]] | None = None
        self._ids = itertools.count(early.count if early else 0)
        self._started = False
        """Whether the pool was brought up (by the first batch, or early workers)."""

    def start(self, settings: TransferSettings, stages: tuple[StageSpec, ...], size: int) -> None:
        self._args = (settings, stages)
        self._size = max(1, size)
        if self._early is not None:
            self._start_pool()

    def _start_pool(self) -> None:
        if not self._started:
            self._started = True
            for launched in self._early.take() if self._early else ():
                self._adopt(launched)
            self.resize(self._size)

    def _spawn(self) -> None:
        self._adopt(launch(self._ctx, self._control, f"conveyor-worker-{next(self._ids)}"))

    def _adopt(self, launched: Launched) -> None:
        assert self._args is not None
        slot = _Slot(
            launched.process,
            launched.inbox,
            launched.outbox,
            tag=launched.tag,
            position=launched.position,
        )
        self._slots.append(slot)
        try:
            slot.inbox.send(Assignment(*self._args))
        except OSError:
            return  # it died already: its sentinel tells, and `poll` replaces it

    def _active(self) -> list[_Slot]:
        return [slot for slot in self._slots if not slot.stopping]

    def has_capacity(self) -> bool:
        if not self._started:
            return self._args is not None and not self._closing
        return any(len(slot.outstanding) < CREDIT for slot in self._active())

    def submit(self, batch: Batch) -> None:
        self._start_pool()
        slot = min(self._active(), key=lambda s: len(s.outstanding))
        slot.outstanding[batch.id] = batch
        slot.finished[batch.id] = set()
        slot.inbox.send(batch)

    def idle(self) -> bool:
        return not any(slot.outstanding for slot in self._slots)

    def partial_bytes(self) -> int:
        return sum(slot.partial for slot in self._slots)

    def workers(self) -> tuple[WorkerInfo, ...]:
        return tuple(
            WorkerInfo(slot.process.pid or 0, slot.current if slot.outstanding else None)
            for slot in self._slots
        )

    def resize(self, size: int) -> None:
        self._size = max(1, size)
        if not self._started:
            return
        active = self._active()
        while len(active) < self._size:
            self._spawn()
            active = self._active()
        for slot in sorted(active, key=lambda s: len(s.outstanding))[: len(active) - self._size]:
            slot.stopping = True
            self._send_stop(slot)

    def pause(self) -> None:
        self._control.pause()

    def resume(self) -> None:
        self._control.resume()

    def cancel(self) -> None:
        self._control.cancel()

    def poll(self, timeout: float) -> list[Report]:
        if not self._slots:
            # Nothing to wait on (no batch yet, or all shut down): wait as asked, so a
            # caller polling in a loop does not spin.
            time.sleep(timeout)
            return []
        by_conn = {slot.outbox: slot for slot in self._slots if not slot.ended}
        by_sentinel = {slot.process.sentinel: slot for slot in self._slots}
        reports: list[Report] = []
        for ready in wait([*by_conn, *by_sentinel], timeout):
            if ready in by_conn:
                self._drain(by_conn[ready], reports)
        for slot in by_sentinel.values():
            if slot in self._slots and not slot.process.is_alive():
                self._drain(slot, reports)
                self._bury(slot, reports)
        return reports

    def _drain(self, slot: _Slot, reports: list[Report]) -> None:
        try:
            while slot.outbox.poll():
                self._receive(slot, slot.outbox.recv(), reports)
        except (EOFError, OSError):
            # A closed outbox stays readable: waiting on it again would spin until the
            # process is gone.
            slot.ended = True

    def _receive(self, slot: _Slot, message: object, reports: list[Report]) -> None:
        if isinstance(message, Began):
            slot.current = message.rel
            slot.partial = 0
        elif isinstance(message, Partial):
            slot.partial = message.bytes
        elif isinstance(message, Results):
            slot.partial = 0
            slot.productive = True
            done = slot.finished.get(message.batch_id)
            if done is not None:
                done.update(o.rel for o in message.outcomes)
            if message.complete:
                batch = slot.outstanding.pop(message.batch_id, None)
                done = slot.finished.pop(message.batch_id, set())
                missing = tuple(t for t in batch.tasks if t.rel not in done) if batch else ()
                if missing:
                    reports.extend((message, Unfinished(missing)))
                    return
        elif isinstance(message, Fatal):
            raise EngineError(
                "a worker could not start its stages", hint=message.text.strip().splitlines()[-1]
            )
        reports.append(message)  # type: ignore[arg-type]

    def _bury(self, slot: _Slot, reports: list[Report]) -> None:
        slot.process.join(timeout=1)
        self._slots.remove(slot)
        slot.inbox.close()
        slot.outbox.close()
        unfinished = [
            task
            for batch_id, batch in slot.outstanding.items()
            for task in batch.tasks
            if task.rel not in slot.finished.get(batch_id, set())
        ]
        if slot.stopping and not unfinished:
            return
        pid, code = slot.process.pid or 0, slot.process.exitcode
        in_hand = self._in_hand(slot)
        if in_hand is not None:
            assert self._args is not None
            remove_strays((self._args[0].target / in_hand.rel).parent, slot.tag)
        reports.append(
            WorkerLost(
                pid,
                code,
                () if in_hand is None else (in_hand,),
                tuple(task for task in unfinished if task is not in_hand),
            )
        )
        if self._closing or self._control.cancelled:
            return
        if not slot.productive and code != TIMEOUT_EXIT:
            self._deaths += 1
            if self._deaths > MAX_EARLY_DEATHS * self._size:
                raise EngineError(
                    "worker processes keep dying before finishing any file",
                    hint=death_reason(pid, code),
                )
        if len(self._active()) < self._size:
            self._spawn()

    @staticmethod
    def _in_hand(slot: _Slot) -> FileTask | None:
        """The task the worker was on when it died, from the position it kept in shared
        memory (its last outcomes may never have been sent, so they cannot tell)."""
        batch = slot.outstanding.get(int(slot.position[BATCH]))
        index = int(slot.position[INDEX])
        if batch is None or not 0 <= index < len(batch.tasks):
            return None
        return batch.tasks[index]

    def _send_stop(self, slot: _Slot) -> None:
        with contextlib.suppress(OSError):
            slot.inbox.send(STOP)

    def shutdown(self, grace_s: float) -> list[Report]:
        reports: list[Report] = []
        self._closing = True
        for slot in self._slots:
            if not slot.stopping:
                slot.stopping = True
                self._send_stop(slot)
        deadline = time.monotonic() + grace_s
        while self._slots and time.monotonic() < deadline:
            reports += self.poll(timeout=min(0.1, max(0.0, deadline - time.monotonic())))
        for slot in self._slots:
            slot.process.terminate()
        deadline = time.monotonic() + 2
        while self._slots and time.monotonic() < deadline:
            reports += self.poll(timeout=0.1)
        for slot in list(self._slots):
            slot.process.kill()
            slot.process.join(timeout=2)
            self._drain(slot, reports)
            self._bury(slot, reports)
        return reports
