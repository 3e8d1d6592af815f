"""Moving a file's bytes: through the kernel for plain copies, through user space otherwise.

Plain copies are cloned where the file system can share the source's blocks (btrfs, XFS:
the `reflink` setting, as in `cp --reflink`), else go through the kernel (`copy_file_range`,
then `sendfile`, then plain reads and writes where neither works between these two files);
anything that transforms or verifies
streams through the stage chain in bounded chunks. A plain copy of a sparse file copies only
its data and leaves its holes as holes (unless the job's `no_preserve` names "sparse").
Either way at most the size the file had when the
copy began is read, so a file growing faster than it is copied still ends (and the size
check after the copy catches the change). Memory stays flat whatever the file size.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.stages import FileContext
    from engine.stages.chain import Chain
    from engine.worker.pacing import Pacer

CHUNK = 1 << 20
"""User-space chunk: large enough to amortise syscalls, small enough to keep memory flat."""

_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


class Reflink(StrEnum):
    """Whether a plain copy shares the source's blocks (a clone) instead of copying them."""

    AUTO = "auto"
    """Clone where the file system can, copy otherwise."""
    ALWAYS = "always"
    """Clone or fail the file, saying why."""
    NEVER = "never"
    """Always copy the bytes (the kernel's copy offload, which may clone, is not used)."""


_FICLONE = 0x40049409
"""The ioctl that makes a file share all of another's blocks (`_IOW(0x94, 9, int)`)."""
_NO_CLONE = {
    errno.EXDEV: "the source and target are on different file systems",
    errno.EOPNOTSUPP: "the target file system cannot clone files",
    errno.ENOTTY: "the target file system cannot clone files",
    errno.ENOSYS: "the target file system cannot clone files",
    errno.EINVAL: "the target file system cannot clone this file",
    errno.EPERM: "the target file system refused the clone",
    errno.ETXTBSY: "the source is a swap file or in use in a way that forbids sharing it",
}
"""Why a file could not be cloned, by the error the clone gave."""


_FS_WIDE = {errno.EXDEV, errno.EOPNOTSUPP, errno.ENOTTY, errno.ENOSYS}
"""Clone errors that hold for every file between the same two file systems."""


class Cloner:
    """Clones files under a `reflink` setting for one worker, remembering the source file
    systems whose files could not be cloned into the target for a reason that holds for
    all of them (another file system, one that cannot clone): under `auto` a copy onto ext4
    costs one failed try per worker, not one per file."""

    def __init__(self, reflink: Reflink) -> None:
        self.reflink = reflink
        self._cannot: set[int] = set()
        """Devices of sources whose files cannot be cloned into the target."""

    def clone(self, src_fd: int, out_fd: int, source: os.stat_result) -> bool:
        """Make `out_fd` share every block of `src_fd` (whose stat is `source`); whether
        it did. Under `always` a file that cannot be cloned raises, saying why."""
        if self.reflink is Reflink.NEVER or not source.st_size:
            return False
        if self.reflink is Reflink.AUTO and source.st_dev in self._cannot:
            return False
        import fcntl  # here: only clones need it

        try:
            fcntl.ioctl(out_fd, _FICLONE, src_fd)
        except OSError as exc:
            if exc.errno not in _NO_CLONE:
                raise
            if self.reflink is Reflink.ALWAYS:
                why = _NO_CLONE[exc.errno]
                raise OSError(
                    exc.errno, f"could not be cloned ({why}); use --reflink auto"
                ) from None
            if exc.errno in _FS_WIDE:
                self._cannot.add(source.st_dev)
            return False
        return True


