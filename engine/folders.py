"""Opening folders one name at a time, never through a symbolic link.

Writing `target/a/b/file` by its path would follow a symlink that replaced `a` mid-run
and land outside the target; walking the names with O_NOFOLLOW and working relative to the
last folder's descriptor cannot. It also reaches paths longer than PATH_MAX (4096 bytes),
since no single system call sees the whole path.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_PATH_FLAGS = os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC


def open_folder(root: Path, rel: str, *, follow: bool = False) -> int:
    """A descriptor of `root/rel` reached name by name; symlinks on the way refused unless
    `follow`. The folders on the way need only search permission, as with a path (they are
    opened with O_PATH); the last one is opened for reading. The caller closes it."""
    names = rel.split("/") if rel else []
    nofollow = 0 if follow else os.O_NOFOLLOW
    fd = os.open(root, _DIR_FLAGS if not names else _PATH_FLAGS)
    try:
        for index, name in enumerate(names):
            flags = (_DIR_FLAGS if index == len(names) - 1 else _PATH_FLAGS) | nofollow
            try:
                child = os.open(name, flags, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(name, fd):
                    raise OSError(
                        errno.ELOOP, f"the folder '{name}' on the way is a symbolic link"
                    ) from None
                raise
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextmanager
def folder(root: Path, rel: str, *, follow: bool = False) -> Iterator[int]:
    fd = open_folder(root, rel, follow=follow)
    try:
        yield fd
    finally:
        os.close(fd)


def _is_link(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


class FolderCache:
    """Descriptors of the folders a batch of files goes into, so each is opened once.

    A descriptor keeps leading to the folder it reached, even if that folder's name is
    replaced meanwhile (by a symlink, say): the batch's remaining files land in that folder,
    wherever it was moved, never through the link. The cache is cleared after each batch, and
    the next one reaches its folders name by name again, which refuses the link.
    """

    def __init__(self, root: Path, *, follow: bool = False, size: int = 16) -> None:
        self.root = root
        self.follow = follow
        self.size = size
        self._fds: dict[str, int] = {}

    def get(self, rel: str) -> int:
        fd = self._fds.get(rel)
        if fd is None:
            fd = open_folder(self.root, rel, follow=self.follow)
            if len(self._fds) >= self.size:
                self.clear()
            self._fds[rel] = fd
        return fd

    def clear(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()
