"""Running a job as a library: a handle to watch, pause, resume, resize and cancel it."""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from engine.errors import EngineError, JobError
from engine.events import Event, JobFinished, JobStarted, Progress, Summary, WorkerStatus, to_json
from engine.executor import Executor
from engine.history import record_quietly
from engine.job import Job
from engine.pipeline import Pipeline
from engine.registry import Control, Registration, Watch, ahead_of, new_entry, status_of

WATCH_BACKLOG = 10_000
"""Events held for a watcher that falls behind (`engine attach` stopped or slow); past
that, its events are dropped rather than slowing the job."""


class JobHandle:
    """A job running on its own coordinating thread.

    Events go to `on_event` (called on the coordinating thread) or, without one, to the
    iterator `events()`. `wait()` returns the summary or raises the job's EngineError.
    """

    def __init__(
        self,
        job: Job,
        on_event: Callable[[Event], None] | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.job = job.validated()
        self._events: queue.SimpleQueue[Event | None] = queue.SimpleQueue()
        self._on_event = on_event
        self._pipeline = Pipeline(self.job, self._deliver, executor)
        self._summary: Summary | None = None
        self._error: BaseException | None = None
        self._finished = threading.Event()
        self._progress: Progress | None = None
        self._latest: dict[type, Event] = {}
        """The last JobStarted, Progress and WorkerStatus: what a new watcher sees first."""
        self._watchers: list[queue.Queue[Event | None]] = []
        self._watchers_lock = threading.Lock()
        self._paused = False
        self._queued = False
        self._workers = self.job.workers
        self._registration = _register(self.job, self._control, self.watch)
        self._thread = threading.Thread(target=self._run, name="conveyor-job", daemon=True)
        self._thread.start()

    def _deliver(self, event: Event) -> None:
        if isinstance(event, Progress):
            self._progress = event
        with self._watchers_lock:
            if isinstance(event, JobStarted | Progress | WorkerStatus):
                self._latest[type(event)] = event
            for watcher in self._watchers:
                _offer(watcher, event)
        if self._on_event is not None:
            self._on_event(event)
        else:
            self._events.put(event)

    def _run(self) -> None:
        started = time.time()
        try:
            self._summary = self._wait_turn() or self._pipeline.run()
        except BaseException as exc:
            self._error = exc
        finally:
            if self._summary is not None or isinstance(self._error, EngineError):
                stopped = "" if self._error is None else str(self._error)
                record_quietly(self.job, started, self._summary, stopped)
            with self._watchers_lock:
                for watcher in self._watchers:
                    _offer(watcher, None)
            if self._registration is not None:
                self._registration.close()
            self._finished.set()
            self._events.put(None)

    def _wait_turn(self) -> Summary | None:
        """With `queue`: wait until the jobs registered before this one onto the same disk
        have ended (a job that could not register waits for none); the summary of a job
        cancelled meanwhile."""
        registration = self._registration
        if not self.job.queue or registration is None:
            return None

        def ahead() -> str | None:
            other = ahead_of(registration.entry)
            if other is None:
                return None
            return (
                f"queued: waiting for job {other.id} (PID {other.pid}) writing to "
                f"'{other.target}' on the same disk"
            )

        self._queued = True
        try:
            return self._pipeline.wait_turn(ahead)
        finally:
            self._queued = False

    def events(self, poll_s: float = 0.2) -> Iterator[Event]:
        """Yield events until the job ends; wakes every `poll_s` so Ctrl-C gets through."""
        while True:
            try:
                event = self._events.get(timeout=poll_s)
            except queue.Empty:
                continue
            if event is None:
                return
            yield event
            if isinstance(event, JobFinished):
                return

    def pause(self) -> None:
        self._paused = True
        self._pipeline.pause()

    def resume(self) -> None:
        self._paused = False
        self._pipeline.resume()

    def cancel(self) -> None:
        self._pipeline.cancel()

    def set_workers(self, size: int) -> None:
        """Grow or shrink the pool while the job runs."""
        self._workers = size
        self._pipeline.set_workers(size)

    def set_bwlimit(self, bytes_per_s: int | None) -> None:
        """Change the speed limit of each worker while the job runs (None or 0: no limit);
        JobError for a rate `--bwlimit` would refuse. Workers keep to it from their next
        chunk."""
        self._pipeline.set_bwlimit(bytes_per_s or 0)

    def watch(self) -> Iterator[dict[str, Any]]:
        """The job's events from now on, as `to_json` gives them, until it ends: first its
        start, latest progress and pool, then each event as it comes. Called on the thread
        serving a watcher (`engine attach`); closing the generator ends the watch."""
        inbox: queue.Queue[Event | None] = queue.Queue(WATCH_BACKLOG)
        with self._watchers_lock:
            if self._finished.is_set():
                return
            for kind in (JobStarted, Progress, WorkerStatus):
                if kind in self._latest:
                    inbox.put(self._latest[kind])
            self._watchers.append(inbox)
        try:
            while (event := inbox.get()) is not None:
                yield to_json(event)
                if isinstance(event, JobFinished):
                    return
        finally:
            with self._watchers_lock:
                self._watchers.remove(inbox)

    def _control(self, request: dict[str, Any]) -> dict[str, Any]:
        """Answer a request from another process of this user (`engine.registry`)."""
        op = request.get("op")
        if op == "status":
            return status_of(
                self._progress, paused=self._paused, queued=self._queued, workers=self._workers
            )
        if op == "pause":
            self.pause()
        elif op == "resume":
            self.resume()
        elif op == "cancel":
            self.cancel()
        elif op == "workers" and isinstance(request.get("n"), int) and request["n"] >= 1:
            self.set_workers(request["n"])
        elif op == "bwlimit" and type(request.get("rate")) is int:
            try:
                self.set_bwlimit(request["rate"])
            except JobError as exc:
                return {"error": str(exc)}
        else:
            return {"error": f"unknown request {op!r}"}
        return {"ok": True}

    @property
    def running(self) -> bool:
        return not self._finished.is_set()

    def wait(self, timeout: float | None = None) -> Summary:
        """The summary once the job ends (an Event, not Thread.join, which a Ctrl-C can
        leave believing a running thread has stopped)."""
        if not self._finished.wait(timeout):
            raise TimeoutError(f"the job did not finish within {timeout} s")
        if self._error is not None:
            if isinstance(self._error, EngineError):
                raise self._error
            raise EngineError(
                f"the job stopped on an internal error: {self._error!r}"
            ) from self._error
        assert self._summary is not None
        return self._summary


def _offer(watcher: queue.Queue[Event | None], event: Event | None) -> None:
    """Hand `event` to a watcher without ever waiting for it: one that has fallen far behind
    loses events, but never the end (its oldest are dropped to make room)."""
    try:
        watcher.put_nowait(event)
    except queue.Full:
        if event is None or isinstance(event, JobFinished):
            with contextlib.suppress(queue.Empty):
                watcher.get_nowait()
            watcher.put_nowait(event)


def _register(job: Job, control: Control, watch: Watch) -> Registration | None:
    """Make the job findable and steerable by its user's other processes; a job that cannot
    register (no runtime folder) runs all the same."""
    try:
        return Registration(new_entry(job.source, job.target, queue=job.queue), control, watch)
    except (OSError, JobError):
        return None


def start(job: Job, on_event: Callable[[Event], None] | None = None) -> JobHandle:
    """Validate `job` (raising JobError before anything is written) and start it."""
    return JobHandle(job, on_event)


def run(job: Job, on_event: Callable[[Event], None] | None = None) -> Summary:
    """Run `job` to the end, calling `on_event` for each event; return the summary."""
    handle = JobHandle(job, on_event or (lambda _event: None))
    return handle.wait()
