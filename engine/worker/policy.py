"""The if-exists policy: what to do when a file's output already exists at the target.

Workers decide with `decide`; the scanner's quick check (`quick_check`) and the hard-link
pass reach the same decisions from the same functions, so a file is never judged twice in
two ways.

Modification times are compared within a window (`--modify-window`, in nanoseconds here), as
rsync does: two times are the same when they differ by at most the window, so a window of 0
asks for the very same nanosecond. A target whose file system keeps times more coarsely
(exFAT, FAT, some network file systems) widens it (`modify_window_ns`).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from engine.worker.stamp import read_stamp

if TYPE_CHECKING:
    from engine.records import FileTask

RENAME_LIMIT = 10_000
"""The most `name (n).ext` tried before a renamed copy gives up."""
UNCHANGED = "unchanged"
"""The reason given for a file whose output is already in the target."""


class IfExists(StrEnum):
    """What to do when a file's target already exists."""

    CHANGED = "changed"
    """Skip when size and mtime match (rsync's quick check), so re-runs are fast no-ops."""
    SKIP = "skip"
    OVERWRITE = "overwrite"
    NEWER = "newer"
    """Replace only when the source is newer than the target."""
    RENAME = "rename"
    """Keep both: a differing target stays, the new file lands as `name (1).ext`."""


class Decision(NamedTuple):
    """What the policy made of the name an output is to take."""

    skip: str
    """Why the file is not written (shown to the user); "" to write it."""
    name: str
    """Where to write it: the planned name, or a free `name (n).ext` under `rename`."""
    unchanged: bool = False
    """It is skipped because the target already holds this very output (up to date), not
    because the policy leaves an existing file alone."""


def decide(
    policy: IfExists,
    dfd: int,
    name: str,
    mtime_ns: int,
    unchanged: Callable[[os.stat_result, str], bool],
    window_ns: int = 0,
) -> Decision:
    """The if-exists policy for `name` in the folder `dfd`, for copies and links alike.
    `unchanged(existing, candidate)` says whether what is there already is the output;
    `window_ns` is how far apart modification times may be and still count as equal."""
    if policy is IfExists.OVERWRITE:
        return Decision("", name)  # whatever is there: no need to look
    try:
        existing = os.stat(name, dir_fd=dfd, follow_symlinks=False)
    except FileNotFoundError:
        return Decision("", name)
    decided = policy_decision(policy, existing, mtime_ns, window_ns)
    if decided is not None:
        return Decision(decided, name)
    if unchanged(existing, name):
        return Decision(UNCHANGED, name, unchanged=True)
    if policy is IfExists.RENAME:
        candidate = name
        for _ in range(RENAME_LIMIT):
            candidate = free_name(candidate)
            try:
                existing = os.stat(candidate, dir_fd=dfd, follow_symlinks=False)
            except FileNotFoundError:
                return Decision("", candidate)
            if unchanged(existing, candidate):
                return Decision(f"{UNCHANGED} (as {candidate})", candidate, unchanged=True)
        raise OSError(errno.EEXIST, "no free name left for a renamed copy")
    return Decision("", name)


def policy_decision(
    policy: IfExists, existing: os.stat_result, mtime_ns: int, window_ns: int = 0
) -> str | None:
    """The if-exists decision where the policy alone settles it: a reason to skip, "" to
    write; None for `changed` and `rename`, which look at the target (`is_unchanged`).
    Under `newer` the source must be newer by more than `window_ns`."""
    if policy is IfExists.OVERWRITE:
        return ""
    if policy is IfExists.SKIP:
        return "target exists"
    if policy is IfExists.NEWER:
        newer = mtime_ns - existing.st_mtime_ns > window_ns
        return "" if newer else "target is as new or newer"
    return None


def quick_check(
    policy: IfExists,
    existing: os.stat_result,
    name: str,
    size: int,
    mtime_ns: int,
    window_ns: int = 0,
) -> Decision:
    """What becomes of a plain copy that keeps its source's name, judged from the target's
    lstat alone exactly as `decide` judges it; not skipped when the target's look is not
    enough (then a worker decides, and writes or, under `rename`, looks for a free name)."""
    if policy is IfExists.CHANGED or policy is IfExists.RENAME:
        if _same_file_data(existing, size, mtime_ns, window_ns):
            return Decision(UNCHANGED, name, unchanged=True)
        return Decision("", name)
    return Decision(policy_decision(policy, existing, mtime_ns, window_ns) or "", name)


def _same_file_data(
    existing: os.stat_result, size: int | None, mtime_ns: int, window_ns: int
) -> bool:
    """rsync's quick check on a target's lstat: a regular file with this mtime, within
    `window_ns` (and size, unless None: stages that change the bytes change the size)."""
    return (
        stat.S_ISREG(existing.st_mode)
        and abs(existing.st_mtime_ns - mtime_ns) <= window_ns
        and (size is None or existing.st_size == size)
    )


def modify_window_ns(seconds: float, step_ns: int = 1) -> int:
    """The window within which modification times count as equal, in nanoseconds: the job's
    `modify_window` (`seconds`), or, when wider, what the target's file system needs. One
    that keeps times to `step_ns` (`metadata.probe_time_step`) stores a time less than one
    step away from the one it was given, so times closer than a step count as equal there
    (a step of 1 ns adds nothing)."""
    return max(round(seconds * 1_000_000_000), step_ns - 1)


def is_unchanged(
    existing: os.stat_result,
    dfd: int,
    name: str,
    task: FileTask,
    same_size: bool,
    link_text: str | None,
    stamp: bytes | None,
    window_ns: int = 0,
) -> bool:
    """rsync's quick check (kind, mtime within `window_ns`, size where stages keep it); for
    transformed outputs, also the stamp saying which source and chain made them. A special
    file is unchanged when one of the same kind (and device) is there."""
    if task.kind == "special":
        return (
            stat.S_IFMT(existing.st_mode) == stat.S_IFMT(task.mode)
            and existing.st_rdev == task.rdev
        )
    if link_text is not None:
        return stat.S_ISLNK(existing.st_mode) and os.readlink(name, dir_fd=dfd) == link_text
    size = task.size if same_size else None
    return _same_file_data(existing, size, task.mtime_ns, window_ns) and (
        stamp is None or read_stamp(dfd, name) == stamp
    )


def free_name(name: str) -> str:
    """`name (1).ext` for `name.ext`, `name (2).ext` for `name (1).ext`, and so on."""
    stem, ext = os.path.splitext(name)
    number = 1
    base, sep, counter = stem.rpartition(" (")
    if sep and counter.endswith(")") and counter[:-1].isdigit():
        stem, number = base, int(counter[:-1]) + 1
    return f"{stem} ({number}){ext}"
