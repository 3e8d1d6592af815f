"""What runs inside Dask worker processes: the same Transfer as local workers, per job.

A Dask worker outlives any one job and may serve several at once, so everything here is
keyed by the job's token. The coordinator `prepare`s each worker before giving it work
(building the stage chain once, so a stage that cannot load fails the job at once, and
checking that the worker sees the source and target where the coordinator does), then
pins every batch to one worker. A batch runs through the same loop as on a local worker
(`runtime.run_batch`); progress goes back as Dask events (`messages`): which file of which
batch a worker has begun (so a worker that dies is blamed for exactly that file), bytes done
on big files, and a file that ran past the file timeout.

The coordinator cannot reach into a remote process, so each worker keeps the file time
limit itself, with the shared watchdog (`runtime.watch_time`) on its positions.

A worker opens the source and target folders once per job, by their paths, checks them
(the source lists the same names, the target holds the coordinator's probe file, both read
through the descriptors just opened) and from then on works relative to those descriptors,
as a local worker does.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from distributed import Worker

from engine.control import CANCELLED, PAUSED, RUNNING, Control
from engine.records import Batch, FileTask, Outcome
from engine.roots import open_root
from engine.stages import StageSpec, build
from engine.stages.base import run_worker_exit_hooks
from engine.worker import runtime
from engine.worker.inflight import TempFiles
from engine.worker.messages import Began, Event, Overrun, Partial, to_event
from engine.worker.pacing import Pacer
from engine.worker.position import NOWHERE, HeldPosition, Position
from engine.worker.settings import TransferSettings
from engine.worker.transfer import Transfer

TIMEOUT_EXIT = 124
"""The status a worker ends with when a file overran the time limit (as `timeout(1)` does);
only its nanny sees it: the coordinator learns why from the `Overrun` event before it."""
EVENT_FLUSH_S = 0.5
"""How long a worker that gives up on a file waits for its last event to leave."""

SAMPLE_NAMES = 32
"""Names of the source folder compared between coordinator and workers."""


def dask_setup(worker: Worker) -> None:
    """Preloaded into the workers of a cluster the engine starts for one job. Ctrl-C or
    SIGTERM sent to the whole job reaches them too; they leave it to the coordinator, which
    cancels, collects what they finished and then closes the cluster (were they to die at
    once, their finished batches' outcomes would go with them). They keep quiet."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logging.getLogger("distributed").setLevel(logging.ERROR)


def source_sample(source: Path | int) -> list[str]:
    """A few names of the source folder (a path or a descriptor), to tell the same folder
    from another at that path."""
    names = sorted(os.fsencode(name).hex() for name in os.listdir(source))
    return names[:SAMPLE_NAMES]


@dataclass
class _Job:
    token: str
    settings: TransferSettings
    specs: tuple[StageSpec, ...]
    tag: str
    topic: str
    control: Control
    worker: Worker
    source_root: int
    target_root: int | None
    local: threading.local = field(default_factory=threading.local)
    temps: list[TempFiles] = field(default_factory=list)
    positions: list[HeldPosition] = field(default_factory=list)
    threads: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def runner(self) -> tuple[Transfer, HeldPosition]:
        """This thread's Transfer (a worker may run tasks on several threads)."""
        found = getattr(self.local, "runner", None)
        if found is None:
            with self.lock:
                number = self.threads
                self.threads += 1
            temps, position = TempFiles(), HeldPosition()
            pacer = Pacer(self.control, lambda n: self.send(Partial(position.batch, n)))
            stages = tuple(build(spec) for spec in self.specs)
            transfer = Transfer(
                self.settings,
                stages,
                self.control,
                temps,
                pacer,
                f"{self.tag}{number:02x}",
                source_root=self.source_root,
                target_root=self.target_root,
            )
            with self.lock:
                self.temps.append(temps)
                self.positions.append(position)
            found = self.local.runner = (transfer, position)
        return found

    def send(self, message: Event) -> None:
        self.worker.log_event(self.topic, to_event(message))

    def watched(self) -> list[HeldPosition]:
        return list(self.positions)

    def current(self) -> bool:
        """Whether this is still the job its token names here (not forgotten)."""
        return _jobs.get(self.token) is self

    def give_up(self, position: Position) -> None:
        """End the worker process for a file that overran the time limit (see the module's
        docstring): its nanny starts a fresh one, and the coordinator fails the file."""
        self.send(Overrun(position.batch, position.index))
        time.sleep(EVENT_FLUSH_S)
        for temps in self.temps:
            with contextlib.suppress(Exception):
                temps.discard()
        run_worker_exit_hooks()
        os._exit(TIMEOUT_EXIT)


_jobs: dict[str, _Job] = {}
_jobs_lock = threading.Lock()


def prepare(
    token: str,
    settings: TransferSettings,
    specs: tuple[StageSpec, ...],
    state: int,
    sample: list[str],
    probe: str,
    dask_worker: Worker,
) -> dict[str, object]:
    """Make this worker ready for the job; report its pid, host, temp tag, or the problem.
    (Dask passes `dask_worker`, the worker this runs in, by that name.)"""
    with _jobs_lock:
        job = _jobs.get(token)
    if job is None:
        roots = _open_roots(settings, sample, probe, token)
        if isinstance(roots, str):
            return {"problem": roots}
        try:
            for spec in specs:
                build(spec)
        except BaseException:
            _close_roots(*roots)
            raise
        with _jobs_lock:
            job = _jobs.get(token)
            if job is None:
                control = Control(get_context("spawn"))
                control.set_bwlimit(settings.bwlimit)
                job = _jobs[token] = _Job(
                    token,
                    settings,
                    specs,
                    secrets.token_hex(3),
                    f"conveyor-{token}",
                    control,
                    dask_worker,
                    *roots,
                )
                if settings.file_timeout:
                    watchdog = threading.Thread(
                        target=runtime.watch_time,
                        args=(
                            control,
                            settings.file_timeout,
                            job.watched,
                            job.give_up,
                            job.current,
                        ),
                        daemon=True,
                    )
                    watchdog.start()
            else:
                _close_roots(*roots)
    set_state(token, state)
    return {"pid": os.getpid(), "host": socket.gethostname(), "tag": job.tag, "problem": None}


def _open_roots(
    settings: TransferSettings, sample: list[str], probe: str, token: str
) -> tuple[int, int | None] | str:
    """The job's folders opened by their paths and checked through the descriptors (so
    what is checked is what is used); a sentence saying what is wrong otherwise."""
    source, target = settings.source, settings.target
    try:
        source_fd = open_root(source)
    except OSError:
        return f"does not see the source folder '{source}'"
    try:
        if source_sample(source_fd) != sample:
            os.close(source_fd)
            return f"sees a different folder at the source path '{source}'"
    except OSError as exc:
        os.close(source_fd)
        return f"cannot list the source folder '{source}' ({exc.strerror})"
    if not probe:
        try:
            return source_fd, open_root(target)
        except OSError:
            return source_fd, None  # a dry run into a folder not made yet
    problem = ""
    target_fd = None
    try:
        target_fd = open_root(target)
        fd = os.open(probe, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=target_fd)
        with os.fdopen(fd) as seen:
            if seen.read() != token:
                problem = f"sees a different folder at the target path '{target}'"
    except OSError:
        problem = f"does not see the target folder '{target}' as this computer does"
    if not problem and not os.access(target, os.W_OK | os.X_OK):
        problem = f"cannot write into the target folder '{target}'"
    if problem:
        _close_roots(source_fd, target_fd)
        return problem
    return source_fd, target_fd


def _close_roots(source: int, target: int | None) -> None:
    os.close(source)
    if target is not None:
        os.close(target)


def set_state(token: str, state: int) -> None:
    """Pause, resume or cancel this job's work on this worker (run outside the task queue)."""
    job = _jobs.get(token)
    if job is None:
        return
    if state == CANCELLED:
        job.control.cancel()
    elif state == PAUSED:
        job.control.pause()
    elif state == RUNNING:
        job.control.resume()


def set_bwlimit(token: str, rate: int) -> None:
    """Change this job's speed limit on this worker (0: none); its threads pace by it from
    their next chunk."""
    job = _jobs.get(token)
    if job is not None:
        job.control.set_bwlimit(rate)


def forget(token: str) -> None:
    """The job is over: drop its state so a long-lived worker does not accumulate jobs."""
    with _jobs_lock:
        job = _jobs.pop(token, None)
    if job is not None:
        for temps in job.temps:
            temps.discard()
        if all(position.index == NOWHERE for position in job.positions):
            # Kept open (a small leak) while a thread may still be on a file: a closed
            # descriptor's number could come back as another folder's.
            _close_roots(job.source_root, job.target_root)


def run_batch(token: str, batch: Batch) -> tuple[Outcome, ...]:
    """Run the batch's files in order; stop early, returning what is done, on a cancel."""
    job = _jobs[token]
    transfer, position = job.runner()
    outcomes: list[Outcome] = []

    def began(index: int, _task: FileTask, _now: float) -> None:
        job.send(Began(batch.id, index))

    runtime.run_batch(batch, transfer, job.control, position, began, outcomes.append)
    return tuple(outcomes)
