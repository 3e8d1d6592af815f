"""The collector: turns outcomes into counts and events, coalescing progress for front-ends."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from engine.events import Event, FileEvent, LogMessage, Progress, Summary, WorkerInfo, WorkerStatus
from engine.rate import RateMeter, eta
from engine.records import LeftOut, Loss, Outcome, Status

PROGRESS_EVERY_S = 0.1


class Collector:
    def __init__(
        self,
        emit: Callable[[Event], None],
        clock: Callable[[], float] = time.monotonic,
        keep_records: bool = False,
    ) -> None:
        self._keep_records = keep_records
        self._emit = emit
        self._clock = clock
        self._start = clock()
        self._rate = RateMeter(clock)
        self._last_progress = float("-inf")
        self._last_workers: tuple[WorkerInfo, ...] = ()
        self.counts = dict.fromkeys(Status, 0)
        self.bytes_done = 0
        self.bytes_copied = 0
        self.failures: list[tuple[str, str]] = []
        self.failed_folders: list[str] = []
        self.files_left_out = 0
        self.bytes_left_out = 0
        self.folders_unlisted = 0
        """Folders that failed with some of what they hold not counted (not listed)."""
        self.records: dict[str, dict[str, Any]] = {}
        """Per output, what `Stage.finish` needs; kept only when some stage has a finish."""
        self._held_back = 0
        self._moved = 0
        self._told: set[str] = set()
        """The kinds of loss already told."""

    @property
    def elapsed(self) -> float:
        return self._clock() - self._start

    def record(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self._moved += outcome.moved
        self.bytes_done += outcome.bytes
        if outcome.status is Status.DONE:
            self.bytes_copied += outcome.bytes
            if self._keep_records:
                notes = {"source": outcome.rel, **(outcome.record or {})}
                self.records[outcome.output or outcome.rel] = notes
        elif outcome.status in (Status.SKIPPED, Status.UPDATED):
            if self._keep_records and outcome.unchanged:
                notes = {"source": outcome.rel, "unchanged": True}
                self.records[outcome.output or outcome.rel] = notes
        elif outcome.status is Status.FAILED:
            self.failures.append((outcome.rel, outcome.reason))
        event = FileEvent(
            outcome.rel,
            outcome.status,
            outcome.bytes,
            outcome.reason,
            outcome.output,
            outcome.moved,
        )
        if outcome.left_out is not None:
            event = self._folder_failed(event, outcome.left_out)
        self._emit(event)
        for warning in outcome.warnings:
            self._emit(LogMessage("warning", warning, outcome.rel))
        for loss in outcome.losses:
            self.lost(loss)

    def _folder_failed(self, event: FileEvent, left_out: LeftOut) -> FileEvent:
        """Count what a folder that failed left out beneath it; its event says it too."""
        self.failed_folders.append(event.path)
        self.files_left_out += left_out.files
        self.bytes_left_out += left_out.bytes
        self.folders_unlisted += not left_out.counted
        return replace(
            event,
            folder=True,
            files_left_out=left_out.files,
            bytes_left_out=left_out.bytes,
            counted=left_out.counted,
        )

    def held_back(self, count: int) -> None:
        """`count` deletions a mirror did not make (more than `max_delete`): the job fails."""
        self._held_back += count

    def lost(self, loss: Loss) -> None:
        """A warning about the whole job (what the target could not keep): said once, however
        many workers and files meet it."""
        if loss.key not in self._told:
            self._told.add(loss.key)
            self._emit(LogMessage("warning", loss.text))

    def progress(
        self,
        *,
        files_total: int,
        bytes_total: int,
        partial: int,
        scanning: bool,
        paused: bool,
        workers: tuple[WorkerInfo, ...],
        force: bool = False,
    ) -> None:
        """Emit Progress (and WorkerStatus when it changed) unless one went out very recently."""
        now = self._clock()
        if not force and now - self._last_progress < PROGRESS_EVERY_S:
            return
        self._last_progress = now
        copied = self.bytes_copied + partial
        rate = self._rate.sample(copied)
        done = self.bytes_done + partial
        finished = sum(self.counts.values()) - self.counts[Status.DELETED]
        self._emit(
            Progress(
                files_done=self.counts[Status.DONE],
                files_updated=self.counts[Status.UPDATED],
                files_skipped=self.counts[Status.SKIPPED],
                files_failed=self.counts[Status.FAILED],
                files_total=max(files_total, finished) + self.files_left_out,
                bytes_done=done,
                bytes_total=max(bytes_total, done) + self.bytes_left_out,
                bytes_copied=copied,
                rate=rate,
                eta_s=None if scanning else eta(bytes_total - done, rate),
                elapsed_s=now - self._start,
                scanning=scanning,
                paused=paused,
                files_left_out=self.files_left_out,
                bytes_left_out=self.bytes_left_out,
            )
        )
        if workers != self._last_workers:
            self._last_workers = workers
            self._emit(WorkerStatus(workers))

    def summary(self, *, cancelled: bool, dry_run: bool) -> Summary:
        return Summary(
            files_done=self.counts[Status.DONE],
            files_updated=self.counts[Status.UPDATED],
            files_skipped=self.counts[Status.SKIPPED],
            files_failed=self.counts[Status.FAILED],
            files_deleted=self.counts[Status.DELETED],
            files_moved=self._moved,
            deletions_held=self._held_back,
            bytes_done=self.bytes_copied,
            elapsed_s=self.elapsed,
            cancelled=cancelled,
            dry_run=dry_run,
            failures=tuple(self.failures),
            files_left_out=self.files_left_out,
            bytes_left_out=self.bytes_left_out,
            folders_unlisted=self.folders_unlisted,
            failed_folders=tuple(self.failed_folders),
        )
