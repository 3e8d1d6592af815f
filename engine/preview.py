"""A preview of a job: its stage chain tried on a few sample files, and a rough time estimate.

Before committing to a long run a user wants to know what the chain does to their files (how
much gzip saves, whether the exec command works at all, what resize makes of the photos) and
roughly how long it will take. `preview` scans the source with the engine's own scanner
(nothing is created in the target), picks a few regular files, and runs each through its
chain in this process, streaming it in the same 1 MiB chunks a worker uses, into a temporary
folder that is deleted afterwards. The real target is never touched.

The samples are drawn in turns: a file each stage that applies to some files only (its
`match`, such as resize's image extensions) applies to, then a file of the whole tree, and
so on, each group spread across sizes and the tree. So a resize chain over a tree of mostly
text is tried on images, and the files no stage touches are tried too.

The estimate weighs what the samples measured by what the job holds. The files are grouped
by the stages they go through (the scan counts each group's files and bytes); for each
group a cost per file and a cost per byte is fitted to its samples' times (a group without a
measured sample takes the fit of all of them), and the whole job's work is shared among the
workers, no more of them than files. A speed limit (`bwlimit`, per worker) makes the job
last at least its bytes over the limit times the workers, and no job is shorter than its
longest sample. It remains rough: a handful of samples may not be typical, they are measured
in one process on a warm cache, and plain copies are bound by the disks (and done by the
kernel in a real run).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import stat
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
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
from engine.stages.base import Stage
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
    stages: tuple[str, ...]
    """The stages that ran on it, in order; () when none applies."""


@dataclass(frozen=True)
class Share:
    """The regular files that go through the same stages (known by name), and their bytes:
    what each sample's measured cost is weighed by."""

    stages: tuple[str, ...]
    files: int
    bytes: int


@dataclass(frozen=True)
class Preview:
    samples: tuple[SampleResult, ...]
    total_files: int
    """Every file (and symlink) the job would copy, after the filters."""
    total_bytes: int
    shares: tuple[Share, ...]
    """The regular files by the stages they go through."""
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


class _Draw:
    """What samples are drawn from, filled as the scan goes: the whole tree and, for each
    stage that applies to some files only, the files it applies to (each a `_Spread`), and
    the files and bytes of each chain."""

    def __init__(self, stages: tuple[Stage, ...]) -> None:
        self.chains = ChainCache(stages)
        self.tree = _Spread()
        self.matched = [(stage, _Spread()) for stage in stages if stage.selective]
        self.shares: dict[tuple[str, ...], tuple[int, int]] = {}

    def add(self, task: FileTask) -> None:
        chain = self.chains(task.rel)
        self.tree.add(task)
        for stage, spread in self.matched:
            if stage in chain.stages:
                spread.add(task)
        key = _names(chain)
        files, size = self.shares.get(key, (0, 0))
        self.shares[key] = (files + 1, size + task.size)

    def choose(self, count: int) -> list[FileTask]:
        """Up to `count` files, in turns: one each selective stage applies to, in the job's
        order, then one of the whole tree, and again; each group in its own `choose` order."""
        groups = [spread for _stage, spread in self.matched if spread.kept] + [self.tree]
        lines = [spread.choose(count * len(groups)) for spread in groups]
        chosen: list[FileTask] = []
        while len(chosen) < count and any(lines):
            for line in lines:
                while line and line[0] in chosen:
                    line.pop(0)
                if line and len(chosen) < count:
                    chosen.append(line.pop(0))
        return chosen


def _names(chain: Chain) -> tuple[str, ...]:
    return tuple(stage.name for stage in chain.stages)


def preview(job: Job, samples: int = SAMPLES, *, stop: threading.Event | None = None) -> Preview:
    """Scan the job's source, run its chain on up to `samples` files, and estimate the run.

    Raises JobError for an invalid job and Cancelled once `stop` is set (checked between
    chunks and while an external command runs); a stage failing on a sample is reported in
    that sample's `error` instead.
    """
    job = job.validated()
    stop = stop or threading.Event()
    draw, total_files, total_bytes = _scan(job, stop)
    results: list[SampleResult] = []
    root = open_root(job.source)
    try:
        with tempfile.TemporaryDirectory(prefix="conveyor-preview-") as scratch:
            for number, task in enumerate(draw.choose(max(samples, 0))):
                output = Path(scratch) / f"sample-{number}"
                sample = _run_sample(job, root, task, draw.chains(task.rel), output, stop)
                results.append(sample)
    finally:
        os.close(root)
    shares = tuple(Share(names, *counts) for names, counts in draw.shares.items())
    parallel = max(1, min(job.workers, total_files))
    return Preview(
        tuple(results),
        total_files,
        total_bytes,
        shares,
        estimate(results, shares, parallel, job.bwlimit),
    )


def estimate(
    samples: Sequence[SampleResult], shares: Sequence[Share], workers: int, bwlimit: int = 0
) -> float | None:
    """Seconds for the job the `shares` describe, `workers` at a time, each held to
    `bwlimit` bytes per second (0: no limit); None when no sample was measured."""
    measured = [s for s in samples if not s.error]
    if not measured:
        return None
    overall = _fit(measured)
    work = 0.0
    for share in shares:
        own = [s for s in measured if s.stages == share.stages]
        per_file, per_byte = _fit(own) if own else overall
        work += share.files * per_file + share.bytes * per_byte
    limit = sum(share.bytes for share in shares) / (bwlimit * workers) if bwlimit else 0.0
    longest = max(max(s.seconds, s.input_bytes / bwlimit if bwlimit else 0.0) for s in measured)
    return max(work / workers, limit, longest)


def _fit(samples: Sequence[SampleResult]) -> tuple[float, float]:
    """Seconds per file and per byte that best explain the samples' times (least squares),
    neither negative; with samples all of one size, the time goes by bytes (by files when
    they are empty)."""
    xs = [float(s.input_bytes) for s in samples]
    ys = [s.seconds for s in samples]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return (0.0, mean_y / mean_x) if mean_x else (mean_y, 0.0)
    per_byte = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    if per_byte < 0:
        return mean_y, 0.0
    per_file = mean_y - per_byte * mean_x
    if per_file < 0:
        through_zero = sum(x * y for x, y in zip(xs, ys, strict=True)) / sum(x * x for x in xs)
        return 0.0, through_zero
    return per_file, per_byte


def _scan(job: Job, stop: threading.Event) -> tuple[_Draw, int, int]:
    """Walk the source as a run would (same filters, no folders created); files and bytes."""
    listing = Listing(job.source, job.path_filter, follow_symlinks=job.follow_symlinks)
    draw = _Draw(job.build_stages())
    for task in listing.tasks(stop):
        if task.kind == "file":
            draw.add(task)
    return draw, listing.totals.files, listing.totals.bytes


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
        task.rel,
        read,
        written,
        chain.output_name(task.rel, ctx.passed),
        seconds,
        error,
        _names(chain),
    )
