"""The pipeline: one job from scan to summary, run on the coordinating thread.

    source tree
        |  engine/scan.py: Scanner (thread): walks, creates target folders, batches files
        v
    bounded queue of Batch | Outcome | UpToDate  (+ a poke of the wakeup pipe)
        |  Pipeline loop (here): hands batches to the executor while it has credit
        v
    engine/executor: N worker processes (engine/worker), each with its own two pipes
        |  workers stream each file through the stage chain into a temp file, rename it
        v
    Results / Began / Partial / WorkerLost / Notice / Halt
        |  engine/collector.py: counts, failures, stage notes; progress coalesced to ~10/s
        v
    engine/events.py -> on_event callback -> engine/cli, JSON Lines, gui/bridge.py

The loop waits in one place, `Executor.poll`, on the workers' pipes, their process sentinels
and a wakeup pipe (`engine.wakeup`) that the scanner and the front-end's calls poke: it
wakes on news, and otherwise only when progress is due.

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
import posixpath
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from engine.collector import PROGRESS_EVERY_S, Collector
from engine.collisions import check_outputs
from engine.control import CANCELLED, PAUSED, RUNNING
from engine.errors import EngineError, JobError, describe
from engine.events import Event, JobFinished, JobStarted, LogMessage, Summary
from engine.executor.backends import executor_for
from engine.executor.base import Executor
from engine.executor.protocol import Halt, Notice, TimedOut, Unfinished, WorkerLost
from engine.folders import folder, open_folder
from engine.hardlinks import HardLinks
from engine.job import Job, bwlimit_problem, max_workers, worker_values
from engine.mirror import Mirror
from engine.records import Batch, FileTask, Loss, Outcome, Status
from engine.roots import Identity, Roots, open_root
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
from engine.temps import PROBE_TAG, process_token, temp_name
from engine.wakeup import Wakeup
from engine.worker.backup import Backup
from engine.worker.messages import Results
from engine.worker.metadata import (
    HARD_LINKS,
    Keeper,
    probe_target,
    probe_time_step,
    time_rounding_warning,
)
from engine.worker.policy import modify_window_ns
from engine.worker.settings import TransferSettings

SCAN_AHEAD_BATCHES = 256
CANCEL_GRACE_S = 5.0
ROOTS_CHECK_S = 0.5
TURN_POLL_S = 0.5
"""How often a queued job looks whether the jobs ahead of it have ended."""
"""How often the roots' paths are checked against the held folders while the job runs."""


class StopCause(Enum):
    """Why a job stopped taking new work before its end."""

    TARGET_FULL = "target full"
    """No space, quota or file size left on the target: no further file can succeed."""
    ROOT_REPLACED = "root replaced"
    """The source or target folder was moved or swapped while the job ran."""
    POOL_BROKEN = "pool broken"
    """No worker can be started, or they keep dying before finishing anything."""


@dataclass(frozen=True)
class Stop:
    cause: StopCause
    reason: str
    """What every file not copied is reported with (`not copied: <reason>`)."""


