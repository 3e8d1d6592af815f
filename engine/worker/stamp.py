"""The stamp on a transformed output: which source and which stage chain produced it.

A plain copy is known to be up to date by size and mtime alone (rsync's quick check); a
compressed or re-encoded output has neither its source's size nor, by itself, any sign of
which chain made it. So each such output carries an extended attribute naming its source
(size, mtime, path) and the chain's fingerprint, and a re-run skips it only when the stamp
still matches.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.stages.chain import Chain

STAMP_XATTR = "user.conveyor.source"
"""On a transformed output: which source (size, mtime, path) and chain produced it."""


def make_stamp(size: int, mtime_ns: int, rel: str, chain: Chain) -> bytes:
    head = f"1 {size} {mtime_ns} {chain.fingerprint} "
    return head.encode() + os.fsencode(rel)


def set_stamp(fd: int, stamp: bytes) -> None:
    """Best effort: where the file system has no extended attributes the file is redone."""
    with contextlib.suppress(OSError):
        os.setxattr(fd, STAMP_XATTR, stamp)


def read_stamp(dfd: int, name: str) -> bytes | None:
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