def kernel_copy(
    src_fd: int,
    out_fd: int,
    source: os.stat_result,
    pacer: Pacer,
    *,
    sparse: bool = True,
    cloner: Cloner | None = None,
) -> int:
    """Copy at most the source's size as `source` (its stat when the copy began) gives it
    (a file growing faster than it is copied must still end, and the size check then
    catches the change); return how many source bytes were covered, holes included.

    A file whose allocated blocks cover its size has no holes and is copied straight
    through. Otherwise only its data extents are copied, each at its own offset, and the
    output is extended to the full size, so holes (a trailing one too) stay holes. Holes
    count as progress, but not against a bandwidth limit (no data moves for them).

    Unless `sparse`: then every byte is written, holes as zeros, so the copy is allocated
    whole (through `sendfile`, which, unlike `copy_file_range`, never clones or punches
    holes).

    With a `cloner` a clone is tried first (holes and all, in one call; it counts as
    progress but not against a bandwidth limit, as no data moves); under `reflink` never
    `sendfile` does the work, since `copy_file_range` may clone."""
    limit = source.st_size
    cloner = cloner or Cloner(Reflink.AUTO)
    if cloner.clone(src_fd, out_fd, source):
        size = os.fstat(out_fd).st_size
        pacer.skip(size)
        return size
    never = cloner.reflink is Reflink.NEVER
    way = _sendfile if never or not sparse else _copy_file_range
    if source.st_blocks * 512 >= limit or not sparse:
        return _copy_span(src_fd, out_fd, limit, pacer, way)[0]
    return _copy_sparse(src_fd, out_fd, limit, pacer, way)


_Copy = Callable[[int, int, int], int]
_NO_SEEK_DATA = {errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS}


def _copy_span(
    src_fd: int, out_fd: int, count: int, pacer: Pacer, copy: _Copy
) -> tuple[int, _Copy]:
    """Copy up to `count` bytes from both descriptors' current offsets with `copy`, falling
    back to slower ways where it does not work here; return the bytes copied (fewer at
    the source's end) and the way that worked, for the next span."""
    total = 0
    while total < count:
        try:
            n = copy(src_fd, out_fd, min(pacer.step(), count - total))
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
        pacer.advance(n)
    return total, copy


def _copy_sparse(src_fd: int, out_fd: int, limit: int, pacer: Pacer, copy: _Copy) -> int:
    """Copy the data extents below `limit` (found with SEEK_DATA and SEEK_HOLE) at their
    offsets with `copy` and skip the holes; where the file system cannot tell, copy the rest
    whole."""
    pos = 0
    while pos < limit:
        try:
            start = os.lseek(src_fd, pos, os.SEEK_DATA)
        except OSError as exc:
            if exc.errno == errno.ENXIO:  # no data from pos on: a hole up to the file's end
                start = os.fstat(src_fd).st_size
            elif exc.errno in _NO_SEEK_DATA:
                os.lseek(src_fd, pos, os.SEEK_SET)
                os.lseek(out_fd, pos, os.SEEK_SET)
                pos += _copy_span(src_fd, out_fd, limit - pos, pacer, copy)[0]
                break
            else:
                raise
        start = min(start, limit)
        if start > pos:
            pacer.skip(start - pos)  # a hole: done, and free under a bandwidth limit
            pos = start
        if pos >= limit:
            break
        try:
            end = min(os.lseek(src_fd, pos, os.SEEK_HOLE), limit)
        except OSError as exc:
            if exc.errno == errno.ENXIO:  # the file shrank below pos meanwhile
                break
            raise
        os.lseek(src_fd, pos, os.SEEK_SET)
        os.lseek(out_fd, pos, os.SEEK_SET)
        want = end - pos
        copied, copy = _copy_span(src_fd, out_fd, want, pacer, copy)
        pos += copied
        if copied < want:  # the source ended early: it shrank
            break
    os.ftruncate(out_fd, pos)
    return pos


def stream(
    src_fd: int, out_fd: int, chain: Chain, ctx: FileContext, pacer: Pacer
) -> tuple[int, bytes]:
    """Stream at most `ctx.size` bytes through the chain, for the same reason as above;
    return the bytes read and the digest of the bytes written."""
    import hashlib  # here: plain copies, most of the work, never hash (OpenSSL loads slowly)

    read = 0

    def source_chunks() -> Iterator[bytes]:
        nonlocal read
        while read < ctx.size and (chunk := os.read(src_fd, min(CHUNK, ctx.size - read))):
            read += len(chunk)
            pacer.advance(len(chunk))
            yield chunk

    digest = hashlib.blake2b()
    for chunk in chain.transform(source_chunks(), ctx):
        digest.update(chunk)
        view = memoryview(chunk)
        while view:
            view = view[os.write(out_fd, view) :]
    return read, digest.digest()


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
