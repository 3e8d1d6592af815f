"""A preview of a job: its stage chain tried on a few sample files, and a rough time estimate.

Before committing to a long run a user wants to know what the chain does to their files (how
much gzip saves, whether the exec command works at all) and roughly how long it will take.
`preview` scans the source with the engine's own scanner (nothing is created in the target),
picks a few regular files spread across sizes and the tree, and runs each through the chain
in this process, streaming it in the same 1 MiB chunks a worker uses, into a temporary folder
that is deleted afterwards. The real target is never touched.

The estimate is the whole tree's bytes at the samples' measured speed (their seconds over
their bytes), divided among the workers. It assumes the samples are representative of the
tree, which a handful of files may well not be, and it measures one process on a warm cache:
plain copies are bound by the disks (and done by the kernel in a real run), so for them the
estimate is rough at best. Per-file overheads of many tiny files are not modelled either, and
no more workers than files are counted, since one file is never split between workers.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.control import Cancelled
from engine.errors import StageError, describe
from engine.folders import folder
from engine.job import Job
from engine.records import FileTask
from engine.roots import open_root
from engine.scan import Listing
from engine.stages import FileContext
from engine.stages.chain import Chain, ChainCache
from engine.worker.copying import CHUNK

SAMPLES = 5
SPREAD_CAP = 1024
"""Files remembered, evenly spaced in scan order, to draw samples from: memory stays flat
however many files the tree holds."""


@dataclass(frozen=True)
class SampleResult:
    """One sample file after the chain: sizes, the output's name, and how long it took."""

    path: str
    """Relative to the source, with `/` between folders."""
    input_bytes: int
    output_bytes: int
    """0 when the chain failed."""
    output_name: str
    """The name the output would have in the target, relative to it."""
    seconds: float
    error: str
    """Why the chain failed on this file, as a sentence; "" when it succeeded."""


@dataclass(frozen=True)
class Preview:
    samples: tuple[SampleResult, ...]
    total_files: int
    """Every file (and symlink) the job would copy, after the filters."""
    total_bytes: int
    estimate_s: float | None
    """Rough seconds for the whole job; None when no sample could be measured."""


class _Spread:
    """Every k-th regular file in scan order, k doubling whenever the list grows too long,
    so what is kept stays evenly spread over the whole tree in bounded memory."""

    def __init__(self, cap: int = SPREAD_CAP) -> None:
        self.kept: list[FileTask] = []
        self._cap = cap
        self._step = 1
        self._seen = 0
        self.largest: FileTask | None = None
        self.smallest: FileTask | None = None
        """The smallest non-empty file."""

    def add(self, task: FileTask) -> None:
        if self._seen % self._step == 0:
            self.kept.append(task)
            if len(self.kept) > self._cap:
                self.kept = self.kept[::2]
                self._step *= 2
        self._seen += 1
        if self.largest is None or task.size > self.largest.size:
            self.largest = task
        if task.size and (self.smallest is None or task.size < self.smallest.size):
            self.smallest = task

    def choose(self, count: int) -> list[FileTask]:
        """The largest, the smallest non-empty, then others evenly spaced in scan order;
        empty files only when too few others remain, as they say little about the chain."""
        chosen: list[FileTask] = []
        for task in (self.largest, self.smallest):
            if task is not None and task not in chosen and len(chosen) < count:
                chosen.append(task)
        for want_empty in (False, True):
            others = [t for t in self.kept if (t.size == 0) == want_empty and t not in chosen]
            chosen += _evenly(others, count - len(chosen))
        return chosen


def _evenly(items: list[FileTask], count: int) -> list[FileTask]:
    """Up to `count` items spread evenly over the list, starting at the first."""
    count = min(count, len(items))
    return [items[i * len(items) // count] for i in range(count)] if count > 0 else []


def preview(job: Job, samples: int = SAMPLES, *, stop: threading.Event | None = None) -> Preview:
    """Scan the job's source, run its chain on up to `samples` files, and estimate the run.

    Raises JobError for an invalid job and Cancelled once `stop` is set (checked between
    chunks and while an external command runs); a stage failing on a sample is reported in
    that sample's `error` instead.
    """
    job = job.validated()
    stop = stop or threading.Event()
    chains = ChainCache(job.build_stages())
    spread, total_files, total_bytes = _scan(job, stop)
    results: list[SampleResult] = []
    root = open_root(job.source)
    try:
        with tempfile.TemporaryDirectory(prefix="conveyor-preview-") as scratch:
            for number, task in enumerate(spread.choose(max(samples, 0))):
                output = Path(scratch) / f"sample-{number}"
                sample = _run_sample(job, root, task, chains(task.rel), output, stop)
                results.append(sample)
    finally:
        os.close(root)
    parallel = max(1, min(job.workers, total_files))
    return Preview(
        tuple(results), total_files, total_bytes, estimate(results, total_bytes, parallel)
    )


def estimate(samples: list[SampleResult], total_bytes: int, workers: int) -> float | None:
    """Seconds for `total_bytes` at the samples' speed, shared evenly by `workers`; None when
    no sample succeeded on a non-empty file."""
    measured = [s for s in samples if not s.error and s.input_bytes > 0]
    measured_bytes = sum(s.input_bytes for s in measured)
    if not measured_bytes:
        return None
    seconds_per_byte = sum(s.seconds for s in measured) / measured_bytes
    return total_bytes * seconds_per_byte / workers


def _scan(job: Job, stop: threading.Event) -> tuple[_Spread, int, int]:
    """Walk the source as a run would (same filters, no folders created); files and bytes."""
    listing = Listing(job.source, job.path_filter, follow_symlinks=job.follow_symlinks)
    spread = _Spread()
    for task in listing.tasks(stop):
        if task.kind == "file":
            spread.add(task)
    return spread, listing.totals.files, listing.totals.bytes


def _run_sample(
    job: Job, root: int, task: FileTask, chain: Chain, output: Path, stop: threading.Event
) -> SampleResult:
    """Stream one file through its chain into `output`; a failure becomes the result's error.
    The file is reached from the held source folder `root` as a worker reaches it."""

    def checkpoint() -> None:
        if stop.is_set():
            raise Cancelled

    source = job.source / task.rel
    ctx = FileContext(task.rel, source, task.size, task.mtime_ns, checkpoint=checkpoint)
    read = written = 0
    error = ""
    started = time.perf_counter()
    follow = job.follow_symlinks
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    folder_rel, name = posixpath.split(task.rel)
    try:
        with folder(root, folder_rel, follow=follow) as sfd:
            src_fd = os.open(name, flags, dir_fd=sfd)
        try:
            if not stat.S_ISREG(os.fstat(src_fd).st_mode):
                raise StageError("no longer a regular file")

            def chunks() -> Iterator[bytes]:
                nonlocal read
                while chunk := os.read(src_fd, CHUNK):
                    checkpoint()
                    read += len(chunk)
                    yield chunk

            with open(output, "wb") as out:
                for chunk in chain.transform(chunks(), ctx):
                    written += out.write(chunk)
        finally:
            os.close(src_fd)
    except Cancelled:
        raise
    except StageError as exc:
        error = str(exc)
    except OSError as exc:
        error = describe(exc)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
    finally:
        seconds = time.perf_counter() - started
        with contextlib.suppress(OSError):
            os.unlink(output)
    if error:
        read, written = task.size, 0
    return SampleResult(
        task.rel, read, written, chain.output_name(task.rel, ctx.passed), seconds, error
    )
