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

The coordinator also keeps the time limit per file and watches for stuck workers: each
worker records in shared memory which file it is on and since when, so a worker that is
stopped (SIGSTOP), stuck in uninterruptible sleep on a dead network mount, or hung in a
command is seen from here. Past `--file-timeout` it is killed (or, if even SIGKILL cannot
end it, abandoned) and its queued batches go to the other workers; without a time limit,
a worker silent for `STALL_S` is reported as stuck, with the file it is on.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import multiprocessing
import os
import posixpath
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from engine.control import PAUSED, Control
from engine.errors import describe
from engine.events import WorkerInfo
from engine.executor.base import Executor, Report
from engine.executor.launch import EarlyWorkers, Launched, launch
from engine.executor.protocol import (
    CREDIT,
    Cause,
    Halt,
    Notice,
    TimedOut,
    Unfinished,
    WorkerLost,
    cause_of_exit,
)
from engine.folders import folder
from engine.records import Batch, FileTask
from engine.stages import StageSpec
from engine.temps import remove_strays_in
from engine.wakeup import Wakeup
from engine.worker.messages import STOP, Assignment, Began, Fatal, Partial, Results
from engine.worker.position import NOWHERE, SharedPosition
from engine.worker.runtime import overran
from engine.worker.settings import TransferSettings

MAX_EARLY_DEATHS = 3
"""Workers that die before finishing anything, per pool slot, before the job gives up."""
STALL_S = 30.0
"""A busy worker that sends nothing for this long is reported stuck. Working workers report
at least every second (bytes moved, or a heartbeat while a command runs), so this is a
worker blocked in the kernel (a dead network mount), stopped, or looping in native code."""
END_S = 2.0
"""How long a worker killed for its time limit may take to go before it is abandoned (a
process in uninterruptible sleep dies only when the kernel lets it)."""
UNSEEN_S = 2.0
"""A gap this long between two looks at the pool (made every `PROGRESS_EVERY_S` or sooner)
is time the job was stopped, not time its workers took."""


@dataclass
class _Slot:
    process: BaseProcess
    inbox: Connection
    outbox: Connection
    position: SharedPosition
    """Which file it is on, and since when, as it records it (see `engine.worker.position`)."""
    outstanding: dict[int, Batch] = field(default_factory=dict)
    finished: dict[int, set[str]] = field(default_factory=dict)
    current: str | None = None
    current_size: int = 0
    partial: int = 0
    tag: str = ""
    stopping: bool = False
    productive: bool = False
    ended: bool = False
    """Its outbox reached end-of-file: only the process sentinel is left to wait for."""
    heard: float = 0.0
    """When it last sent anything (monotonic)."""
    stuck_since: float | None = None
    """When it was reported stuck; None while it makes progress."""
    killed: float | None = None
    """When the coordinator killed it for its time limit."""


