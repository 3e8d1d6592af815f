"""The Dask executor: the job's batches run on the workers of a Dask cluster.

The cluster is either one the user runs (`--scheduler tcp://host:8786`; source and target
must be on storage every worker sees at the same paths) or one started on this machine for
the job. Dask is used as a transport, not as a scheduler of its own: each batch is pinned
to one worker, with the same per-worker credit as the local pool, so the pipeline's
semantics hold unchanged. A batch whose worker is lost is not re-run by Dask; it comes
back as `WorkerLost`, blaming exactly the file the worker had begun, and the pipeline
retries or fails it as it does for a local worker.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import posixpath
import queue
import secrets
import socket
import time
from collections.abc import Callable
from concurrent.futures import CancelledError
from dataclasses import dataclass, field, replace
from typing import Any

from distributed import Client, Future, LocalCluster

from engine.control import CANCELLED, PAUSED, RUNNING
from engine.errors import EngineError, JobError
from engine.events import WorkerInfo
from engine.executor.base import Executor, Report
from engine.executor.protocol import TimedOut, Unfinished, Vanished, WorkerLost
from engine.folders import folder
from engine.records import Batch, FileTask
from engine.stages import StageSpec
from engine.system import cpu_count
from engine.temps import remove_strays_in, temp_name
from engine.wakeup import Wakeup
from engine.worker import dask as dask_worker
from engine.worker.messages import Began, Overrun, Partial, Results, from_event
from engine.worker.settings import TransferSettings

CONNECT_TIMEOUT_S = 10.0
WORKERS_TIMEOUT_S = 30.0
"""How long a job waits for a cluster that has no workers, at the start or later."""
CREDIT = 4
"""Batches in flight per worker thread: twice the local pool's, since a batch's round trip
through the scheduler takes milliseconds where a pipe takes microseconds."""
CONTROL_TIMEOUT_S = 2.0
"""How long the workers of a cluster that stays up get to forget a finished job."""
RESULT_WAIT_S = 0.5
"""How long one poll waits to fetch a finished batch's outcomes before trying again later."""
RPC_TIMEOUT_S = 10.0
"""The longest any one call to the cluster may take before the worker is given up on."""
REFRESH_EVERY_S = 1.0
"""How often the worker list is fetched from the scheduler (losses also arrive as events)."""
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", socket.gethostname()}


@dataclass
class _Slot:
    address: str
    pid: int
    host: str
    tag: str
    threads: int
    outstanding: dict[int, tuple[Batch, Future[Any]]] = field(default_factory=dict)
    began: dict[int, int] = field(default_factory=dict)
    """Per outstanding batch, the index of the file the worker last began."""
    timed_out: bool = False
    current: str | None = None
    current_size: int = 0
    partial: int = 0
    stopping: bool = False


