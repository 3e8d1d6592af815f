"""Moving one file from source to target inside a worker: decide, write aside, rename into place.

Every file is written to a temporary name in its target folder (`.conveyor-<random>.part`)
and renamed over its final name only when complete, so no reader ever sees half a file.
Plain copies go through the kernel (`copy_file_range`, then `sendfile`); anything that
transforms or verifies streams through user space in bounded chunks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from engine.control import Cancelled, Control
from engine.errors import StageError
from engine.folders import FolderCache
from engine.job import IfExists
from engine.roots import Identity
from engine.stages import FileContext, Stage
from engine.stages.chain import Chain, ChainCache
from engine.tasks import FileTask, Outcome, Status
from engine.temps import temp_name

CHUNK = 1 << 20
"""User-space chunk: large enough to amortise syscalls, small enough to keep memory flat."""
KERNEL_CHUNK = 8 << 20
"""Kernel copies go in steps this size so pause, cancel and progress stay responsive."""
RENAME_LIMIT = 10_000
HEARTBEAT_S = 1.0
"""Longest silence of a worker that is waiting on a command, as `Pacer.tick` keeps it."""
TARGET_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
"""Errors after which no further file can succeed until space is freed."""


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
    follow_symlinks: bool = False
    source_id: Identity | None = None
    """The source folder the job holds: a worker opening it by its path must find this one."""
    target_id: Identity | None = None
    """The same for the target; None in a dry run into a folder that does not exist yet."""
    owner: str = ""
    """The job's coordinating process (`temps.process_token`), named in temporary files."""


class TempFiles:
    """The temporary file being written, so a dying worker can remove it from any thread.

    No lock: one attribute write is atomic, and the worst race (two threads removing the same
    file) costs an ENOENT. A lock could also deadlock the SIGTERM handler, which runs on the
    thread that might be holding it. Temporary names are never reused, so a late removal
    cannot hit another file.
    """

    def __init__(self) -> None:
        self._current: tuple[int, str] | None = None

    def begin(self, dir_fd: int, name: str) -> None:
        """`name` in the folder `dir_fd` is ours to delete until `committed` or `discard`."""
        self._current = (dir_fd, name)

    def committed(self) -> None:
        """The file was renamed into place: nothing is left to delete."""
        self._current = None

    def discard(self) -> None:
        """Delete the file begun and not committed, if any."""
        current, self._current = self._current, None
        if current is not None:
            with contextlib.suppress(OSError):
                os.unlink(current[1], dir_fd=current[0])


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

    def tick(self) -> None:
        """Called while waiting on something slow (a command a stage runs): honours pause
        and cancel, and tells the coordinator about once a second that the worker is alive,
        so only a worker that is truly stuck looks stuck."""
        self._control.checkpoint()
        now = self._clock()
        if now - self._last_report >= HEARTBEAT_S:
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
            errno.EFBIG: "the file is too large for the target (its file system or a size limit)",
            errno.EMFILE: "too many open files (this process's limit, see ulimit -n)",
        }
        if exc.errno in reasons and exc.strerror == os.strerror(exc.errno):
            return reasons[exc.errno]
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


