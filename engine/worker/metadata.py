"""What a copy keeps besides bytes, mode and times: owner and group, extended attributes and
POSIX ACLs, as `cp -a` keeps them (unless the job's `no_preserve` leaves some out).

As root a copy gets its source's owner and group; as another user only the group, when it
is one of the user's groups, and otherwise stays the runner's, silently (as `cp -a` does).
Extended attributes are copied in every namespace the process may read and write (`user.*`;
`trusted.*` and `security.*` as root); POSIX ACLs are the attributes
`system.posix_acl_access` and `system.posix_acl_default`. An attribute the target refuses
(no support for it there, or no permission) is skipped quietly. Conveyor's own stamp
(`stamp.STAMP_XATTR`) is never copied from a source: the transfer sets it itself.
"""

from __future__ import annotations

import errno
import os

from engine.worker.stamp import STAMP_XATTR

ACL_XATTRS = ("system.posix_acl_access", "system.posix_acl_default")
"""The POSIX ACLs of a file or folder, as the extended attributes the kernel shows them as."""
XATTR_NAMESPACES = ("user.", "trusted.", "security.")
"""The namespaces of the extended attributes copied as such (those the process may use)."""
_REFUSED = {errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM, errno.EACCES, errno.ENODATA}
"""An attribute no file system here supports, the process may not touch, or that went away:
skipped quietly."""
_CHOWN_REFUSED = {errno.EPERM, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}
"""A file system without owners (FAT), an ID it cannot hold, a root without power there
(NFS): the copy keeps the runner's owner."""


class Keeper:
    """What a worker (or the coordinator, for folders) keeps of each source, and how."""

    def __init__(self, no_preserve: tuple[str, ...] = ()) -> None:
        self.owner = "owner" not in no_preserve
        self.xattrs = "xattrs" not in no_preserve
        self.acls = "acls" not in no_preserve
        self.sparse = "sparse" not in no_preserve
        self._root = os.geteuid() == 0
        self._groups = frozenset(os.getgroups()) | {os.getegid()}

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
        try:
            os.chown(target, *ids, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
        except OSError as exc:
            if not self._root or exc.errno not in _CHOWN_REFUSED:
                raise

    def copy_xattrs(self, src_fd: int, out_fd: int) -> bool:
        """Copy the extended attributes and ACLs kept from `src_fd` to `out_fd`; whether an
        ACL was set (which changes the mode's group bits, so the mode must be set after)."""
        if not (self.xattrs or self.acls):
            return False
        try:
            names = os.listxattr(src_fd)
        except OSError as exc:
            if exc.errno in _REFUSED:
                return False
            raise
        acl_set = False
        for name in names:
            if name == STAMP_XATTR:
                continue
            if name in ACL_XATTRS:
                if not self.acls:
                    continue
            elif not (self.xattrs and name.startswith(XATTR_NAMESPACES)):
                continue
            try:
                os.setxattr(out_fd, name, os.getxattr(src_fd, name))
            except OSError as exc:
                if exc.errno in _REFUSED:
                    continue
                raise
            acl_set = acl_set or name in ACL_XATTRS
        return acl_set