class _Scan:
    """The scanner on its thread, its bounded queue, and how to stop it."""

    def __init__(self, scanner: Scanner, items: queue.Queue[ScanItem], stop: threading.Event):
        self.scanner = scanner
        self.items = items
        self._stop = stop
        self._errors: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, name="conveyor-scanner", daemon=True)

    def _run(self) -> None:
        try:
            self.scanner.run()
        except BaseException as exc:
            self._errors.append(exc)

    def start(self) -> None:
        self._thread.start()

    def alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def raise_error(self) -> None:
        if self._errors:
            exc = self._errors[0]
            raise EngineError(f"scanning the source failed: {describe(exc)}") from exc


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
        self._mirror = (
            Mirror(
                self.stages,
                job.path_filter,
                delete_excluded=job.delete_excluded,
                max_delete=job.max_delete,
                dry_run=job.dry_run,
                follow_symlinks=job.follow_symlinks,
                keep=_inside(job.backup_path, job.target),
            )
            if job.delete
            else None
        )
        self._links = (
            HardLinks(
                self.stages,
                job.if_exists,
                job.dry_run,
                self._owner,
                window_ns=modify_window_ns(job.modify_window),
            )
            if "hard-links" not in job.no_preserve and not job.move
            else None
        )
        self._roots: Roots | None = None
        self._roots_checked = 0.0
        self._scanner: Scanner | None = None
        self._wakeup = Wakeup()
        self._state = RUNNING
        self._resize_to: int | None = None
        self._bwlimit_to: int | None = None
        self._lock = threading.Lock()
        self._scan_outcomes = 0
        # Tasks a dead worker never started, sent again before new work.
        self._retry: deque[Batch] = deque()
        self._retry_ids = itertools.count(-1, -1)
        self._tries: dict[str, int] = {}
        self._halt: Stop | None = None
        """Why the job stopped taking new work, once it did."""
        self._backup: int | None = None
        """The backup folder, held from the start (`--backup-dir`)."""
        self._unheld: tuple[str, ...] = ()
        """What the target's file system cannot hold (`metadata.probe_target`)."""
        self._time_step_ns = 1
        """How finely the target keeps modification times (`metadata.probe_time_step`)."""

    def pause(self) -> None:
        with self._lock:
            if self._state == RUNNING:
                self._state = PAUSED
                self.executor.pause()
        self._wakeup.poke()

    def resume(self) -> None:
        with self._lock:
            if self._state == PAUSED:
                self._state = RUNNING
                self.executor.resume()
        self._wakeup.poke()

    def cancel(self) -> None:
        with self._lock:
            self._state = CANCELLED
            self.executor.cancel()
        self._wakeup.poke()

    def set_workers(self, size: int) -> None:
        """Resize the pool, within the bound the job itself was checked against."""
        self._resize_to = min(max(1, size), max_workers(self.job.backend, self.job.scheduler))
        self._wakeup.poke()

    def set_bwlimit(self, rate: int) -> None:
        """Change each worker's speed limit (bytes per second, 0: none); JobError for a rate
        a job could not have. Workers take it up within a chunk of its being applied."""
        problem = bwlimit_problem(rate)
        if problem is not None:
            raise JobError(problem)
        with self._lock:
            self._bwlimit_to = rate
        self._wakeup.poke()

    def wait_turn(self, ahead: Callable[[], str | None]) -> Summary | None:
        """Before `run`: wait while `ahead()` names what the job waits for (told as it
        changes), waking at once on a cancel. None when the job may go on; the summary of a
        job cancelled while it waited, which wrote nothing."""
        told = ""
        while (waiting_for := ahead()) is not None:
            if self._state == CANCELLED:
                summary = self.collector.summary(cancelled=True, dry_run=self.job.dry_run)
                self.emit(JobFinished(summary))
                return summary
            if waiting_for != told:
                self.emit(LogMessage("info", waiting_for))
                told = waiting_for
            self._wakeup.clear()
            self._wakeup.wait(TURN_POLL_S)
        if told:
            self.emit(LogMessage("info", "the disk is free: starting"))
        return None

    def run(self) -> Summary:
        try:
            return self._run()
        finally:
            if self._backup is not None:
                os.close(self._backup)
            if self._roots is not None:
                self._roots.close()  # which releases the target's lock
            self._wakeup.close()

    def _run(self) -> Summary:
        roots = self._open_roots()
        created = self._prepare_target(roots)
        self._announce()
        scan = self._scan(roots)
        self._start_workers(roots, created)
        scan.start()
        try:
            self._loop(scan)
        finally:
            scan.stop()
            for report in self.executor.shutdown(CANCEL_GRACE_S):
                self._handle(report)
        scan.raise_error()
        return self._finish(roots, scan.scanner)

    def _open_roots(self) -> Roots:
        """Hold the source and target (if it exists) from now on (`engine.roots`)."""
        try:
            roots = self._roots = Roots(self.job.source, self.job.target)
        except OSError as exc:
            raise JobError(f"cannot open the source or target folder: {describe(exc)}") from None
        return roots

    def _prepare_target(self, roots: Roots) -> bool:
        """Make and lock the target (not in a dry run) and check that no two outputs meet
        and none lands in the source; True when this run made the target folder."""
        created = False
        if not self.job.dry_run:
            try:
                created = roots.create_target()
            except OSError as exc:
                raise JobError(
                    f"cannot create target folder '{self.job.target}': {describe(exc)}"
                ) from None
            self._lock_target(roots)
            self._probe(roots)
            self._hold_backup()
        try:
            check_outputs(self.job, self.stages, roots)
        except JobError:
            self._unmake(created)
            raise
        return created

    def _quick_check(self) -> QuickCheck | None:
        """The scanner's own settling of up-to-date files; none when every file must reach a
        worker (a move removes sources, `--checksum` hashes both sides)."""
        job = self.job
        if job.move or job.checksum:
            return None
        return QuickCheck.for_job(self.stages, job.if_exists, self._keeper(), self._window_ns())

    def _hold_backup(self) -> None:
        """Make and hold the backup folder (`--backup-dir`) for the whole run."""
        path = self.job.backup_path
        if path is None:
            return
        try:
            os.makedirs(path, exist_ok=True)
            self._backup = open_root(path)
        except OSError as exc:
            raise JobError(f"cannot create backup dir '{path}': {describe(exc)}") from None
        if self._mirror is not None:
            self._mirror.backup = Backup(self._backup)

    def _probe(self, roots: Roots) -> None:
        """Find out once what the target's file system cannot hold (owners, modes, extended
        attributes) and how finely it keeps modification times; where that cannot be tried,
        every file finds out for itself (and times are compared as the job says)."""
        assert roots.target is not None
        names = (temp_name(self._owner, PROBE_TAG, n) for n in (0, 1))
        with contextlib.suppress(OSError):
            self._unheld = probe_target(roots.target, *names)
        if self._links is not None and HARD_LINKS in self._unheld:
            self._links.possible = False
        with contextlib.suppress(OSError):
            self._time_step_ns = probe_time_step(roots.target, temp_name(self._owner, PROBE_TAG, 2))
        if self._links is not None:
            self._links.window_ns = self._window_ns()

    def _window_ns(self) -> int:
        """The window within which modification times count as equal: the job's, widened to
        the target's own rounding (the workers' `TransferSettings.window_ns` is the same)."""
        return modify_window_ns(self.job.modify_window, self._time_step_ns)

    def _keeper(self) -> Keeper:
        return Keeper(self.job.no_preserve, self._unheld)

    def _announce(self) -> None:
        job = self.job
        self.emit(
            JobStarted(
                str(job.source),
                str(job.target),
                job.workers,
                tuple(s.name for s in self.stages),
                job.dry_run,
            )
        )
        for stage in self.stages:
            for warning in stage.warnings():
                self.emit(LogMessage("warning", warning))
        if self._window_ns() > modify_window_ns(job.modify_window):  # the target's rounding
            self.emit(LogMessage("warning", time_rounding_warning(self._time_step_ns)))

    def _scan(self, roots: Roots) -> _Scan:
        job = self.job
        items: queue.Queue[ScanItem] = queue.Queue(maxsize=SCAN_AHEAD_BATCHES)
        stop = threading.Event()
        scanner = self._scanner = Scanner(
            roots.source,
            roots.target,
            job.path_filter,
            follow_symlinks=job.follow_symlinks,
            create_dirs=not job.dry_run,
            out=items,
            stop=stop,
            hard_links=self._links,
            mirror=self._mirror,
            quick=self._quick_check(),
            batch_bytes=batch_bytes_for(self.stages),
            owner=self._owner,
            wake=self._wakeup.poke,
            specials="specials" not in job.no_preserve,
        )
        return _Scan(scanner, items, stop)

    def _start_workers(self, roots: Roots, created: bool) -> None:
        settings = TransferSettings(
            self.job.source,
            self.job.target,
            **worker_values(self.job),
            source_id=roots.source_id,
            target_id=roots.target_id,
            owner=self._owner,
            unheld=self._unheld,
            backup_dir="" if self._backup is None else str(self.job.backup_path),
            backup_id=None if self._backup is None else Identity.of(os.fstat(self._backup)),
            time_step_ns=self._time_step_ns,
        )
        try:
            self.executor.start(settings, self.job.stages, self.job.workers, roots.target)
        except BaseException:
            # Workers that cannot take the job (a Dask cluster that cannot see the folders)
            # stop it before anything is written: not even the target folder stays.
            self.executor.shutdown(0)
            self._unmake(created)
            raise

    def _finish(self, roots: Roots, scanner: Scanner) -> Summary:
        """After the workers: hard links, stages' job-level files, folder times, summary."""
        job = self.job
        cancelled = self._state == CANCELLED
        replaced = roots.replaced()
        if replaced:
            self._stop(Stop(StopCause.ROOT_REPLACED, replaced))
        if self._links is not None and self._links.lost:
            example = self._links.lost
            text = (
                f"hard links could not be kept ({example}): the target's file system cannot "
                "hold them, so each name was copied on its own"
            )
            self.collector.lost(Loss(HARD_LINKS, text))
        if self._links is not None and not cancelled and not replaced:
            # After the workers (links point at their outputs), before stages' finish (their
            # records) and folder times (linking changes folder mtimes).
            self._links.apply(roots.target, self.collector.record)
        finished = not cancelled and not replaced and scanner.totals.complete
        if self._mirror is not None:
            self._delete_extras(self._mirror, roots, finished)
        if job.move and finished and not job.dry_run:
            self._remove_emptied(roots, scanner.totals.directories)
        if not job.dry_run and roots.target is not None:
            if not replaced:
                self._finish_stages(self.stages, roots.target)
            self._restore_folders(roots, scanner.totals.directories)
            strays = scanner.totals.strays_removed
            if strays:
                message = f"removed {strays} unfinished temporary file(s) of an interrupted run"
                self.emit(LogMessage("info", message))
        self._progress(scanner, scanning=False, force=True)
        summary = self.collector.summary(cancelled=cancelled, dry_run=job.dry_run)
        self.emit(JobFinished(summary))
        return summary

    def _remove_emptied(self, roots: Roots, directories: list[DirEntry]) -> None:
        """After a move: remove the source folders it left empty, deepest first, through the
        held source (never the source folder itself; a folder with anything left stays)."""
        for entry in reversed(directories):
            if not entry.rel:
                continue
            parent, name = posixpath.split(entry.rel)
            try:
                with folder(roots.source, parent, follow=self.job.follow_symlinks) as fd:
                    os.rmdir(name, dir_fd=fd)
            except OSError:
                continue  # not empty (something failed, was skipped or left out), or gone

    def _delete_extras(self, mirror: Mirror, roots: Roots, finished: bool) -> None:
        """Make the target a mirror, after every copy: only when the job ran to its end
        (not cancelled or halted, its roots still its own), never where the source side was
        not listed completely, and not at all above `max_delete`."""
        if not finished or self._halt is not None:
            self.emit(LogMessage("warning", "the job did not run to its end: nothing was deleted"))
            return
        for rel in mirror.skipped:
            where = f"'{rel}'" if rel else "the source folder itself"
            self.emit(
                LogMessage(
                    "warning",
                    f"deletions skipped in {where}: its source side could not be listed completely",
                )
            )
        if roots.target is None:
            return  # a dry run into a folder not made yet: nothing there to delete
        held = mirror.apply(roots.target, self.collector.record)
        if held:
            self.collector.held_back(held)
            self.emit(
                LogMessage(
                    "error",
                    f"{held} entries were not deleted: more than --max-delete "
                    f"{self.job.max_delete} would have been",
                )
            )

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

    def _loop(self, scan: _Scan) -> None:
        """Until the scan is done and the workers are idle: hand out work, then wait for
        news (workers, scanner, front-end) or for progress to be due."""
        scanning = True
        while self._state != CANCELLED:
            self._wakeup.clear()  # before looking: a poke from now on ends the wait below
            self._check_roots()
            if self._resize_to is not None:
                self.executor.resize(self._resize_to)
                self._resize_to = None
            with self._lock:
                rate, self._bwlimit_to = self._bwlimit_to, None
            if rate is not None:
                self.executor.set_bwlimit(rate)
            while self._retry and self.executor.has_capacity() and not self._halt:
                self.executor.submit(self._retry.popleft())
            if scanning:
                scanning = self._take_scanned(scan.items)
            if not scanning and not self._retry and self.executor.idle():
                return
            if scanning and not scan.alive() and scan.items.empty():
                scanning = False
                continue
            for report in self.executor.poll(PROGRESS_EVERY_S, self._wakeup):
                self._handle(report)
            self._progress(scan.scanner, scanning=not scan.scanner.totals.complete)

    def _take_scanned(self, items: queue.Queue[ScanItem]) -> bool:
        """Take what the scanner has queued while the workers have room (all of it once the
        job stopped taking work); False once the scan is over."""
        while self._halt or self.executor.has_capacity():
            try:
                item = items.get_nowait()
            except queue.Empty:
                return True
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
                return False
        return True

    def _check_roots(self) -> None:
        """Stop the job once a root's path leads elsewhere than the folder it holds."""
        now = time.monotonic()
        if self._roots is None or now - self._roots_checked < ROOTS_CHECK_S or self._halt:
            return
        self._roots_checked = now
        problem = self._roots.replaced()
        if problem:
            self._stop(Stop(StopCause.ROOT_REPLACED, problem))

    def _submit(self, batch: Batch) -> None:
        if self._halt:
            self._not_copied(batch.tasks)
        else:
            self.executor.submit(batch)

    def _halt_on(self, outcome: Outcome) -> None:
        """A full target stops the job taking new work: every file still to come is reported
        not copied, so a re-run after freeing space picks up exactly those."""
        self._stop(
            Stop(StopCause.TARGET_FULL, outcome.reason),
            f"{outcome.reason}: stopped taking new work; run the job again once the "
            "target has room, to copy the rest",
        )

    def _stop(self, stop: Stop, message: str = "") -> None:
        """Take no new work: files in hand are abandoned, files still to come are reported
        `not copied: <reason>`, and the scanner creates no more folders."""
        if self._halt:
            return
        self._halt = stop
        self.emit(LogMessage("error", message or stop.reason))
        if self._scanner is not None:
            self._scanner.create_dirs = False
        self.executor.cancel()
        while self._retry:
            self._not_copied(self._retry.popleft().tasks)

    def _not_copied(self, tasks: tuple[FileTask, ...]) -> None:
        assert self._halt is not None
        for task in tasks:
            reason = f"not copied: {self._halt.reason}"
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
            self._stop(Stop(StopCause.POOL_BROKEN, report.reason))

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

    def _restore_folders(self, roots: Roots, directories: list[DirEntry]) -> None:
        """Give each target folder its source's owner, extended attributes and ACLs, mode
        and times, deepest first (writing in a folder changes its times)."""
        assert roots.target is not None
        keep = self._keeper()
        for entry in reversed(directories):
            try:
                with folder(roots.target, entry.rel) as fd:
                    keep.chown(fd, entry.uid, entry.gid)
                    self._folder_xattrs(keep, roots.source, entry.rel, fd)
                    keep.chmod(fd, entry.mode & 0o7777)
                    os.utime(fd, ns=(entry.atime_ns, entry.mtime_ns))
            except FileNotFoundError:
                continue
            except OSError as exc:
                self.emit(
                    LogMessage(
                        "warning",
                        f"cannot set folder owner, attributes, time or mode: {describe(exc)}",
                        entry.rel,
                    )
                )
        for loss in keep.losses():
            self.collector.lost(loss)

    def _folder_xattrs(self, keep: Keeper, source: int, rel: str, fd: int) -> None:
        """Copy the source folder's extended attributes and ACLs, read through the held
        source (a source folder gone since the scan has none to give)."""
        if not (keep.xattrs or keep.acls):
            return
        try:
            source_fd = open_folder(source, rel, follow=self.job.follow_symlinks)
        except FileNotFoundError:
            return
        try:
            keep.copy_xattrs(source_fd, fd)
        finally:
            os.close(source_fd)

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


def _inside(path: Path | None, folder: Path) -> str:
    """`path` relative to `folder` when it lies inside it (else "")."""
    if path is None:
        return ""
    where, base = os.path.realpath(path), os.path.realpath(folder)
    return os.path.relpath(where, base) if where.startswith(base.rstrip("/") + "/") else ""
