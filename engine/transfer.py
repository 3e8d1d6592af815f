"""Moving one file from source to target inside a worker: decide, write aside, rename into place.

Every file is written to a temporary name in its target folder (`.conveyor-<random>.part`)
and renamed over its final name only when complete, so no reader ever sees half a file.
Plain copies go through the kernel (`copy_file_range`, then `sendfile`); anything that
transforms or verifies streams through user space in bounded chunks.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from engine.control import Cancelled, Control
from engine.errors import StageError
from engine.job import IfExists
from engine.stages import FileContext, Stage
from engine.stages.chain import Chain, ChainCache
from engine.tasks import FileTask, Outcome, Status

CHUNK = 1 << 20
"""User-space chunk: large enough to amortise syscalls, small enough to keep memory flat."""
KERNEL_CHUNK = 8 << 20
"""Kernel copies go in steps this size so pause, cancel and progress stay responsive."""
TEMP_PREFIX = ".conveyor-"
TEMP_SUFFIX = ".part"


@dataclass(frozen=True)
class TransferSettings:
    """What every worker needs to know about the job; sent once when the worker starts."""

    source: Path
    target: Path
    if_exists: IfExists
    verify: bool
    dry_run: bool
    bwlimit: int
    retries: int = 1
    fsync: bool = False
    file_timeout: float = 0.0


def temp_name(tag: str, number: int) -> str:
    """`.conveyor-<tag>-<n>.part`: the tag names one worker, so its strays can be found."""
    return f"{TEMP_PREFIX}{tag}-{number}{TEMP_SUFFIX}"


def remove_strays(folder: Path, tag: str = "*") -> int:
    """Delete temporary files that a dead worker (`tag`) or an interrupted run (any tag) left
    in `folder`; return how many. Only safe while this job holds the target's lock."""
    removed = 0
    for path in folder.glob(f"{TEMP_PREFIX}{tag}-*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


class TempFiles:
    """The temporary file being written, so a dying worker can remove it from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._path: Path | None = None

    @contextlib.contextmanager
    def track(self, path: Path) -> Iterator[None]:
        with self._lock:
            self._path = path
        try:
            yield
        finally:
            with self._lock:
                self._path = None
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)

    def remove_current(self) -> None:
        with self._lock:
            if self._path is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self._path)
                self._path = None


class Pacer:
    """Called between chunks: honours pause/cancel, the bandwidth limit and progress reports."""

    def __init__(
        self,
        control: Control,
        bwlimit: int,
        report: Callable[[int], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._control = control
        self._bwlimit = bwlimit
        self._report = report
        self._clock = clock
        self._start = clock()
        self._sent = 0
        self._file_bytes = 0
        self._last_report = self._start

    def begin_file(self) -> None:
        """Start counting a new file; an idle spell earns no burst above the limit."""
        self._file_bytes = 0
        if self._bwlimit:
            now = self._clock()
            behind = (now - self._start) - self._sent / self._bwlimit
            if behind > 0.5:
                self._start = now - self._sent / self._bwlimit

    def advance(self, nbytes: int) -> None:
        self._control.checkpoint()
        self._sent += nbytes
        self._file_bytes += nbytes
        now = self._clock()
        if self._bwlimit:
            ahead = self._sent / self._bwlimit - (now - self._start)
            if ahead > 0:
                self._sleep(ahead)
                now = self._clock()
        if now - self._last_report >= 0.1:
            self._last_report = now
            self._report(self._file_bytes)

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self._control.checkpoint()
            time.sleep(min(left, 0.1))

    def step(self) -> int:
        """How many bytes to move before the next call: small under a tight bandwidth limit."""
        if self._bwlimit:
            return max(4096, min(KERNEL_CHUNK, self._bwlimit // 10))
        return KERNEL_CHUNK


def describe(exc: BaseException) -> str:
    """An OS error as a short sentence for the report: what happened, not a traceback."""
    if isinstance(exc, OSError):
        reasons = {
            errno.EACCES: "permission denied",
            errno.EPERM: "operation not permitted",
            errno.ENOSPC: "no space left on the target device",
            errno.EDQUOT: "disk quota exceeded on the target",
            errno.EISDIR: "the target is a folder",
            errno.ENOTDIR: "a folder on the way is a file",
            errno.ENAMETOOLONG: "the name is too long for the target file system",
            errno.EROFS: "the target file system is read-only",
            errno.EIO: "input/output error (failing disk or medium?)",
        }
        if exc.errno in reasons and exc.strerror == os.strerror(exc.errno):
            return reasons[exc.errno]
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


class Transfer:
    """Runs one task through the stage chain; never raises for a file's own failure."""

    def __init__(
        self,
        settings: TransferSettings,
        stages: tuple[Stage, ...],
        control: Control,
        temps: TempFiles,
        pacer: Pacer,
        temp_tag: str,
    ) -> None:
        self.settings = settings
        self.stages = stages
        self.control = control
        self.temps = temps
        self.pacer = pacer
        self._temp_names = (temp_name(temp_tag, n) for n in count())
        self._chain = ChainCache(stages)

    def run(self, task: FileTask) -> Outcome:
        try:
            if task.kind == "symlink":
                return self._symlink(task)
            return self._file(task)
        except Cancelled:
            raise
        except StageError as exc:
            return Outcome(task.rel, Status.FAILED, reason=str(exc))
        except OSError as exc:
            return Outcome(task.rel, Status.FAILED, reason=describe(exc))
        except Exception as exc:
            return Outcome(task.rel, Status.FAILED, reason=f"{type(exc).__name__}: {exc}")

    def _file(self, task: FileTask) -> Outcome:
        chain = self._chain(task.rel)
        planned = self.settings.target / chain.output_name(task.rel)
        stamp = None if chain.plain else _stamp(task, chain)
        skip_reason, dst = self._decide(task, planned, same_size=chain.keeps_bytes, stamp=stamp)
        output = self._output(task.rel, dst)
        if skip_reason:
            return Outcome(task.rel, Status.SKIPPED, task.size, skip_reason, output)
        if self.settings.dry_run:
            return Outcome(task.rel, Status.DONE, task.size, output=output)
        ctx = FileContext(
            task.rel,
            self.settings.source / task.rel,
            task.size,
            task.mtime_ns,
            checkpoint=self.control.checkpoint,
        )
        tmp = dst.parent / next(self._temp_names)
        self.pacer.begin_file()
        with self.temps.track(tmp):
            src_fd = _open_source(ctx.source)
            try:
                if not stat.S_ISREG(os.fstat(src_fd).st_mode):
                    return Outcome(task.rel, Status.FAILED, reason="no longer a regular file")
                out_fd = _create_temp(tmp)
                try:
                    if chain.plain and not self.settings.verify:
                        copied, digest = self._kernel_copy(src_fd, out_fd), None
                    else:
                        copied, digest = self._stream(src_fd, out_fd, chain, ctx)
                    os.fchmod(out_fd, stat.S_IMODE(task.mode))
                    if stamp is not None:
                        _set_stamp(out_fd, stamp)
                    os.utime(out_fd, ns=(task.atime_ns, task.mtime_ns))
                finally:
                    os.close(out_fd)
            finally:
                os.close(src_fd)
            if digest is not None and self.settings.verify:
                mismatch = verify_written(tmp, digest)
                if mismatch:
                    return Outcome(task.rel, Status.FAILED, reason=mismatch)
            if ctx.passed:
                renamed = self.settings.target / chain.output_name(task.rel, ctx.passed)
                if renamed != planned:
                    skip_reason, dst = self._decide(task, renamed, same_size=True, stamp=stamp)
                    if skip_reason:
                        return Outcome(task.rel, Status.SKIPPED, task.size, skip_reason)
            self._commit(tmp, dst)
        return Outcome(
            task.rel,
            Status.DONE,
            copied,
            output=self._output(task.rel, dst),
            record=ctx.record,
            warnings=tuple(ctx.warnings),
        )

    def _output(self, rel: str, dst: Path) -> str:
        """The output's relative name when a stage or the rename policy changed it, else ""."""
        output = dst.relative_to(self.settings.target).as_posix()
        return "" if output == rel else output

    def _symlink(self, task: FileTask) -> Outcome:
        link_text = os.readlink(self.settings.source / task.rel)
        dst = self.settings.target / task.rel
        skip_reason, dst = self._decide(task, dst, same_size=True, link_text=link_text)
        if skip_reason:
            return Outcome(task.rel, Status.SKIPPED, 0, skip_reason)
        if self.settings.dry_run:
            return Outcome(task.rel, Status.DONE)
        tmp = dst.parent / next(self._temp_names)
        with self.temps.track(tmp):
            os.symlink(link_text, tmp)
            with contextlib.suppress(NotImplementedError, OSError):
                os.utime(tmp, ns=(task.atime_ns, task.mtime_ns), follow_symlinks=False)
            self._commit(tmp, dst)
        return Outcome(task.rel, Status.DONE)

    def _decide(
        self,
        task: FileTask,
        dst: Path,
        *,
        same_size: bool,
        link_text: str | None = None,
        stamp: bytes | None = None,
    ) -> tuple[str, Path]:
        """Apply the if-exists policy: a reason to skip (or ""), and the path to write."""
        try:
            existing = os.lstat(dst)
        except FileNotFoundError:
            return "", dst
        policy = self.settings.if_exists
        if policy is IfExists.OVERWRITE:
            return "", dst
        if policy is IfExists.SKIP:
            return "target exists", dst
        if policy is IfExists.NEWER:
            if task.mtime_ns > existing.st_mtime_ns:
                return "", dst
            return "target is as new or newer", dst
        if _unchanged(existing, dst, task, same_size, link_text, stamp):
            return "unchanged", dst
        if policy is IfExists.RENAME:
            return self._rename_target(dst, task, same_size, link_text, stamp)
        return "", dst

    def _rename_target(
        self,
        dst: Path,
        task: FileTask,
        same_size: bool,
        link_text: str | None,
        stamp: bytes | None,
    ) -> tuple[str, Path]:
        """Skip if an earlier kept copy (`name (n).ext`) is this file; else the first free name."""
        candidate = dst
        for _ in range(10_000):
            candidate = candidate.with_name(_free_name(candidate))
            try:
                existing = os.lstat(candidate)
            except FileNotFoundError:
                return "", candidate
            if _unchanged(existing, candidate, task, same_size, link_text, stamp):
                return f"unchanged (as {candidate.name})", candidate
        raise OSError(errno.EEXIST, "no free name left for a renamed copy")

    def _commit(self, tmp: Path, dst: Path) -> None:
        if self.settings.if_exists is not IfExists.RENAME:
            os.replace(tmp, dst)
            return
        candidate = dst
        for _ in range(10_000):
            try:
                os.link(tmp, candidate, follow_symlinks=False)
                return
            except FileExistsError:
                candidate = dst.with_name(_free_name(candidate))
        raise OSError(errno.EEXIST, "no free name left for a renamed copy")

    def _kernel_copy(self, src_fd: int, out_fd: int) -> int:
        total = 0
        copy = _copy_file_range
        while True:
            try:
                n = copy(src_fd, out_fd, self.pacer.step())
            except OSError as exc:
                if copy is _copy_file_range and exc.errno in _NO_KERNEL_COPY:
                    copy = _sendfile
                    continue
                if copy is _sendfile and exc.errno in _NO_KERNEL_COPY:
                    copy = _read_write
                    continue
                raise
            if n == 0:
                return total
            total += n
            self.pacer.advance(n)

    def _stream(
        self, src_fd: int, out_fd: int, chain: Chain, ctx: FileContext
    ) -> tuple[int, bytes]:
        read = 0

        def source_chunks() -> Iterator[bytes]:
            nonlocal read
            while chunk := os.read(src_fd, CHUNK):
                read += len(chunk)
                self.pacer.advance(len(chunk))
                yield chunk

        digest = hashlib.blake2b()
        for chunk in chain.transform(source_chunks(), ctx):
            digest.update(chunk)
            view = memoryview(chunk)
            while view:
                view = view[os.write(out_fd, view) :]
        return read, digest.digest()


STAMP_XATTR = "user.conveyor.source"
"""On a transformed output: which source (size, mtime, path) and chain produced it."""


def _stamp(task: FileTask, chain: Chain) -> bytes:
    head = f"1 {task.size} {task.mtime_ns} {chain.fingerprint} "
    return head.encode() + os.fsencode(task.rel)


def _set_stamp(fd: int, stamp: bytes) -> None:
    """Best effort: where the file system has no extended attributes the file is redone."""
    with contextlib.suppress(OSError):
        os.setxattr(fd, STAMP_XATTR, stamp)


def _read_stamp(path: Path) -> bytes | None:
    try:
        return os.getxattr(path, STAMP_XATTR, follow_symlinks=False)
    except OSError:
        return None


def _unchanged(
    existing: os.stat_result,
    path: Path,
    task: FileTask,
    same_size: bool,
    link_text: str | None,
    stamp: bytes | None,
) -> bool:
    """rsync's quick check (kind, mtime, size where stages keep it); for transformed
    outputs, also the stamp saying which source and chain made them."""
    if link_text is not None:
        return stat.S_ISLNK(existing.st_mode) and os.readlink(path) == link_text
    return (
        stat.S_ISREG(existing.st_mode)
        and existing.st_mtime_ns == task.mtime_ns
        and (not same_size or existing.st_size == task.size)
        and (stamp is None or _read_stamp(path) == stamp)
    )


def _open_source(path: Path) -> int:
    """Open without blocking, so a file swapped for a FIFO since the scan cannot hang us."""
    try:
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise OSError(errno.ENOENT, "the source file vanished before it could be read") from None


def _create_temp(path: Path) -> int:
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except FileNotFoundError:
        raise OSError(errno.ENOENT, "the target folder is missing") from None


_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


def _copy_file_range(src_fd: int, out_fd: int, count: int) -> int:
    return os.copy_file_range(src_fd, out_fd, count)


def _sendfile(src_fd: int, out_fd: int, count: int) -> int:
    return os.sendfile(out_fd, src_fd, None, count)


def _read_write(src_fd: int, out_fd: int, count: int) -> int:
    data = os.read(src_fd, min(count, CHUNK))
    view = memoryview(data)
    while view:
        view = view[os.write(out_fd, view) :]
    return len(data)


def verify_written(path: Path, expected: bytes) -> str:
    """Re-read a written file from the disk (not the cache) and compare digests; "" if equal."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
        with contextlib.suppress(OSError, AttributeError):
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        digest = hashlib.blake2b()
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
    finally:
        os.close(fd)
    if digest.digest() != expected:
        return "verification failed: the written file differs from what was read"
    return ""


def _free_name(path: Path) -> str:
    """`name (1).ext` for `name.ext`, `name (2).ext` for `name (1).ext`, and so on."""
    stem, ext = os.path.splitext(path.name)
    number = 1
    base, sep, counter = stem.rpartition(" (")
    if sep and counter.endswith(")") and counter[:-1].isdigit():
        stem, number = base, int(counter[:-1]) + 1
    return f"{stem} ({number}){ext}"