class LocalExecutor(Executor):
    def __init__(self, start_method: str = "spawn", early: EarlyWorkers | None = None) -> None:
        if start_method == "fork":
            raise ValueError("fork is unsafe in threaded hosts; use spawn or forkserver")
        self._ctx: BaseContext
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
        self._target: int | None = None
        self._reports: list[Report] = []
        """News made outside `poll` (a worker that cannot start), handed out by the next."""
        self._watched = time.monotonic()
        self._abandoned: list[BaseProcess] = []
        self.stall_s = STALL_S

    def start(
        self,
        settings: TransferSettings,
        stages: tuple[StageSpec, ...],
        size: int,
        target_root: int | None = None,
    ) -> None:
        self._args = (settings, stages)
        self._size = max(1, size)
        self._target = target_root
        self._control.set_bwlimit(settings.bwlimit)
        if self._early is not None:
            self._start_pool()

    def _start_pool(self) -> None:
        if not self._started:
            self._started = True
            for launched in self._early.take() if self._early else ():
                self._adopt(launched)
            self.resize(self._size)

    def _spawn(self) -> bool:
        """Start one more worker; False (with the reason reported) when the system refuses."""
        try:
            launched = launch(self._ctx, self._control, f"conveyor-worker-{next(self._ids)}")
        except OSError as exc:
            reason = f"cannot start a worker process: {_refusal(exc)}"
            if self._active():
                self._reports.append(Notice("warning", f"{reason}; going on with fewer"))
            else:
                self._reports.append(Halt(reason))
            return False
        self._adopt(launched)
        return True

    def _adopt(self, launched: Launched) -> None:
        assert self._args is not None
        slot = _Slot(
            launched.process,
            launched.inbox,
            launched.outbox,
            launched.position,
            tag=launched.tag,
        )
        slot.heard = time.monotonic()
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
        active = self._active()
        if not active:
            # No worker could be started: the batch comes back with the halt's reason.
            self._reports.append(Unfinished(batch.tasks))
            return
        slot = min(active, key=lambda s: len(s.outstanding))
        slot.outstanding[batch.id] = batch
        slot.finished[batch.id] = set()
        if len(slot.outstanding) == 1:
            slot.heard = time.monotonic()  # busy from now: silence counts from here
        # A worker that died (at start-up, say) cannot take it: its sentinel tells the next
        # poll, which hands its batches to the others.
        with contextlib.suppress(OSError):
            slot.inbox.send(batch)

    def idle(self) -> bool:
        return not any(slot.outstanding for slot in self._slots)

    def partial_bytes(self) -> int:
        return sum(slot.partial for slot in self._slots)

    def workers(self) -> tuple[WorkerInfo, ...]:
        now = time.monotonic()
        return tuple(
            WorkerInfo(
                slot.process.pid or 0,
                slot.current if slot.outstanding else None,
                stuck_s=0.0 if slot.stuck_since is None else round(now - slot.heard),
                file_size=slot.current_size if slot.outstanding else 0,
                file_done=slot.partial if slot.outstanding else 0,
                stopping=slot.stopping,
            )
            for slot in self._slots
        )

    def resize(self, size: int) -> None:
        self._size = max(1, size)
        if not self._started:
            return
        active = self._active()
        while len(active) < self._size:
            if not self._spawn():
                break
            active = self._active()
        for slot in sorted(active, key=lambda s: len(s.outstanding))[: len(active) - self._size]:
            slot.stopping = True
            self._send_stop(slot)

    def set_bwlimit(self, rate: int) -> None:
        self._control.set_bwlimit(rate)

    def pause(self) -> None:
        self._control.pause()

    def resume(self) -> None:
        self._control.resume()

    def cancel(self) -> None:
        self._control.cancel()

    def poll(self, timeout: float, wakeup: Wakeup | None = None) -> list[Report]:
        reports, self._reports = self._reports, []
        if not self._slots:
            # Nothing to wait on but the wakeup (no batch yet, or all shut down).
            if not reports:
                if wakeup is not None:
                    wakeup.wait(timeout)
                else:
                    time.sleep(timeout)
            return reports
        by_conn = {slot.outbox: slot for slot in self._slots if not slot.ended}
        by_sentinel = {slot.process.sentinel: slot for slot in self._slots}
        also = [] if wakeup is None else [wakeup.fileno()]
        for ready in wait([*by_conn, *by_sentinel, *also], 0 if reports else timeout):
            if isinstance(ready, Connection) and ready in by_conn:
                self._drain(by_conn[ready], reports)
        for slot in by_sentinel.values():
            if slot in self._slots and not slot.process.is_alive():
                self._drain(slot, reports)
                self._bury(slot, reports)
        self._watch(reports)
        return reports + self._reports_now()

    def _reports_now(self) -> list[Report]:
        reports, self._reports = self._reports, []
        return reports

    def _watch(self, reports: list[Report]) -> None:
        """Keep the time limit and look for stuck workers (see the module's docstring)."""
        now = time.monotonic()
        elapsed, self._watched = now - self._watched, now
        # A long gap between two looks means this process itself did not run: the whole job
        # was stopped (Ctrl-Z, SIGSTOP) or the machine slept. Like paused time, it does not
        # count against a file's time limit, or every file in hand would be over it.
        paused = self._control.state == PAUSED or elapsed > UNSEEN_S
        assert self._args is not None
        limit = self._args[0].file_timeout
        for slot in list(self._slots):
            if slot.killed is not None:
                if now - slot.killed > END_S:
                    self._abandon(slot, reports)
                continue
            if not slot.outstanding:
                continue
            position = slot.position
            if paused:
                # Paused time does not count: the file's start moves on with the clock.
                if position.index != NOWHERE:
                    position.started += elapsed
                slot.heard += elapsed
                continue
            if limit and (overran(position, now, limit) or now - slot.heard > limit):
                slot.killed = now
                with contextlib.suppress(OSError):
                    os.kill(slot.process.pid or 0, signal.SIGKILL)
            elif now - slot.heard > self.stall_s and slot.stuck_since is None:
                slot.stuck_since = now
                reports.append(self._stuck(slot, now))

    def _stuck(self, slot: _Slot, now: float) -> Notice:
        """The warning for a stuck worker, naming the file it is on (or, stuck between
        files, the next it holds)."""
        task = self._in_hand(slot) or _next_task(slot)
        pid = slot.process.pid or 0
        return Notice(
            "warning",
            f"worker process {pid} has made no progress for {now - slot.heard:.0f} s "
            f"({_process_state(pid)}); it is waited for (a --file-timeout would end it)",
            task.rel if task else "",
        )

    def _abandon(self, slot: _Slot, reports: list[Report]) -> None:
        """A worker SIGKILL could not end (uninterruptible sleep): report its work lost and
        go on without it; it ends when the kernel lets it, and is reaped at shutdown."""
        pid = slot.process.pid or 0
        reports.append(
            Notice(
                "error",
                f"worker process {pid} could not be ended ({_process_state(pid)}); "
                "it was abandoned and its files are handed to the other workers",
            )
        )
        _forget_child(slot.process)
        self._abandoned.append(slot.process)
        self._bury(slot, reports)

    def _drain(self, slot: _Slot, reports: list[Report]) -> None:
        try:
            while slot.outbox.poll():
                self._receive(slot, slot.outbox.recv(), reports)
        except (EOFError, OSError):
            # A closed outbox stays readable: waiting on it again would spin until the
            # process is gone.
            slot.ended = True

    def _receive(self, slot: _Slot, message: object, reports: list[Report]) -> None:
        slot.heard = time.monotonic()
        if slot.stuck_since is not None:
            slot.stuck_since = None
            reports.append(Notice("info", f"worker process {slot.process.pid} is moving again"))
        if isinstance(message, Began):
            batch = slot.outstanding.get(message.batch_id)
            if batch is not None:
                task = batch.tasks[message.index]
                slot.current, slot.current_size = task.rel, task.size
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
            text = f"{message.message} ({message.detail})" if message.detail else message.message
            reports.append(Halt(text))
            return
        reports.append(message)  # type: ignore[arg-type]

    def _bury(self, slot: _Slot, reports: list[Report]) -> None:
        if slot.process not in self._abandoned:
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
        pid = slot.process.pid or 0
        cause: Cause = (
            TimedOut() if slot.killed is not None else cause_of_exit(slot.process.exitcode)
        )
        in_hand = self._in_hand(slot)
        self._clean_up_after(slot, in_hand)
        lost = WorkerLost(
            pid,
            cause,
            () if in_hand is None else (in_hand,),
            tuple(task for task in unfinished if task is not in_hand),
        )
        reports.append(lost)
        if self._closing or self._control.cancelled:
            return
        if not slot.productive and not isinstance(cause, TimedOut):
            self._deaths += 1
            if self._deaths > MAX_EARLY_DEATHS * self._size:
                reports.append(
                    Halt(f"worker processes keep dying before finishing any file ({lost.reason})")
                )
                return
        if len(self._active()) < self._size:
            self._spawn()

    def _clean_up_after(self, slot: _Slot, in_hand: FileTask | None) -> None:
        """What a dead worker could not clean up itself: the temporary file it was writing
        and any command it had started (those run in sessions of their own)."""
        assert self._args is not None
        settings, stages = self._args
        if in_hand is not None and self._target is not None:
            with (
                contextlib.suppress(OSError),
                folder(self._target, posixpath.dirname(in_hand.rel)) as dfd,
            ):
                remove_strays_in(dfd, owner=settings.owner, tag=slot.tag)
        if any(spec.name == "exec" for spec in stages) and slot.process.pid:
            from engine.stages.exec import end_commands_of

            end_commands_of(slot.process.pid)

    @staticmethod
    def _in_hand(slot: _Slot) -> FileTask | None:
        """The task the worker was on when it died, from the position it kept in shared
        memory (its last outcomes may never have been sent, so they cannot tell)."""
        position = slot.position
        batch = slot.outstanding.get(position.batch)
        index = position.index
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
            if slot.process.is_alive():
                _forget_child(slot.process)
                self._abandoned.append(slot.process)
            self._drain(slot, reports)
            self._bury(slot, reports)
        for process in self._abandoned:
            process.join(timeout=0.1)  # reaped if it has gone meanwhile; never waited on
        return reports + self._reports_now()


