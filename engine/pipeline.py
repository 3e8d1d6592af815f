"""The pipeline: one job from scan to summary, run on the coordinating thread.

    source tree
        |  Scanner (thread): walks, creates target folders, batches small files
        v
    bounded queue of Batch | Outcome
        |  Pipeline loop: hands batches to the executor while it has credit
        v
    Executor: N worker processes, each with its own inbox and outbox pipe
        |  workers stream each file through the stage chain into a temp file, rename it
        v
    Results / Began / Partial / WorkerLost
        |  Collector: counts, failures, stage notes; progress coalesced to ~10/s
        v
    events -> on_event callback -> CLI display, JSON Lines, the app's bridge

When everything is done the pipeline restores folder times and modes (deepest first, since
writing into a folder changes its mtime) and lets stages write job-level artifacts.

The source and target folders are opened once, before anything else (`engine.roots`), and
everything after works relative to those descriptors: the scanner, the workers (which check
that they open the same folders), the hard-link pass, folder restoration and clean-up. A
root whose path stops leading to the held folder stops the job.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from engine.collector import Collector
from engine.collisions import check_outputs
from engine.control import CANCELLED, PAUSED, RUNNING
from engine.errors import EngineError, JobError, describe
from engine.events import Event, JobFinished, JobStarted, LogMessage, Summary
from engine.executor.backends import executor_for
from engine.executor.base import Executor
from engine.executor.protocol import Halt, Notice, TimedOut, Unfinished, WorkerLost
from engine.hardlinks import HardLinks
from engine.job import Job, max_workers
from engine.records import Batch, FileTask, Outcome, Status
from engine.roots import Roots
from engine.scan import (
    DirEntry,
    QuickCheck,
    ScanDone,
    ScanItem,
    Scanner,
    UpToDate,
    batch_bytes_for,
)
from engine.stages import Stage
from engine.worker.folders import folder
from engine.worker.messages import Results
from engine.worker.settings import TransferSettings
from engine.worker.temps import process_token

SCAN_AHEAD_BATCHES = 256
CANCEL_GRACE_S = 5.0
ROOTS_CHECK_S = 0.5
"""How often the roots' paths are checked against the held folders while the job runs."""


