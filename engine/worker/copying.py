"""Moving a file's bytes: through the kernel for plain copies, through user space otherwise.

Plain copies go through the kernel (`copy_file_range`, then `sendfile`, then plain reads and
writes where neither works between these two files); anything that transforms or verifies
streams through the stage chain in bounded chunks. Either way at most the size the file had
when the copy began is read, so a file growing faster than it is copied still ends (and the
size check after the copy catches the change). Memory stays flat whatever the file size.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.stages import FileContext
    from engine.stages.chain import Chain
    from engine.worker.pacing import Pacer

CHUNK = 1 << 20
"""User-space chunk: large enough to amortise syscalls, small enough to keep memory flat."""

_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


def kernel_copy(src_fd: int, out_fd: int, limit: int, pacer: Pacer) -> int:
    """Copy at most `limit` bytes (the size when the copy began: a file growing faster
    than it is copied must still end, and the size check then catches the change)."""
    total = 0
    copy = _copy_file_range
    while total < limit:
        try:
            n = copy(src_fd, out_fd, min(pacer.step(), limit - total))
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
    return total


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
