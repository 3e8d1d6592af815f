"""Opening folders one name at a time below a held root, never through a symbolic link.

Writing `target/a/b/file` by its path would follow a symlink that replaced `a` mid-run
and land outside the target, and reading `source/a/b/file` would follow one out of the
source; walking the names with O_NOFOLLOW from a descriptor of the root (held since the job
started, see `engine.roots`) and working relative to the last folder's descriptor cannot.
It also reaches paths longer than PATH_MAX (4096 bytes), since no single system call sees
the whole path.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_PATH_FLAGS = os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC


def open_folder(root: int, rel: str, *, follow: bool = False) -> int:
    """A new descriptor of the folder `rel` below the folder `root` (a descriptor), reached
    name by name; symlinks on the way refused unless `follow`. The folders on the way need
    only search permission, as with a path (they are opened with O_PATH); the last one is
    opened for reading. The caller closes it."""
    if not rel:
        return os.open(".", _DIR_FLAGS, dir_fd=root)
    names = rel.split("/")
    nofollow = 0 if follow else os.O_NOFOLLOW
    fd = root
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
            if fd != root:
                os.close(fd)
            fd = child
    except BaseException:
        if fd != root:
            os.close(fd)
        raise
    return fd


@contextmanager
def folder(root: int, rel: str, *, follow: bool = False) -> Iterator[int]:
    fd = open_folder(root, rel, follow=follow)
    try:
        yield fd
    finally:
        os.close(fd)


def exists_at(dir_fd: int, name: str) -> bool:
    """Whether anything (a link included, not followed) has this name in the folder."""
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return False
    return True


def _is_link(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


class FolderCache:
    """Descriptors of the folders a batch of files goes into (or comes from), so each is
    opened once.

    A descriptor keeps leading to the folder it reached, even if that folder's name is
    replaced meanwhile (by a symlink, say): the batch's remaining files land in that folder,
    wherever it was moved, never through the link. The cache is cleared after each batch, and
    the next one reaches its folders name by name again, which refuses the link.
    """

    def __init__(self, root: int, *, follow: bool = False, size: int = 16) -> None:
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


class Entry(Protocol):
    """What a walk needs of an entry: an `os.DirEntry` from a listing, or a `NamedEntry`."""

    @property
    def name(self) -> str: ...

    def is_symlink(self) -> bool: ...

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result: ...


class NamedEntry:
    """An entry reached by its name, not by listing its folder (a `--files-from` path):
    looked up at once, so a missing name raises here. The scan and `engine check` reach
    listed paths with it alike."""

    __slots__ = ("_fd", "_followed", "_lstat", "name")

    def __init__(self, folder_fd: int, name: str) -> None:
        self.name = name
        self._fd = folder_fd
        self._lstat = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
        self._followed: os.stat_result | None = None

    def is_symlink(self) -> bool:
        return stat.S_ISLNK(self._lstat.st_mode)

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        if not (follow_symlinks and self.is_symlink()):
            return self._lstat
        if self._followed is None:
            self._followed = os.stat(self.name, dir_fd=self._fd)
        return self._followed
