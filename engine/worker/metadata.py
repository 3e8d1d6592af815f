"""What a copy keeps besides bytes, mode and times: owner and group, extended attributes and
POSIX ACLs, as `cp -a` keeps them (unless the job's `no_preserve` leaves some out).

As root (holding CAP_CHOWN) a copy gets its source's owner and group; as another user only
the group, when it is one of the user's groups, and otherwise stays the runner's, silently
(as `cp -a` does).
Extended attributes are copied in every namespace the process may read and write (`user.*`;
`trusted.*` and `security.*` as root); POSIX ACLs are the attributes
`system.posix_acl_access` and `system.posix_acl_default`. Conveyor's own stamp
(`stamp.STAMP_XATTR`) is never copied from a source: the transfer sets it itself.

A target that cannot hold something (no extended attributes or owners on its file system,
no permission) costs the copy only that something: the file still copies, and the keeper
says once what was lost and why (`losses`), never once per file.

On a re-run, an output whose contents are up to date gets its source's owner, mode,
attributes and ACLs again where they differ (`may_differ`, then `refresh`), without a byte
copied.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable

from engine.records import Loss
from engine.system import CAP_CHOWN, has_capability
from engine.worker.stamp import STAMP_XATTR

ACL_XATTRS = ("system.posix_acl_access", "system.posix_acl_default")
"""The POSIX ACLs of a file or folder, as the extended attributes the kernel shows them as."""
XATTR_NAMESPACES = ("user.", "trusted.", "security.")
"""The namespaces of the extended attributes copied as such (those the process may use)."""
_UNREADABLE = {errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM, errno.EACCES, errno.ENODATA}
"""A source attribute no file system here supports, the process may not read, or that went
away: there is nothing to copy."""
_WHY_NOT = {
    errno.ENOTSUP: "the target's file system does not support them",
    errno.EOPNOTSUPP: "the target's file system does not support them",
    errno.EPERM: "the target refused them (operation not permitted)",
    errno.EACCES: "the target refused them (permission denied)",
    errno.EINVAL: "the target's file system cannot hold them",
    errno.ENOSYS: "the target's file system does not support them",
    errno.EMLINK: "the target's file system cannot hold them",
}
"""Why the target did not take something kept, by the error it gave: the copy goes on
without it (any other error fails the file)."""

Stat = os.stat_result
_CANNOT_HOLD = "the target's file system cannot hold them"


class Keeper:
    """What a worker (or the coordinator, for folders) keeps of each source, and how."""

    def __init__(self, no_preserve: tuple[str, ...] = (), unheld: tuple[str, ...] = ()) -> None:
        """`unheld`: what the target's file system cannot hold (`probe_target`), which is
        then not tried file by file, nor compared on re-runs."""
        self.owner = "owner" not in no_preserve
        self.xattrs = "xattrs" not in no_preserve
        self.acls = "acls" not in no_preserve
        self.sparse = "sparse" not in no_preserve
        self._unheld = frozenset(unheld)
        self._root = has_capability(CAP_CHOWN)
        self._groups = frozenset(os.getgroups()) | {os.getegid()}
        self._lost: dict[str, str] = {}
        """What could not be kept (owners, extended attributes, ...) and the sentence that
        says so, the first time each happened."""
        self._told: set[str] = set()

    def losses(self) -> tuple[Loss, ...]:
        """What this keeper could not keep since it was last asked; each kind of loss is
        told once in the keeper's life, however many files it hit."""
        new = tuple(Loss(what, text) for what, text in self._lost.items() if what not in self._told)
        self._told.update(self._lost)
        return new

    def _lose(self, what: str, example: str, exc: OSError | None = None) -> None:
        """Note that `what` could not be kept (the first time: with an example and why;
        no `exc`: the target's file system cannot hold it at all)."""
        if what not in self._lost:
            why = _CANNOT_HOLD if exc is None else _WHY_NOT[exc.errno or 0]
            self._lost[what] = f"{what} could not be kept ({example}): {why}"

    def ids(self, uid: int, gid: int) -> tuple[int, int] | None:
        """The owner and group to give a copy of a source owned by `uid`:`gid` (-1: leave
        it), or None to leave both as the runner's."""
        if not self.owner or uid < 0:
            return None
        if self._root:
            return uid, gid
        return (-1, gid) if gid in self._groups else None

    def chown(
        self,
        target: int | str,
        uid: int,
        gid: int,
        *,
        dir_fd: int | None = None,
        follow_symlinks: bool = True,
    ) -> None:
        """Give `target` (a descriptor, or a name in `dir_fd`) the owner a copy of a source
        owned by `uid`:`gid` gets; before its mode is set, since a change of owner clears
        the setuid and setgid bits."""
        ids = self.ids(uid, gid)
        if ids is None:
            return
        if OWNER in self._unheld:
            if ids[0] not in (-1, os.geteuid()) or ids[1] != os.getegid():
                self._lose("owners and groups", f"{ids[0]}:{ids[1]}")
            return
        try:
            os.chown(target, *ids, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
        except OSError as exc:
            if exc.errno not in _WHY_NOT:
                raise
            self._lose("owners and groups", f"{ids[0]}:{ids[1]}", exc)

    def chmod(self, fd: int, mode: int, *, needed: bool = True) -> None:
        """Give the file `fd` the permission bits `mode` (unless not `needed`: it was made
        with them), or note that its target cannot hold them (FAT and exFAT have none of
        their own, or refuse setuid, setgid and sticky bits)."""
        if MODE in self._unheld:
            self._lose("permission bits", f"mode {mode:o}")
            return
        if not needed:
            return
        try:
            os.fchmod(fd, mode)
        except OSError as exc:
            if exc.errno not in _WHY_NOT:
                raise
            self._lose("permission bits", f"mode {mode:o}", exc)

    def copy_xattrs(self, src_fd: int | str, out_fd: int | str) -> bool:
        """Copy the extended attributes and ACLs kept from `src_fd` to `out_fd`; whether an
        ACL was set (which changes the mode's group bits, so the mode must be set after)."""
        acl_set = False
        kept = self._kept(src_fd)
        if kept and XATTRS in self._unheld:
            self._lose("extended attributes and ACLs", next(iter(kept)))
            return False
        for name, value in kept.items():
            if self._set(out_fd, name, value):
                acl_set = acl_set or name in ACL_XATTRS
        return acl_set

    def copy_xattrs_of_entry(
        self, src_dir: int, src_name: str, dst_dir: int, dst_name: str
    ) -> None:
        """The same for a symlink or special file (never opened: a FIFO would block, a
        device act), reached by name in its folder without following a link."""
        self.copy_xattrs(_entry(src_dir, src_name), _entry(dst_dir, dst_name))

    def _kept(self, fd: int | str) -> dict[str, bytes]:
        """The attributes of `fd` a copy keeps, by name (never the stamp)."""
        if not (self.xattrs or self.acls):
            return {}
        try:
            names = os.listxattr(fd, **_no_follow(fd))
        except OSError as exc:
            if exc.errno in _UNREADABLE:
                return {}
            raise
        kept: dict[str, bytes] = {}
        for name in names:
            if name == STAMP_XATTR:
                continue
            if name in ACL_XATTRS:
                if not self.acls:
                    continue
            elif not (self.xattrs and name.startswith(XATTR_NAMESPACES)):
                continue
            try:
                kept[name] = os.getxattr(fd, name, **_no_follow(fd))
            except OSError as exc:
                if exc.errno not in _UNREADABLE:
                    raise
        return kept

    def _set(self, fd: int | str, name: str, value: bytes) -> bool:
        """Set one attribute on `fd`; False (and the loss noted) where the target refuses."""
        try:
            os.setxattr(fd, name, value, **_no_follow(fd))
        except OSError as exc:
            if exc.errno not in _WHY_NOT:
                raise
            self._lose("ACLs" if name in ACL_XATTRS else "extended attributes", name, exc)
            return False
        return True

    def may_differ(self, source: Stat, existing: Stat) -> bool:
        """Whether an up-to-date output's metadata may differ from its source's, told from
        their stats alone: its mode or owner does, or the source's metadata changed after
        the output's last did (its ctime is later), so its attributes and ACLs may have.
        Checking the attributes of every file would cost two calls per file on each re-run;
        the ctime tells which few to look at."""
        if MODE not in self._unheld and _mode(source) != _mode(existing):
            return True
        if OWNER not in self._unheld and self._owner_differs(source, existing):
            return True
        attributes = (self.xattrs or self.acls) and XATTRS not in self._unheld
        return attributes and source.st_ctime_ns > existing.st_ctime_ns

    def _owner_differs(self, source: Stat, existing: Stat) -> bool:
        ids = self.ids(source.st_uid, source.st_gid)
        return ids is not None and ids != (
            existing.st_uid if ids[0] >= 0 else -1,
            existing.st_gid,
        )

    def refresh(
        self, src_fd: int, out_fd: int, source: Stat, existing: Stat, *, apply: bool
    ) -> bool:
        """Bring the output `out_fd` (contents up to date) to its source's owner, mode,
        attributes and ACLs where they differ, unless not `apply` (a dry run: whether they
        differ); whether anything changed. Attributes the output has and the source has not
        are removed (the stamp never). When nothing changed the output's ctime is moved on,
        so that `may_differ` does not look at this file again until its source changes."""
        mode = _mode(source)
        owner = OWNER not in self._unheld and self._owner_differs(source, existing)
        mode_differs = MODE not in self._unheld and mode != _mode(existing)
        attributes = XATTRS not in self._unheld
        wanted = self._kept(src_fd) if attributes else {}
        present = self._kept(out_fd) if attributes else {}
        differs = owner or mode_differs or wanted != present
        if not apply:
            return differs
        if differs:
            if owner:
                self.chown(out_fd, source.st_uid, source.st_gid)
            for name in present.keys() - wanted.keys():
                with contextlib.suppress(OSError):
                    os.removexattr(out_fd, name)
            for name, value in wanted.items():
                if present.get(name) != value:
                    self._set(out_fd, name, value)
            self.chmod(out_fd, mode)  # last: an access ACL or a change of owner changes it
            after = os.fstat(out_fd)
            changed = (after.st_mode, after.st_uid, after.st_gid) != (
                existing.st_mode,
                existing.st_uid,
                existing.st_gid,
            )
            if changed or (attributes and self._kept(out_fd) != present):
                return True
        if attributes:  # nothing to change, or nothing the target took: move the ctime on
            os.fchmod(out_fd, _mode(os.fstat(out_fd)))
        return False


def _entry(dir_fd: int, name: str) -> str:
    """A name in a held folder as a path the xattr calls take (they have no `dir_fd`): the
    folder's descriptor under /proc leads to that very folder, whatever its path now."""
    return f"/proc/self/fd/{dir_fd}/{name}"


def _no_follow(target: int | str) -> dict[str, bool]:
    """The xattr calls' keyword for a path (a link is not followed); none for a descriptor."""
    return {} if isinstance(target, int) else {"follow_symlinks": False}


def _mode(info: Stat) -> int:
    return stat.S_IMODE(info.st_mode)


OWNER, MODE, XATTRS, HARD_LINKS = "owner", "mode", "xattrs", "hard-links"
"""What a target's file system may be unable to hold (`probe_target`)."""
_PROBE_XATTR = "user.conveyor.probe"
_PROBE_ID = 65534
"""An owner and group to give the probe as root (nobody's, on most systems)."""


def probe_target(dfd: int, name: str, link: str) -> tuple[str, ...]:
    """What the file system of the target folder `dfd` cannot hold, of OWNER, MODE, XATTRS
    and HARD_LINKS, found by trying each on a scratch file `name` (and a second name `link`
    for it) made and removed there: a vfat or exFAT target has no owners, modes or hard
    links of its own, some have no extended attributes. Knowing it once spares every file a
    failing call, every re-run a comparison that would always differ, and the user a
    surprise."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600, dir_fd=dfd)
    unheld = []
    try:
        if not _holds(lambda: os.link(name, link, src_dir_fd=dfd, dst_dir_fd=dfd), lambda: True):
            unheld.append(HARD_LINKS)
        with contextlib.suppress(OSError):
            os.unlink(link, dir_fd=dfd)
        if not _holds(lambda: os.fchmod(fd, 0o640), lambda: _mode(os.fstat(fd)) == 0o640):
            unheld.append(MODE)
        if has_capability(CAP_CHOWN):
            ids = (_PROBE_ID, _PROBE_ID)

            def owned() -> bool:
                info = os.fstat(fd)
                return (info.st_uid, info.st_gid) == ids

            if not _holds(lambda: os.fchown(fd, *ids), owned):
                unheld.append(OWNER)
        if not _holds(lambda: os.setxattr(fd, _PROBE_XATTR, b"1"), lambda: True):
            unheld.append(XATTRS)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=dfd)
    return tuple(unheld)


TIME_STEPS_NS = (2_000_000_000, 1_000_000_000, 10_000_000, 1_000_000, 1_000, 100, 1)
"""How finely file systems keep modification times, coarsest first: FAT (2 s); ext3, HFS+
and exFAT through FUSE (1 s); exFAT (10 ms); some network and FUSE file systems (1 ms,
1 µs); NTFS (100 ns); most others (1 ns)."""
_PROBE_TIME_NS = 1_000_000_001_123_456_789
"""The time given to the probe: an odd second (in 2001, which FAT can hold) and odd
nanoseconds, so that no coarser step divides it and what is kept shows the step."""


def probe_time_step(dfd: int, name: str) -> int:
    """How finely the file system of the target folder `dfd` keeps modification times, in
    nanoseconds: a scratch file `name` made there is given `_PROBE_TIME_NS` and read back,
    and the coarsest step of `TIME_STEPS_NS` that divides what was kept is the answer.
    (Divisibility, not distance: a FAT file system that keeps local time shifts the time
    by whole hours, which every step divides.) A copy's time lands within one step of its
    source's there, so a re-run must count times that close as equal, or copy it all
    again."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600, dir_fd=dfd)
    try:
        os.utime(fd, ns=(_PROBE_TIME_NS, _PROBE_TIME_NS))
        kept = os.fstat(fd).st_mtime_ns
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=dfd)
    return next(step for step in TIME_STEPS_NS if kept % step == 0)


def time_rounding_warning(step_ns: int) -> str:
    """What the job says, once, of a target that keeps modification times to `step_ns`."""
    units = (("s", 1_000_000_000), ("ms", 1_000_000), ("µs", 1_000), ("ns", 1))
    unit, size = next((unit, size) for unit, size in units if step_ns % size == 0)
    step = f"{step_ns // size} {unit}"
    return (
        f"the target's file system keeps modification times to {step}; times less than "
        f"{step} apart count as equal"
    )


def _holds(change: Callable[[], None], held: Callable[[], bool]) -> bool:
    """Whether `change` is taken (no error the target gives for what it cannot hold) and,
    read back, `held`."""
    try:
        change()
    except OSError as exc:
        if exc.errno in _WHY_NOT:
            return False
        raise
    return held()