class Transfer:
    """Runs one task through the stage chain; never raises for a file's own failure.

    Every source file and target folder is reached name by name from the two root folders
    the caller holds open (`source_root`, `target_root`), never by a path."""

    def __init__(
        self,
        settings: TransferSettings,
        stages: tuple[Stage, ...],
        control: Control,
        temps: TempFiles,
        pacer: Pacer,
        temp_tag: str,
        *,
        source_root: int,
        target_root: int | None,
    ) -> None:
        self.settings = settings
        self.stages = stages
        self.control = control
        self.temps = temps
        self.pacer = pacer
        self._temp_tag = temp_tag
        self._temp_numbers = count()
        self._umask = current_umask()
        self._chain = ChainCache(stages)
        self._targets = None if target_root is None else FolderCache(target_root)
        self._sources = FolderCache(source_root, follow=settings.follow_symlinks)
        self.warnings: list[str] = []

    def _temp(self) -> str:
        return temp_name(self.settings.owner, self._temp_tag, next(self._temp_numbers))

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
            full = exc.errno in TARGET_FULL
            return Outcome(task.rel, Status.FAILED, reason=describe(exc), halts_job=full)
        except Exception as exc:
            return Outcome(task.rel, Status.FAILED, reason=f"{type(exc).__name__}: {exc}")

    def _file(self, task: FileTask) -> Outcome:
        self.warnings.clear()
        chain = self._chain(task.rel)
        out_rel = chain.output_name(task.rel)
        folder_rel, _, planned = out_rel.rpartition("/")
        dfd = self._target_folder(folder_rel)
        if dfd is None:
            return Outcome(task.rel, Status.DONE, task.size, output=_output(task.rel, out_rel))
        if task.fresh:
            skip, name = "", planned
        else:
            stamp = None if chain.plain else _stamp(task.size, task.mtime_ns, task.rel, chain)
            skip, name = self._decide(dfd, task, planned, chain.keeps_bytes, stamp=stamp)
        if skip:
            return Outcome(
                task.rel, Status.SKIPPED, task.size, skip, _output(task.rel, folder_rel, name)
            )
        if self.settings.dry_run:
            return Outcome(
                task.rel, Status.DONE, task.size, output=_output(task.rel, folder_rel, name)
            )
        for attempt in range(self.settings.retries + 1):
            result = self._write(task, chain, dfd, folder_rel, planned, name)
            if result is not None:
                return result
            self.warnings.append(f"changed while being copied; trying again ({attempt + 1})")
        return Outcome(
            task.rel,
            Status.FAILED,
            task.size,
            f"changed while being copied, {self.settings.retries + 1} times; copy it "
            "again when nothing is writing to it",
        )

    def _write(
        self, task: FileTask, chain: Chain, dfd: int, folder_rel: str, planned: str, name: str
    ) -> Outcome | None:
        """Copy once into a temporary file and rename it into place; None when the source
        changed meanwhile (its size or mtime moved), so the copy cannot be trusted."""
        tmp = self._temp()
        self.pacer.begin_file()
        src_fd = self._open_source(task.rel)
        try:
            before = os.fstat(src_fd)
            if not stat.S_ISREG(before.st_mode):
                return Outcome(task.rel, Status.FAILED, reason="no longer a regular file")
            size, mtime_ns = before.st_size, before.st_mtime_ns
            stamp = None if chain.plain else _stamp(size, mtime_ns, task.rel, chain)
            ctx = None
            mode = stat.S_IMODE(before.st_mode)
            self.temps.begin(dfd, tmp)
            try:
                # Made with its permission bits: no fchmod unless the umask strips some or
                # the mode has setuid, setgid or sticky bits.
                out_fd = _create_temp(dfd, tmp, mode & 0o777)
                try:
                    if chain.plain and not self.settings.verify:
                        copied, digest = self._kernel_copy(src_fd, out_fd, size), None
                    else:
                        ctx = FileContext(
                            task.rel,
                            self.settings.source / task.rel,
                            size,
                            mtime_ns,
                            checkpoint=self.pacer.tick,
                        )
                        copied, digest = self._stream(src_fd, out_fd, chain, ctx)
                    after = os.fstat(src_fd)
                    if after.st_size != size or after.st_mtime_ns != mtime_ns or copied != size:
                        return None
                    if mode & ~0o777 or mode & self._umask:
                        os.fchmod(out_fd, mode)
                    if stamp is not None:
                        _set_stamp(out_fd, stamp)
                    os.utime(out_fd, ns=(before.st_atime_ns, mtime_ns))
                    if self.settings.fsync:
                        os.fsync(out_fd)
                finally:
                    os.close(out_fd)
                if digest is not None and self.settings.verify:
                    mismatch = verify_written(dfd, tmp, digest)
                    if mismatch:
                        return Outcome(task.rel, Status.FAILED, reason=mismatch)
                if ctx is not None and ctx.passed:
                    kept = posixpath.basename(chain.output_name(task.rel, ctx.passed))
                    if kept != planned:
                        seen = FileTask(task.rel, "file", size, mtime_ns, task.atime_ns, task.mode)
                        skip, name = self._decide(dfd, seen, kept, True, stamp=stamp)
                        if skip:
                            return Outcome(task.rel, Status.SKIPPED, task.size, skip)
                name = self._commit(dfd, tmp, name)
                self.temps.committed()
                if self.settings.fsync:
                    os.fsync(dfd)
            finally:
                self.temps.discard()
        finally:
            os.close(src_fd)
        if ctx is None:
            return Outcome(
                task.rel,
                Status.DONE,
                copied,
                output=_output(task.rel, folder_rel, name),
                warnings=tuple(self.warnings),
            )
        return Outcome(
            task.rel,
            Status.DONE,
            copied,
            output=_output(task.rel, folder_rel, name),
            record=ctx.record,
            warnings=(*self.warnings, *ctx.warnings),
        )

    def _target_folder(self, rel: str) -> int | None:
        """The target folder, reached without following symlinks (kept open for the files
        after it); None in a dry run where it does not exist yet, so nothing is in the way."""
        if self._targets is None:
            return None
        try:
            return self._targets.get(rel)
        except FileNotFoundError:
            if not self.settings.dry_run:
                raise OSError(errno.ENOENT, "the target folder is missing") from None
            return None

    def _open_source(self, rel: str) -> int:
        """The source file, opened without blocking (a file swapped for a FIFO since the scan
        cannot hang us) and, unless links are followed, through no symlink at its name or on
        the way: a folder swapped for a link since the scan makes the file fail, never leads
        out of the source."""
        follow = self.settings.follow_symlinks
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
        folder_rel, name = posixpath.split(rel)
        try:
            return os.open(name, flags, dir_fd=self._sources.get(folder_rel))
        except FileNotFoundError:
            raise OSError(
                errno.ENOENT, "the source file vanished before it could be read"
            ) from None

    def end_batch(self) -> None:
        """Close the folders kept open for the batch just done."""
        if self._targets is not None:
            self._targets.clear()
        self._sources.clear()

    def _symlink(self, task: FileTask) -> Outcome:
        folder_rel, source_name = posixpath.split(task.rel)
        sfd = self._sources.get(folder_rel)
        link_text = os.readlink(source_name, dir_fd=sfd)
        dfd = self._target_folder(folder_rel)
        if dfd is None:
            return Outcome(task.rel, Status.DONE)
        skip, name = (
            ("", source_name)
            if task.fresh
            else self._decide(dfd, task, source_name, True, link_text=link_text)
        )
        if skip:
            return Outcome(task.rel, Status.SKIPPED, 0, skip)
        if self.settings.dry_run:
            return Outcome(task.rel, Status.DONE)
        tmp = self._temp()
        self.temps.begin(dfd, tmp)
        try:
            os.symlink(link_text, tmp, dir_fd=dfd)
            with contextlib.suppress(NotImplementedError, OSError):
                times = (task.atime_ns, task.mtime_ns)
                os.utime(tmp, ns=times, dir_fd=dfd, follow_symlinks=False)
            name = self._commit(dfd, tmp, name)
            self.temps.committed()
        finally:
            self.temps.discard()
        return Outcome(task.rel, Status.DONE, output=_output(task.rel, folder_rel, name))

    def _decide(
        self,
        dfd: int,
        task: FileTask,
        name: str,
        same_size: bool,
        *,
        link_text: str | None = None,
        stamp: bytes | None = None,
    ) -> tuple[str, str]:
        """Apply the if-exists policy: a reason to skip (or ""), and the name to write."""

        def unchanged(existing: os.stat_result, candidate: str) -> bool:
            return _unchanged(existing, dfd, candidate, task, same_size, link_text, stamp)

        return decide(self.settings.if_exists, dfd, name, task.mtime_ns, unchanged)

    def _commit(self, dfd: int, tmp: str, name: str) -> str:
        """Rename the finished temporary file into place; return the name it got."""
        if self.settings.if_exists is not IfExists.RENAME:
            os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
            return name
        return place_without_replacing(dfd, tmp, name)

    def _kernel_copy(self, src_fd: int, out_fd: int, limit: int) -> int:
        """Copy at most `limit` bytes (the size when the copy began: a file growing faster
        than it is copied must still end, and the size check then catches the change)."""
        total = 0
        copy = _copy_file_range
        while total < limit:
            try:
                n = copy(src_fd, out_fd, min(self.pacer.step(), limit - total))
            except OSError as exc:
                if copy is _copy_file_range and exc.errno in _NO_KERNEL_COPY:
                    copy = _sendfile
                    continue
                if copy is _sendfile and exc.errno in _NO_KERNEL_COPY:
                    copy = _read_write
                    continue
                raise
            if n == 0:
                break
            total += n
            self.pacer.advance(n)
        return total

    def _stream(
        self, src_fd: int, out_fd: int, chain: Chain, ctx: FileContext
    ) -> tuple[int, bytes]:
        """Stream at most `ctx.size` bytes through the chain, for the same reason as above."""
        import hashlib  # here: plain copies, most of the work, never hash (OpenSSL loads slowly)

        read = 0

        def source_chunks() -> Iterator[bytes]:
            nonlocal read
            while read < ctx.size and (chunk := os.read(src_fd, min(CHUNK, ctx.size - read))):
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


