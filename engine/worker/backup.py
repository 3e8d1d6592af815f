"""`--backup-dir`: what a job replaces or a mirror deletes is kept there, not destroyed.

An entry about to be replaced or deleted is first given a second name in the backup folder,
under its relative path: a hard link where both are on one file system (the entry never
leaves its place until the new one is renamed over it), a copy with its mode, owner and
times otherwise. Only then is it replaced or removed. Everything goes through folder
descriptors, name by name, without following symlinks, in the target and in the backup.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_CHUNK = 1 << 20


class Backup:
    """Keeps entries of the target under the held backup folder `root`."""

    def __init__(self, root: int) -> None:
        self.root = root

    def save(self, dfd: int, name: str, rel: str) -> None:
        """Give the entry `name` of the target folder `dfd` (at `rel` in the target) a name
        at `rel` in the backup, replacing an older backup of it; a folder gets an empty
        folder (its entries are saved one by one)."""
        info = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        folder_rel, _, base = rel.rpartition("/")
        bfd = self._folder(folder_rel)
        try:
            if stat.S_ISDIR(info.st_mode):
                with contextlib.suppress(FileExistsError):
                    os.mkdir(base, stat.S_IMODE(info.st_mode), dir_fd=bfd)
                return
            _clear(bfd, base)
            try:
                os.link(name, base, src_dir_fd=dfd, dst_dir_fd=bfd, follow_symlinks=False)
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
                    raise
                _copy(dfd, name, info, bfd, base)
        finally:
            os.close(bfd)

    def _folder(self, rel: str) -> int:
        """The backup folder `rel`, made as needed, reached without following symlinks."""
        fd = os.dup(self.root)
        for part in filter(None, rel.split("/")):
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o755, dir_fd=fd)
            try:
                sub = os.open(part, _DIR_FLAGS, dir_fd=fd)
            finally:
                os.close(fd)
            fd = sub
        return fd


def _clear(bfd: int, name: str) -> None:
    """Remove an older backup at `name` (a folder there is in the way: an error says so)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name, dir_fd=bfd)


def _copy(dfd: int, name: str, info: os.stat_result, bfd: int, base: str) -> None:
    """A copy of the entry in the backup, for another file system than the target's."""
    if stat.S_ISLNK(info.st_mode):
        os.symlink(os.readlink(name, dir_fd=dfd), base, dir_fd=bfd)
    elif stat.S_ISREG(info.st_mode):
        src = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dfd)
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
            out = os.open(base, flags, 0o600, dir_fd=bfd)
            try:
                while chunk := os.read(src, _CHUNK):
                    view = memoryview(chunk)
                    while view:
                        view = view[os.write(out, view) :]
            finally:
                os.close(out)
        finally:
            os.close(src)
    elif stat.S_ISFIFO(info.st_mode):
        os.mkfifo(base, 0o600, dir_fd=bfd)
    else:
        os.mknod(base, stat.S_IFMT(info.st_mode) | 0o600, info.st_rdev, dir_fd=bfd)
    with contextlib.suppress(OSError):
        os.chown(base, info.st_uid, info.st_gid, dir_fd=bfd, follow_symlinks=False)
    if not stat.S_ISLNK(info.st_mode):
        os.chmod(base, stat.S_IMODE(info.st_mode), dir_fd=bfd)
    with contextlib.suppress(OSError, NotImplementedError):
        times = (info.st_atime_ns, info.st_mtime_ns)
        os.utime(base, ns=times, dir_fd=bfd, follow_symlinks=False)
