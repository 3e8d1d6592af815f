"""The job's two root folders, known by what they are (device and inode), not by their names.

Paths lie at the edges: a bind mount shows one folder at two paths, a symlink or `..` leads
somewhere else than the text suggests, and a folder can be renamed or swapped for a link
while a job runs. So the checks here compare folders by identity along their ancestry (the
chain of `..` the kernel follows), and a running job holds both roots open from the start:
every later open, create, rename, link and chmod works relative to those descriptors, and a
root whose path no longer leads to the held folder stops the job (`Roots.replaced`).

This module imports only the standard library: the CLI checks folders before it loads the
rest of the engine.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_PATH = os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC
MAX_DEPTH = 4096
"""More folders above one than any real path has: a bound for a walk up through `..`."""


class Identity(NamedTuple):
    """A folder as the kernel knows it."""

    dev: int
    ino: int

    @classmethod
    def of(cls, info: os.stat_result) -> Identity:
        return cls(info.st_dev, info.st_ino)


def identity(path: Path) -> Identity:
    """The identity of the folder at `path` (symlinks in the path followed)."""
    return Identity.of(os.stat(path))


def ancestry(path: Path) -> list[Identity]:
    """The folder at `path` and every folder above it up to `/`, as identities, nearest
    first, reached through `..` as the kernel resolves it (so through mounts, not names)."""
    fd = os.open(path, _PATH)
    chain: list[Identity] = []
    try:
        for _ in range(MAX_DEPTH):
            here = Identity.of(os.fstat(fd))
            if chain and chain[-1] == here:
                break  # `/` is its own parent
            chain.append(here)
            parent = os.open("..", _PATH, dir_fd=fd)
            os.close(fd)
            fd = parent
    finally:
        os.close(fd)
    return chain


def nearest_existing(path: Path) -> Path:
    """`path`, or the nearest folder above it that exists (a target may not exist yet).
    Names are dropped from the end of the path as given, not of a normalised one, so the
    kernel resolves `..` and symlinks in what is left as it will when the folder is made."""
    where = Path(path)
    while not where.is_dir() and where.parent != where:
        where = where.parent
    return where


def overlap_problem(source: Path, target: Path) -> str | None:
    """Why this target cannot be used with this source, compared by identity: the same
    folder, or a target inside the source (a copy would walk into its own output); None
    otherwise. A source inside the target is `source_position`'s to judge."""
    try:
        source_id = identity(source)
        target_chain = ancestry(nearest_existing(target))
    except OSError:
        return None  # a missing or unreadable folder is reported on its own
    target_exists = os.path.isdir(target)
    if target_exists and target_chain[0] == source_id:
        return "target folder is the source folder; choose a different target"
    if source_id in target_chain:
        return f"target folder '{target}' is inside the source folder; choose a target outside it"
    return None


def source_position(source: Path, target: Path) -> str | None:
    """Where the source lies inside the (existing) target, as a relative path like
    `backups/src`, found by identity; None when it does not lie inside the target."""
    try:
        target_id = identity(target)
        chain = ancestry(source)
    except OSError:
        return None
    if target_id not in chain[1:]:
        return None
    names: list[str] = []
    fd = os.open(source, _PATH)
    try:
        while True:
            here = Identity.of(os.fstat(fd))
            if here == target_id:
                return "/".join(reversed(names))
            parent = os.open("..", _DIR, dir_fd=fd)
            os.close(fd)
            fd = parent
            names.append(_name_of(here, fd))
    finally:
        os.close(fd)


def _name_of(child: Identity, parent_fd: int) -> str:
    """The name under which the folder `child` appears in the folder `parent_fd` (stat, not
    the listing's inode: a mount point lists the inode of the folder it covers)."""
    with os.scandir(parent_fd) as entries:
        for entry in entries:
            try:
                info = os.stat(entry.name, dir_fd=parent_fd, follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode) and Identity.of(info) == child:
                return entry.name
    raise OSError(errno.ENOENT, "a folder on the way is not listed in its parent")


def open_root(path: Path) -> int:
    """A descriptor of the folder at `path`, to work relative to for the whole job."""
    return os.open(path, _DIR)


def open_verified(path: Path, expected: Identity, what: str) -> int:
    """Open the root at `path` and check it is the folder the job started with: a process
    that reaches the roots by name later (a worker) works on the same folders or on none."""
    fd = open_root(path)
    if Identity.of(os.fstat(fd)) != expected:
        os.close(fd)
        raise RootReplaced(replaced_text(what, path))
    return fd


class RootReplaced(OSError):
    """A root's path no longer leads to the folder the job holds."""


def replaced_text(what: str, path: Path) -> str:
    return (
        f"the {what} folder '{path}' was moved or replaced while the job ran; stopped, "
        f"and nothing was written anywhere else (check the folder and run the job again)"
    )


class Roots:
    """The source and target folders of a running job, held open from its start.

    The target is None until it exists: `create_target` makes it (a dry run never does)."""

    def __init__(self, source: Path, target: Path) -> None:
        self.source_path = source
        self.target_path = target
        self.source = open_root(source)
        self.source_id = Identity.of(os.fstat(self.source))
        self.target: int | None = None
        self.target_id: Identity | None = None
        if os.path.isdir(target):
            try:
                self._hold_target()
            except BaseException:
                self.close()
                raise

    def _hold_target(self) -> None:
        self.target = open_root(self.target_path)
        self.target_id = Identity.of(os.fstat(self.target))

    def create_target(self) -> bool:
        """Make the target folder (and its parents) if needed and hold it; True if made."""
        if self.target is not None:
            return False
        made = not os.path.isdir(self.target_path)
        os.makedirs(self.target_path, exist_ok=True)
        self._hold_target()
        return made

    def replaced(self) -> str | None:
        """Why a root's path no longer leads to the held folder (moved, or swapped for a
        link or another folder), as a sentence; None while both still do."""
        for what, path, held in (
            ("source", self.source_path, self.source_id),
            ("target", self.target_path, self.target_id),
        ):
            if held is None:
                continue
            try:
                now = identity(path)
            except OSError:
                now = None
            if now != held:
                return replaced_text(what, path)
        return None

    def close(self) -> None:
        for fd in (self.source, self.target):
            if fd is not None and fd >= 0:
                os.close(fd)
        self.source = -1
        self.target = None