def _next_task(slot: _Slot) -> FileTask | None:
    """The first file of its oldest batch that the worker has not reported."""
    for batch_id, batch in slot.outstanding.items():
        done = slot.finished.get(batch_id, set())
        for task in batch.tasks:
            if task.rel not in done:
                return task
    return None


def _refusal(exc: OSError) -> str:
    """Why the system refused a new process, and which limit to look at."""
    if exc.errno == errno.EMFILE:
        return "too many open files (this process's limit, see ulimit -n)"
    if exc.errno == errno.ENFILE:
        return "too many open files on the system"
    if exc.errno == errno.EAGAIN:
        return "the system refuses new processes (see ulimit -u, or the pids limit of a cgroup)"
    if exc.errno == errno.ENOMEM:
        return "not enough memory"
    return describe(exc)


def _process_state(pid: int) -> str:
    """A process's state as a user would want it named."""
    import psutil  # here: needed only for a stuck worker

    try:
        status = psutil.Process(pid).status()
    except psutil.Error:
        return "gone"
    return {
        psutil.STATUS_STOPPED: "stopped, as by SIGSTOP or Ctrl-Z",
        psutil.STATUS_TRACING_STOP: "stopped by a debugger",
        psutil.STATUS_DISK_SLEEP: "in uninterruptible sleep: waiting on a disk or network mount",
        psutil.STATUS_ZOMBIE: "ended",
        psutil.STATUS_RUNNING: "running",
    }.get(status, f"state: {status}")


def _forget_child(process: BaseProcess) -> None:
    """Keep multiprocessing from joining an unkillable process at exit (it would wait
    forever): it is left to end when it can and be reaped by whoever outlives it."""
    from multiprocessing import process as mp_process

    mp_process._children.discard(process)  # type: ignore[attr-defined]