def _stamp(size: int, mtime_ns: int, rel: str, chain: Chain) -> bytes:
    head = f"1 {size} {mtime_ns} {chain.fingerprint} "
    return head.encode() + os.fsencode(rel)


def _set_stamp(fd: int, stamp: bytes) -> None:
    """Best effort: where the file system has no extended attributes the file is redone."""
    with contextlib.suppress(OSError):
        os.setxattr(fd, STAMP_XATTR, stamp)


def _read_stamp(dfd: int, name: str) -> bytes | None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dfd)
    except OSError:
        return None
    try:
        return os.getxattr(fd, STAMP_XATTR)
    except OSError:
        return None
    finally:
        os.close(fd)


def decide(
    policy: IfExists,
    dfd: int,
    name: str,
    mtime_ns: int,
    unchanged: Callable[[os.stat_result, str], bool],
) -> tuple[str, str]:
    """The if-exists policy for `name` in the folder `dfd`, for copies and links alike: a
    reason to skip (or "") and the name to write, a free `name (n).ext` under `rename`.
    `unchanged(existing, candidate)` says whether what is there already is the output."""
    if policy is IfExists.OVERWRITE:
        return "", name  # whatever is there: no need to look
    try:
        existing = os.stat(name, dir_fd=dfd, follow_symlinks=False)
    except FileNotFoundError:
        return "", name
    decided = policy_decision(policy, existing, mtime_ns)
    if decided is not None:
        return decided, name
    if unchanged(existing, name):
        return "unchanged", name
    if policy is IfExists.RENAME:
        candidate = name
        for _ in range(RENAME_LIMIT):
            candidate = free_name(candidate)
            try:
                existing = os.stat(candidate, dir_fd=dfd, follow_symlinks=False)
            except FileNotFoundError:
                return "", candidate
            if unchanged(existing, candidate):
                return f"unchanged (as {candidate})", candidate
        raise OSError(errno.EEXIST, "no free name left for a renamed copy")
    return "", name


