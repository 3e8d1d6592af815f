"""`--move`: a source file leaves the source only once its output is safe in the target.

A copy is renamed into place first (and verified, with `--verify`); only then is the source
removed, and only if it is still the very file that was copied (same inode, size and
modification time): a file replaced or changed meanwhile stays. Killed at any moment, a
move leaves every file complete in at least one of the two places. On one file system a
plain copy is no copy at all: the source is renamed into the target, as `mv` does.
"""

from __future__ import annotations

import errno
import os
import stat

from engine.errors import describe


def rename_into(src_dir: int, src_name: str, dst_dir: int, name: str) -> bool:
    """Move the regular file `src_name` to `name` in the target folder by a rename (which
    replaces what is there, as the policy decided); False when they are on two file systems
    or it is no longer a regular file, so the caller copies instead."""
    info = os.stat(src_name, dir_fd=src_dir, follow_symlinks=False)
    if not stat.S_ISREG(info.st_mode):
        return False
    try:
        os.rename(src_name, name, src_dir_fd=src_dir, dst_dir_fd=dst_dir)
    except OSError as exc:
        if exc.errno == errno.EXDEV:
            return False
        raise
    return True


def remove_source(src_dir: int, name: str, copied: os.stat_result) -> str:
    """Remove the source file `name` whose copy is in place, if it is still the file that
    was copied (`copied`: its stat when the copy ended); "" when it was removed, else why it
    stays."""
    try:
        now = os.stat(name, dir_fd=src_dir, follow_symlinks=False)
    except FileNotFoundError:
        return ""  # gone already: nothing to remove
    same = (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
        copied.st_dev,
        copied.st_ino,
        copied.st_size,
        copied.st_mtime_ns,
    )
    if not same:
        return "the source changed after it was copied, so it stays"
    try:
        os.unlink(name, dir_fd=src_dir)
    except OSError as exc:
        return f"the source could not be removed: {describe(exc)}"
    return ""