class DaskExecutor(Executor):
    def __init__(self, scheduler: str = "") -> None:
        self._address = scheduler
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None
        self._token = secrets.token_hex(8)
        self._topic = f"conveyor-{self._token}"
        self._probe = ""
        self._wakeup: Wakeup | None = None
        self._target: int | None = None
        self._news: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._slots: dict[str, _Slot] = {}
        self._lost: list[str] = []
        self._holders: dict[int, _Slot] = {}
        """The slot each outstanding batch was sent to, for the per-file events."""
        self._closing = False
        self._refused: set[str] = set()
        self._args: tuple[TransferSettings, tuple[StageSpec, ...]] | None = None
        self._sample: list[str] = []
        self._keys = itertools.count()
        self._size = 1
        self._wanted = self._applied = RUNNING
        self._refreshed = 0.0
        self._no_workers_since: float | None = None

    @property
    def client(self) -> Client:
        assert self._client is not None, "start() first"
        return self._client

    def start(
        self,
        settings: TransferSettings,
        stages: tuple[StageSpec, ...],
        size: int,
        target_root: int | None = None,
    ) -> None:
        self._args = (settings, stages)
        self._size = size
        self._target = target_root
        # Named like a temporary file of this job: another job's clean-up leaves it alone
        # while this one runs, and removes it if this one is killed.
        self._probe = temp_name(settings.owner, f"probe{self._token}", 0)
        self._connect()
        self.client.subscribe_topic(self._topic, lambda event: self._tell("event", event))
        self.client.subscribe_topic("all", lambda event: self._tell("cluster", event))
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except TimeoutError:
            raise JobError(
                f"the Dask scheduler at {self._address} has no workers; "
                f"start some with: dask worker {self._address}"
            ) from None
        self._sample = dask_worker.source_sample(settings.source)
        if not settings.dry_run and target_root is not None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            fd = os.open(self._probe, flags, 0o644, dir_fd=target_root)
            with os.fdopen(fd, "w") as probe:
                probe.write(self._token)
        self._refresh(first=True)

    def _tell(self, kind: str, item: Any) -> None:
        """News from the client's thread: queued, and the coordinator's wait ended."""
        self._news.put((kind, item))
        if self._wakeup is not None:
            self._wakeup.poke()

    def _connect(self) -> None:
        if self._address:
            try:
                self._client = Client(
                    self._address, timeout=CONNECT_TIMEOUT_S, set_as_default=False
                )
            except (OSError, TimeoutError) as exc:
                raise JobError(
                    f"cannot reach the Dask scheduler at {self._address} ({exc}); "
                    "check the address, or leave --scheduler out to start a cluster here"
                ) from None
            return
        # A cluster of our own, on loopback, silent: its workers are this job's workers.
        logging.getLogger("distributed").setLevel(logging.ERROR)
        self._cluster = LocalCluster(
            n_workers=self._size or cpu_count(),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": False},
            worker_dashboard_address=None,
            preload=[dask_worker.__name__],
            # Dask's sampling profiler costs a copy job a quarter of its CPU; nobody reads it.
            config={"distributed.worker.profile.enabled": False},
        )
        self._address = self._cluster.scheduler_address
        self._client = Client(self._cluster, set_as_default=False)

    def _refresh(self, first: bool = False) -> None:
        """Take on workers that joined (after preparing them) and bury those that left."""
        self._refreshed = time.monotonic()
        info = self.client.scheduler_info()["workers"]
        for address in [a for a in self._slots if a not in info]:
            self._lost.append(address)
        joined = [a for a in info if a not in self._slots and a not in self._refused]
        if joined and not self._closing and self._wanted != CANCELLED:
            self._prepare(joined, {a: int(info[a].get("nthreads", 1)) for a in joined}, first)
        self._cap()

    def _prepare(self, addresses: list[str], threads: dict[str, int], first: bool) -> None:
        assert self._args is not None
        settings, stages = self._args
        probe = "" if settings.dry_run else self._probe
        try:
            answers = self.client.run(
                dask_worker.prepare,
                self._token,
                settings,
                stages,
                self._wanted,
                self._sample,
                probe,
                workers=addresses,
                on_error="return",
                callback_timeout=RPC_TIMEOUT_S,
            )
        except (OSError, TimeoutError):
            return
        for address, answer in answers.items():
            if isinstance(answer, BaseException):
                self._refused.add(address)
                if isinstance(answer, ImportError | AttributeError):
                    raise JobError(
                        f"Dask worker {address} cannot run Conveyor ({answer}); "
                        "install the same Conveyor version on every worker"
                    )
                raise EngineError(
                    "a worker could not start its stages", hint=f"{type(answer).__name__}: {answer}"
                )
            if answer["problem"]:
                self._refused.add(address)
                message = (
                    f"Dask worker {address} {answer['problem']}; source and target must be "
                    "on storage every worker sees at the same paths"
                )
                if first or not self._slots:
                    raise JobError(message)
                continue
            host = str(answer["host"])
            self._slots[address] = _Slot(
                address,
                int(answer["pid"]),
                "" if _is_local(address, host) else host,
                str(answer["tag"]),
                max(1, threads.get(address, 1)),
            )

    def _active(self) -> list[_Slot]:
        return [slot for slot in self._slots.values() if not slot.stopping]

    def has_capacity(self) -> bool:
        return any(len(slot.outstanding) < CREDIT * slot.threads for slot in self._active())

    def submit(self, batch: Batch) -> None:
        slot = min(self._active(), key=lambda s: len(s.outstanding) / s.threads)
        future = self.client.submit(
            dask_worker.run_batch,
            self._token,
            batch,
            key=f"conveyor-{self._token}-{next(self._keys)}",
            workers=[slot.address],
            allow_other_workers=False,
            pure=False,
        )
        slot.outstanding[batch.id] = (batch, future)
        self._holders[batch.id] = slot
        address, batch_id = slot.address, batch.id
        future.add_done_callback(lambda _f: self._tell("done", (address, batch_id)))

    def idle(self) -> bool:
        return not any(slot.outstanding for slot in self._slots.values())

    def partial_bytes(self) -> int:
        return sum(slot.partial for slot in self._slots.values())

    def workers(self) -> tuple[WorkerInfo, ...]:
        return tuple(
            WorkerInfo(
                slot.pid,
                slot.current if slot.outstanding else None,
                slot.host,
                file_size=slot.current_size if slot.outstanding else 0,
                file_done=slot.partial if slot.outstanding else 0,
                stopping=slot.stopping,
            )
            for slot in sorted(self._active(), key=lambda s: s.address)
        )

    def resize(self, size: int) -> None:
        """Use at most `size` of the cluster's workers (0: all), growing a cluster of our
        own to match. Surplus workers finish their batches and get no more (a Dask worker
        may serve others, so it is not ours to stop)."""
        self._size = size
        if self._cluster is not None and len(self._slots) < size:
            self._cluster.scale(size)
        self._cap()

    def _cap(self) -> None:
        slots = sorted(self._slots.values(), key=lambda s: s.address)
        for index, slot in enumerate(slots):
            slot.stopping = 0 < self._size <= index

    def set_bwlimit(self, rate: int) -> None:
        """Tell every worker the new limit without waiting for their answers, as for pause;
        a worker that joins later gets it with the job's settings."""
        assert self._args is not None
        settings, stages = self._args
        self._args = (replace(settings, bwlimit=rate), stages)
        self._tell_workers(dask_worker.set_bwlimit, rate)

    def pause(self) -> None:
        if self._wanted == RUNNING:
            self._wanted = PAUSED

    def resume(self) -> None:
        if self._wanted == PAUSED:
            self._wanted = RUNNING

    def cancel(self) -> None:
        self._wanted = CANCELLED

    def _apply_state(self) -> None:
        """Tell every worker the job's state, without waiting for their answers: pause or
        cancel must not hang on a worker that is going away (one that misses it has died,
        and a worker that joins later is told the state when it is prepared)."""
        wanted = self._wanted
        if wanted == self._applied:
            return
        self._applied = wanted
        self._tell_workers(dask_worker.set_state, wanted)

    def _tell_workers(self, setter: Callable[[str, int], None], value: int) -> None:
        """Run `setter(token, value)` on every worker of the job, without waiting."""
        loop = self.client.loop
        if self._slots and loop is not None:
            loop.add_callback(self._send, setter, value, list(self._slots))

    async def _send(
        self, setter: Callable[[str, int], None], value: int, workers: list[str]
    ) -> None:
        with contextlib.suppress(Exception):
            await self.client.run(
                setter, self._token, value, workers=workers, on_error="ignore", asynchronous=True
            )

    def poll(self, timeout: float, wakeup: Wakeup | None = None) -> list[Report]:
        if self._client is None:
            return []
        if wakeup is not None:
            self._wakeup = wakeup
        self._apply_state()
        reports: list[Report] = []
        news: list[tuple[str, Any]] = []
        try:
            if self._news.empty() and wakeup is not None:
                wakeup.wait(timeout)  # the client's callbacks poke it along with their news
                news.append(self._news.get_nowait())
            else:
                news.append(self._news.get(timeout=timeout))
            while True:
                news.append(self._news.get_nowait())
        except queue.Empty:
            pass
        done: list[tuple[str, int]] = []
        for kind, item in news:
            if kind == "event":
                self._on_event(item[1])
            elif kind == "cluster":
                message = item[1]
                if isinstance(message, dict) and message.get("action") == "remove-worker":
                    self._lost.append(str(message.get("worker")))
            elif kind == "done":
                done.append(item)
        self._collect(done, reports)
        if time.monotonic() - self._refreshed >= REFRESH_EVERY_S or self._lost:
            with contextlib.suppress(OSError):
                self._refresh()
        while self._lost:
            address = self._lost.pop()
            if address in self._slots:
                self._bury(self._slots.pop(address), reports)
        self._check_workers_exist()
        return reports

    def _on_event(self, event: Any) -> None:
        message = from_event(event)
        slot = None if message is None else self._holders.get(message.batch_id)
        if slot is None:
            return  # a late word about a batch already settled
        if isinstance(message, Began):
            slot.began[message.batch_id] = message.index
            task = slot.outstanding[message.batch_id][0].tasks[message.index]
            slot.current, slot.current_size = task.rel, task.size
            slot.partial = 0
        elif isinstance(message, Partial):
            slot.partial = message.bytes
        elif isinstance(message, Overrun):
            slot.timed_out = True

    def _collect(self, done: list[tuple[str, int]], reports: list[Report]) -> None:
        finished: list[tuple[_Slot, Batch, Future[Any]]] = []
        for address, batch_id in done:
            slot = self._slots.get(address)
            held = slot.outstanding.get(batch_id) if slot else None
            if slot is None or held is None or held[1].status not in ("finished", "error"):
                continue
            finished.append((slot, *held))
        if not finished:
            return
        for slot, batch, future in finished:
            if future.status == "error":
                exc = future.exception()
                raise EngineError(
                    "a Dask worker failed while running files", hint=f"{type(exc).__name__}: {exc}"
                )
            try:
                outcomes = future.result(timeout=RESULT_WAIT_S)
            except TimeoutError:
                # Slow, or gone with the results: ask again on the next poll, by which time
                # a lost worker has been buried and its batch reported with it.
                self._news.put(("done", (slot.address, batch.id)))
                continue
            except (OSError, CancelledError):
                continue
            del slot.outstanding[batch.id]
            del self._holders[batch.id]
            slot.began.pop(batch.id, None)
            slot.partial = 0
            reports.append(Results(batch.id, outcomes, True))
            if len(outcomes) < len(batch.tasks):
                reports.append(Unfinished(batch.tasks[len(outcomes) :]))

    def _bury(self, slot: _Slot, reports: list[Report]) -> None:
        """The worker is gone: report the file it was on and requeue the rest.

        A worker runs its batches in the order they were sent, one per thread, so the oldest
        are the ones it was running: on the file it last said it began, or on their first
        file if no word came (a worker killed within milliseconds of starting a file may
        not have sent it). Files before that were done, but their outcomes went down with
        the worker; they are sent again and found up to date like any other file, as are
        the files of batches it had finished."""
        in_hand: list[FileTask] = []
        unstarted: list[FileTask] = []
        running = 0
        # Batches run in the order they were sent, `threads` at a time: those sent well
        # before the last one a file was begun in were finished, their word not yet here.
        begun = [n for n, batch_id in enumerate(slot.outstanding) if batch_id in slot.began]
        done_before = max(begun) - (slot.threads - 1) if begun else 0
        for position, (batch_id, (batch, future)) in enumerate(slot.outstanding.items()):
            finished = future.status == "finished" or position < done_before
            future.cancel()
            del self._holders[batch_id]
            if finished:
                # Done before the worker went, its outcomes not fetched yet and now gone
                # with it: sent again, found up to date, and never blamed for the loss.
                unstarted += batch.tasks
                continue
            index = slot.began.get(batch_id, 0 if running < slot.threads else None)
            running += 1
            if index is None:
                unstarted += batch.tasks
                continue
            in_hand.append(batch.tasks[index])
            unstarted += batch.tasks[:index] + batch.tasks[index + 1 :]
        if not in_hand and not unstarted and slot.stopping:
            return
        assert self._args is not None
        for task in in_hand:
            if self._target is None:
                break
            with (
                contextlib.suppress(OSError),
                folder(self._target, posixpath.dirname(task.rel)) as dfd,
            ):
                remove_strays_in(dfd, owner=self._args[0].owner, tag=slot.tag)
        cause = TimedOut() if slot.timed_out else Vanished(slot.address, slot.host)
        reports.append(WorkerLost(slot.pid, cause, tuple(in_hand), tuple(unstarted)))

    def _check_workers_exist(self) -> None:
        if self._active() or self._wanted == CANCELLED:
            self._no_workers_since = None
            return
        now = time.monotonic()
        if self._no_workers_since is None:
            self._no_workers_since = now
        elif now - self._no_workers_since > WORKERS_TIMEOUT_S:
            raise EngineError(
                f"the Dask cluster at {self._address} has had no workers for "
                f"{WORKERS_TIMEOUT_S:g} s",
                hint=f"start workers with: dask worker {self._address}",
            )

    def shutdown(self, grace_s: float) -> list[Report]:
        reports: list[Report] = []
        if self._client is None:
            return reports
        self._closing = True
        try:
            deadline = time.monotonic() + grace_s
            while not self.idle() and time.monotonic() < deadline:
                reports += self.poll(timeout=min(0.1, max(0.0, deadline - time.monotonic())))
            for slot in self._slots.values():
                for batch, future in slot.outstanding.values():
                    future.cancel()
                    reports.append(Unfinished(batch.tasks))
                slot.outstanding.clear()
            self._holders.clear()
            if self._cluster is None and self._slots:
                # Workers of a cluster that stays up drop the job's state; ours just end.
                with contextlib.suppress(Exception):
                    self.client.run(
                        dask_worker.forget,
                        self._token,
                        workers=list(self._slots),
                        on_error="ignore",
                        callback_timeout=CONTROL_TIMEOUT_S,
                    )
        finally:
            if self._target is not None and self._probe:
                with contextlib.suppress(OSError):
                    os.unlink(self._probe, dir_fd=self._target)
            self._close()
        return reports

    def _close(self) -> None:
        with contextlib.suppress(Exception):
            for topic in (self._topic, "all"):
                self.client.unsubscribe_topic(topic)
            self.client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
        self._client = None


def _is_local(address: str, host: str) -> bool:
    """Whether a worker's pid names a process on this machine."""
    name = address.split("://", 1)[-1].rsplit(":", 1)[0].strip("[]")
    return name in LOCAL_HOSTS or host in LOCAL_HOSTS
