"""Renaming a finished file into place without replacing what is there (the `rename` policy).

Checking for a free name and then renaming is a race: another program can take the name in
between, and a plain rename would destroy its file. Each way of placing here fails instead
when the name is taken, and the next free `name (n).ext` is tried.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable

from engine.worker.policy import RENAME_LIMIT, free_name

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
