"""`--checksum`: two files judged by what they hold, not by their size and time."""

from __future__ import annotations

import os
import stat

CHUNK = 1 << 20


def same_contents(
    src_dir: int, src_name: str, dst_dir: int, dst_name: str, existing: os.stat_result
) -> bool:
    """Whether the source file and the regular file at the target (`existing`, its lstat)
    hold the same bytes, by a digest of each read in chunks (memory stays flat); files of
    different sizes never are."""
    import hashlib  # here: only --checksum needs it, and it loads OpenSSL

    if not stat.S_ISREG(existing.st_mode):
        return False
    digests = []
    for folder, name in ((src_dir, src_name), (dst_dir, dst_name)):
        fd = os.open(
            name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder
        )
        try:
            if os.fstat(fd).st_size != existing.st_size:
                return False
            digest = hashlib.blake2b()
            while chunk := os.read(fd, CHUNK):
                digest.update(chunk)
            digests.append(digest.digest())
        finally:
            os.close(fd)
    return digests[0] == digests[1]
