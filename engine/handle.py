"""Running a job as a library: a handle to watch, pause, resume, resize and cancel it."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from engine.errors import EngineError, JobError
from engine.events import Event, JobFinished, Progress, Summary
from engine.executor import Executor
from engine.history import record_quietly
from engine.job import Job
from engine.pipeline import Pipeline
from engine.registry import Registration, new_entry, status_of


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
        self._paused = False
        self._workers = self.job.workers
        self._registration = _register(self.job, self._control)
        self._thread = threading.Thread(target=self._run, name="conveyor-job", daemon=True)
        self._thread.start()

    def _deliver(self, event: Event) -> None:
        if isinstance(event, Progress):
            self._progress = event
        if self._on_event is not None:
            self._on_event(event)
        else:
            self._events.put(event)

    def _run(self) -> None:
        started = time.time()
        try:
            self._summary = self._pipeline.run()
        except BaseException as exc:
            self._error = exc
        finally:
            if self._summary is not None or isinstance(self._error, EngineError):
                stopped = "" if self._error is None else str(self._error)
                record_quietly(self.job, started, self._summary, stopped)
            if self._registration is not None:
                self._registration.close()
            self._finished.set()
            self._events.put(None)

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

    def _control(self, request: dict[str, Any]) -> dict[str, Any]:
        """Answer a request from another process of this user (`engine.registry`)."""
        op = request.get("op")
        if op == "status":
            return status_of(self._progress, self._paused, self._workers)
        if op == "pause":
            self.pause()
        elif op == "resume":
            self.resume()
        elif op == "cancel":
            self.cancel()
        elif op == "workers" and isinstance(request.get("n"), int) and request["n"] >= 1:
            self.set_workers(request["n"])
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


def _register(job: Job, control: Callable[[dict[str, Any]], dict[str, Any]]) -> Registration | None:
    """Make the job findable and steerable by its user's other processes; a job that cannot
    register (no runtime folder) runs all the same."""
    try:
        return Registration(new_entry(job.source, job.target), control)
    except (OSError, JobError):
        return None


def start(job: Job, on_event: Callable[[Event], None] | None = None) -> JobHandle:
    """Validate `job` (raising JobError before anything is written) and start it."""
    return JobHandle(job, on_event)


def run(job: Job, on_event: Callable[[Event], None] | None = None) -> Summary:
    """Run `job` to the end, calling `on_event` for each event; return the summary."""
    handle = JobHandle(job, on_event or (lambda _event: None))
    return handle.wait()