class Pipeline:
    def __init__(
        self,
        job: Job,
        emit: Callable[[Event], None],
        executor: Executor | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.job = job
        self.emit = emit
        self.executor = executor or executor_for(job)
        self.stages = job.build_stages()
        self.collector = Collector(emit, clock, keep_records=any(s.finishes for s in self.stages))
        self._owner = process_token()
        """This job in its temporary files' names (see `engine.temps`)."""
        self._links = (
            HardLinks(self.stages, job.if_exists, job.dry_run, self._owner)
            if job.hard_links
            else None
        )
        self._roots: Roots | None = None
        self._roots_checked = 0.0
        self._scanner: Scanner | None = None
        self._state = RUNNING
        self._resize_to: int | None = None
        self._lock = threading.Lock()
        self._scan_outcomes = 0
        # Tasks a dead worker never started, sent again before new work.
        self._retry: deque[Batch] = deque()
        self._retry_ids = itertools.count(-1, -1)
        self._tries: dict[str, int] = {}
        self._halt = ""
        """Why the job stopped taking new work (a full target, a replaced root), or empty."""

    def pause(self) -> None:
        with self._lock:
            if self._state == RUNNING:
                self._state = PAUSED
                self.executor.pause()

    def resume(self) -> None:
        with self._lock:
            if self._state == PAUSED:
                self._state = RUNNING
                self.executor.resume()

    def cancel(self) -> None:
        with self._lock:
            self._state = CANCELLED
            self.executor.cancel()

    def set_workers(self, size: int) -> None:
        """Resize the pool, within the bound the job itself was checked against."""
        self._resize_to = min(max(1, size), max_workers(self.job.backend, self.job.scheduler))

    def run(self) -> Summary:
        try:
            return self._run()
        finally:
            if self._roots is not None:
                self._roots.close()  # which releases the target's lock

    def _run(self) -> Summary:
        job = self.job
        stages = self.stages
        try:
            roots = self._roots = Roots(job.source, job.target)
        except OSError as exc:
            raise JobError(f"cannot open the source or target folder: {describe(exc)}") from None
        created = False
        if not job.dry_run:
            try:
                created = roots.create_target()
            except OSError as exc:
                raise JobError(
                    f"cannot create target folder '{job.target}': {describe(exc)}"
                ) from None
            self._lock_target(roots)
        try:
            check_outputs(job, stages, roots)
        except JobError:
            self._unmake(created)
            raise
        self.emit(
            JobStarted(
                str(job.source),
                str(job.target),
                job.workers,
                tuple(s.name for s in stages),
                job.dry_run,
            )
        )
        for stage in stages:
            for warning in stage.warnings():
                self.emit(LogMessage("warning", warning))
        items: queue.Queue[ScanItem] = queue.Queue(maxsize=SCAN_AHEAD_BATCHES)
        stop_scan = threading.Event()
        scanner = self._scanner = Scanner(
            roots.source,
            roots.target,
            job.path_filter,
            follow_symlinks=job.follow_symlinks,
            create_dirs=not job.dry_run,
            out=items,
            stop=stop_scan,
            hard_links=self._links,
            quick=QuickCheck.for_job(stages, job.if_exists),
            batch_bytes=batch_bytes_for(stages),
            owner=self._owner,
        )
        scan_errors: list[BaseException] = []

        def scan() -> None:
            try:
                scanner.run()
            except BaseException as exc:
                scan_errors.append(exc)

        scan_thread = threading.Thread(target=scan, name="conveyor-scanner", daemon=True)
        settings = TransferSettings(
            job.source,
            job.target,
            job.if_exists,
            job.verify,
            job.dry_run,
            job.bwlimit,
            retries=job.retries,
            fsync=job.fsync,
            file_timeout=job.file_timeout,
            follow_symlinks=job.follow_symlinks,
            source_id=roots.source_id,
            target_id=roots.target_id,
            owner=self._owner,
        )
        try:
            self.executor.start(settings, job.stages, job.workers, roots.target)
        except BaseException:
            # Workers that cannot take the job (a Dask cluster that cannot see the folders)
            # stop it before anything is written: not even the target folder stays.
            self.executor.shutdown(0)
            self._unmake(created)
            raise
        scan_thread.start()
        try:
            self._loop(items, scanner, scan_thread)
        finally:
            stop_scan.set()
            for report in self.executor.shutdown(CANCEL_GRACE_S):
                self._handle(report)
            scan_thread.join(timeout=5)
        if scan_errors:
            exc = scan_errors[0]
            raise EngineError(f"scanning the source failed: {describe(exc)}") from exc
        cancelled = self._state == CANCELLED
        replaced = roots.replaced()
        if replaced:
            self._stop(replaced)
        if self._links is not None and not cancelled and not replaced:
            # After the workers (links point at their outputs), before stages' finish (their
            # records) and folder times (linking changes folder mtimes).
            self._links.apply(roots.target, self.collector.record)
        if not job.dry_run and roots.target is not None:
            if not replaced:
                self._finish_stages(stages, roots.target)
            self._restore_folders(roots.target, scanner.totals.directories)
            strays = scanner.totals.strays_removed
            if strays:
                message = f"removed {strays} unfinished temporary file(s) of an interrupted run"
                self.emit(LogMessage("info", message))
        self._progress(scanner, scanning=False, force=True)
        summary = self.collector.summary(cancelled=cancelled, dry_run=job.dry_run)
        self.emit(JobFinished(summary))
        return summary

    def _lock_target(self, roots: Roots) -> None:
        """Hold an exclusive lock on the target folder for the whole run: two jobs writing
        one target would race."""
        assert roots.target is not None
        try:
            fcntl.flock(roots.target, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise JobError(
                f"another job is writing into '{self.job.target}'; wait for it to finish"
            ) from None

    def _unmake(self, created: bool) -> None:
        """Remove the target folder this run made, before refusing the job: nothing stays."""
        if created and self._roots is not None:
            self._roots.close()
            with contextlib.suppress(OSError):
                os.rmdir(self.job.target)

    def _loop(
        self, items: queue.Queue[ScanItem], scanner: Scanner, scan_thread: threading.Thread
    ) -> None:
        scanning = True
        held: ScanItem | None = None
        """Taken from the scanner while waiting on it; handled first in the next round."""
        while self._state != CANCELLED:
            self._check_roots()
            if self._resize_to is not None:
                self.executor.resize(self._resize_to)
                self._resize_to = None
            while self._retry and self.executor.has_capacity() and not self._halt:
                self.executor.submit(self._retry.popleft())
            starved = False
            while scanning and (self._halt or self.executor.has_capacity()):
                if held is not None:
                    item, held = held, None
                else:
                    try:
                        item = items.get_nowait()
                    except queue.Empty:
                        starved = True
                        break
                if isinstance(item, Batch):
                    self._submit(item)
                elif isinstance(item, UpToDate):
                    for outcome in item.outcomes:
                        self._record(outcome)
                elif isinstance(item, Outcome):
                    self._scan_outcomes += 1
                    self.collector.record(item)
                    if item.status is Status.SKIPPED:
                        self.emit(LogMessage("warning", item.reason, item.rel))
                elif isinstance(item, ScanDone):
                    scanning = False
            if not scanning and not self._retry and self.executor.idle():
                return
            if scanning and held is None and not scan_thread.is_alive() and items.empty():
                scanning = False
                continue
            waiting_on_scan = starved and self.executor.idle()
            if waiting_on_scan:
                # Nothing is out with the workers (with a lazily started pool, there may be
                # none yet): the next news is the scanner's, so wait for it there.
                with contextlib.suppress(queue.Empty):
                    held = items.get(timeout=0.005)
            timeout = 0.0 if waiting_on_scan else 0.005 if starved else 0.05
            for report in self.executor.poll(timeout=timeout):
                self._handle(report)
            self._progress(scanner, scanning=not scanner.totals.complete)

    def _check_roots(self) -> None:
        """Stop the job once a root's path leads elsewhere than the folder it holds."""
        now = time.monotonic()
        if self._roots is None or now - self._roots_checked < ROOTS_CHECK_S or self._halt:
            return
        self._roots_checked = now
        problem = self._roots.replaced()
        if problem:
            self._stop(problem)

    def _submit(self, batch: Batch) -> None:
        if self._halt:
            self._not_copied(batch.tasks)
        else:
            self.executor.submit(batch)

    def _halt_on(self, outcome: Outcome) -> None:
        """A full target stops the job taking new work: every file still to come is reported
        not copied, so a re-run after freeing space picks up exactly those."""
        self._stop(
            outcome.reason,
            f"{outcome.reason}: stopped taking new work; run the job again once the "
            "target has room, to copy the rest",
        )

    def _stop(self, reason: str, message: str = "") -> None:
        """Take no new work: files in hand are abandoned, files still to come are reported
        `not copied: <reason>`, and the scanner creates no more folders."""
        if self._halt:
            return
        self._halt = reason
        self.emit(LogMessage("error", message or reason))
        if self._scanner is not None:
            self._scanner.create_dirs = False
        self.executor.cancel()
        while self._retry:
            self._not_copied(self._retry.popleft().tasks)

    def _not_copied(self, tasks: tuple[FileTask, ...]) -> None:
        for task in tasks:
            reason = f"not copied: {self._halt}"
            self.collector.record(Outcome(task.rel, Status.FAILED, task.size, reason))

    def _handle(self, report: object) -> None:
        if isinstance(report, Results):
            for outcome in report.outcomes:
                self._record(outcome)
        elif isinstance(report, Unfinished):
            if self._halt:
                self._not_copied(report.tasks)
        elif isinstance(report, WorkerLost):
            if self._halt:
                self._not_copied(report.in_hand + report.unstarted)
            elif self._state != CANCELLED:
                self._worker_lost(report)
        elif isinstance(report, Notice):
            self.emit(LogMessage(report.level, report.message, report.path))
        elif isinstance(report, Halt):
            self._stop(report.reason)

    def _record(self, outcome: Outcome) -> None:
        """A file's outcome, from a worker or settled by the scanner's quick check."""
        self.collector.record(outcome)
        if self._links is not None:
            self._links.observe(outcome)
        if outcome.halts_job and not self._halt:
            self._halt_on(outcome)

    def _worker_lost(self, report: WorkerLost) -> None:
        """Fail or retry the file a dead worker was on; send the rest it held elsewhere."""
        reason = report.reason
        timed_out = isinstance(report.cause, TimedOut)
        for task in report.in_hand:
            tries = self._tries[task.rel] = self._tries.get(task.rel, 0) + 1
            if timed_out:
                limit = f"{self.job.file_timeout:g} s"
                self.collector.record(
                    Outcome(
                        task.rel, Status.FAILED, task.size, f"took longer than {limit}; abandoned"
                    )
                )
            elif tries <= self.job.retries:
                self.emit(LogMessage("warning", f"{reason}; trying the file again", task.rel))
                self._retry.append(Batch(next(self._retry_ids), (task,)))
            else:
                self.emit(LogMessage("error", reason, task.rel))
                self.collector.record(Outcome(task.rel, Status.FAILED, task.size, reason))
        if not report.in_hand and not timed_out:
            self.emit(LogMessage("error", reason))
        if report.unstarted:
            self._retry.append(Batch(next(self._retry_ids), report.unstarted))

    def _progress(self, scanner: Scanner, *, scanning: bool, force: bool = False) -> None:
        self.collector.progress(
            files_total=scanner.totals.files + self._scan_outcomes,
            bytes_total=scanner.totals.bytes,
            partial=self.executor.partial_bytes(),
            scanning=scanning,
            paused=self._state == PAUSED,
            workers=self.executor.workers(),
            force=force,
        )

    def _restore_folders(self, target: int, directories: list[DirEntry]) -> None:
        for entry in reversed(directories):
            try:
                with folder(target, entry.rel) as fd:
                    os.chmod(fd, entry.mode & 0o7777)
                    os.utime(fd, ns=(entry.atime_ns, entry.mtime_ns))
            except FileNotFoundError:
                continue
            except OSError as exc:
                self.emit(
                    LogMessage(
                        "warning", f"cannot set folder time or mode: {describe(exc)}", entry.rel
                    )
                )

    def _finish_stages(self, stages: tuple[Stage, ...], target: int) -> None:
        # Stages get the held target as a path that leads to it whatever its name now is.
        where = Path(f"/proc/self/fd/{target}")
        for stage in stages:
            if not stage.finishes:
                continue
            try:
                stage.finish(where, self.collector.records)
            except OSError as exc:
                names = ", ".join(stage.artifacts()) or f"stage '{stage.name}'"
                reason = f"stage '{stage.name}' could not write {names}: {describe(exc)}"
                self.collector.record(Outcome(names, Status.FAILED, reason=reason))