_NOT_SUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM}


def place_without_replacing(dfd: int, tmp: str, name: str) -> str:
    """Rename the file `tmp` to `name`, or to the first free `name (n).ext`, never over an
    existing file; return the name it got.

    Tried in turn, as the file system allows: a rename that refuses to replace
    (renameat2 RENAME_NOREPLACE), a hard link then removing `tmp`, and where there is
    neither (exFAT and FAT through FUSE) claiming the name with an exclusive create and
    renaming over that claim, which an empty file holds for an instant."""
    candidate = name
    for _ in range(RENAME_LIMIT):
        for place in _PLACINGS:
            try:
                place(dfd, tmp, candidate)
                return candidate
            except FileExistsError:
                break  # the name is taken: try the next one
            except OSError as exc:
                if exc.errno not in _NOT_SUPPORTED or place is _PLACINGS[-1]:
                    raise
        candidate = free_name(candidate)
    raise OSError(errno.EEXIST, "no free name left for a renamed copy")


def _link_then_unlink(dfd: int, old: str, new: str) -> None:
    os.link(old, new, src_dir_fd=dfd, dst_dir_fd=dfd, follow_symlinks=False)
    os.unlink(old, dir_fd=dfd)


def _claim_then_rename(dfd: int, old: str, new: str) -> None:
    os.close(os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600, dir_fd=dfd))
    os.replace(old, new, src_dir_fd=dfd, dst_dir_fd=dfd)


