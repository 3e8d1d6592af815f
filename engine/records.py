"""The small records that travel between scanner, workers and collector.

Only names and metadata cross process boundaries, never file contents; small files travel in
batches so that 100,000 tiny files cost a few thousand messages, not 100,000.

`FileTask` and `Outcome` are made, pickled and unpickled once per file, so they are named
tuples: as immutable as frozen dataclasses, but about four times cheaper to build and to
move through a pipe (a frozen slotted dataclass sets each field through `object.__setattr__`
and pickles through `dataclasses.fields()`), which is several microseconds per file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, NamedTuple


class Status(StrEnum):
    DONE = "done"
    UPDATED = "updated"
    """The output's contents were up to date; only its owner, mode, extended attributes or
    ACLs were brought to the source's ("metadata updated")."""
    SKIPPED = "skipped"
    FAILED = "failed"
    DELETED = "deleted"
    """A target entry no source entry leads to, removed by a mirror (`--delete`)."""


class FileTask(NamedTuple):
    """One entry for a worker: a regular file, a symlink or a special file (a FIFO or a
    device, recreated, never opened), with the source's metadata."""

    rel: str
    kind: Literal["file", "symlink", "special"]
    size: int
    mtime_ns: int
    atime_ns: int
    mode: int
    fresh: bool = False
    """Its target folder was made by this run, so nothing stood at its name when scanned:
    the worker writes without looking first (as `cp -a` would, it replaces anything another
    program put there since)."""
    uid: int = -1
    gid: int = -1
    """The source's owner and group (-1: unknown); a symlink's or special file's copy gets
    them."""
    rdev: int = 0
    """The device a special file stands for (`st_rdev`; 0 for a FIFO)."""


@dataclass(frozen=True, slots=True)
class Batch:
    id: int
    tasks: tuple[FileTask, ...]


class Loss(NamedTuple):
    """Something the job could not keep, said once for the whole job (`key`: what it was)."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class LeftOut:
    """What a folder that failed (could not be created in the target, or listed or entered in
    the source) kept out of the copy: the files beneath it in the source that the job would
    have taken, and their bytes. None of them is reported on its own, so these numbers are
    the only place they show."""

    files: int
    bytes: int
    counted: bool
    """False when some of what lies beneath (or all of it) could not be listed: then there
    may be more than `files`."""


class Outcome(NamedTuple):
    """What became of one entry; `bytes` counts source bytes, `record` carries stage notes."""

    rel: str
    status: Status
    bytes: int = 0
    reason: str = ""
    output: str = ""
    record: dict[str, Any] | None = None
    warnings: tuple[str, ...] = ()
    halts_job: bool = False
    """The target is out of space: no further file can succeed until some is freed."""
    unchanged: bool = False
    """Skipped or updated because the target already holds this very output (up to date)."""
    losses: tuple[Loss, ...] = ()
    moved: bool = False
    """The source entry was removed: its output is in place (`--move`)."""
    """What the job could not keep, said once for the whole job, not for this file (a
    target without owners or extended attributes: `metadata.Keeper.losses`)."""
    left_out: LeftOut | None = None
    """Set when the entry is a folder that failed: everything beneath it was left out."""