def _rename_noreplace(dfd: int, old: str, new: str) -> None:
    import ctypes  # here: only the rename policy needs it

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if renameat2(dfd, os.fsencode(old), dfd, os.fsencode(new), _RENAME_NOREPLACE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), new)


_RENAME_NOREPLACE = 1
_PLACINGS: tuple[Callable[[int, str, str], None], ...] = (
    _rename_noreplace,
    _link_then_unlink,
    _claim_then_rename,
)


def policy_decision(policy: IfExists, existing: os.stat_result, mtime_ns: int) -> str | None:
    """The if-exists decision where the policy alone settles it: a reason to skip, "" to
    write; None for `changed` and `rename`, which look at the target (`_unchanged`)."""
    if policy is IfExists.OVERWRITE:
        return ""
    if policy is IfExists.SKIP:
        return "target exists"
    if policy is IfExists.NEWER:
        return "" if mtime_ns > existing.st_mtime_ns else "target is as new or newer"
    return None


def quick_check(policy: IfExists, existing: os.stat_result, size: int, mtime_ns: int) -> str:
    """Why a plain copy that keeps its source's name would be skipped, judged from the
    target's lstat alone exactly as `Transfer._decide` judges it; "" when it would not be
    (then a worker decides, and writes or, under `rename`, looks for a free name)."""
    if policy is IfExists.CHANGED or policy is IfExists.RENAME:
        return "unchanged" if _same_file_data(existing, size, mtime_ns) else ""
    return policy_decision(policy, existing, mtime_ns) or ""


def _same_file_data(existing: os.stat_result, size: int | None, mtime_ns: int) -> bool:
    """rsync's quick check on a target's lstat: a regular file with this mtime (and size,
    unless None: stages that change the bytes change the size)."""
    return (
        stat.S_ISREG(existing.st_mode)
        and existing.st_mtime_ns == mtime_ns
        and (size is None or existing.st_size == size)
    )


def _unchanged(
    existing: os.stat_result,
    dfd: int,
    name: str,
    task: FileTask,
    same_size: bool,
    link_text: str | None,
    stamp: bytes | None,
) -> bool:
    """rsync's quick check (kind, mtime, size where stages keep it); for transformed
    outputs, also the stamp saying which source and chain made them."""
    if link_text is not None:
        return stat.S_ISLNK(existing.st_mode) and os.readlink(name, dir_fd=dfd) == link_text
    return _same_file_data(existing, task.size if same_size else None, task.mtime_ns) and (
        stamp is None or _read_stamp(dfd, name) == stamp
    )


def _output(rel: str, folder_rel: str, name: str = "") -> str:
    """The output's relative name when a stage or the rename policy changed it, else ""."""
    output = (f"{folder_rel}/{name}" if folder_rel else name) if name else folder_rel
    return "" if output == rel else output


def _create_temp(dfd: int, name: str, mode: int) -> int:
    return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode, dir_fd=dfd)


def current_umask() -> int:
    """This process's umask, read without setting it (another thread may be creating files);
    where /proc cannot tell, every bit counts as masked, so modes are always set."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o777


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


def verify_written(dfd: int, name: str, expected: bytes) -> str:
    """Re-read a written file from the disk (not the cache) and compare digests; "" if equal."""
    import hashlib

    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dfd)
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


def free_name(name: str) -> str:
    """`name (1).ext` for `name.ext`, `name (2).ext` for `name (1).ext`, and so on."""
    stem, ext = os.path.splitext(name)
    number = 1
    base, sep, counter = stem.rpartition(" (")
    if sep and counter.endswith(")") and counter[:-1].isdigit():
        stem, number = base, int(counter[:-1]) + 1
    return f"{stem} ({number}){ext}"
