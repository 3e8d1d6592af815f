"""The small records that travel between scanner, workers and collector.

Only names and metadata cross process boundaries, never file contents; small files travel in
batches so that 100,000 tiny files cost a few thousand messages, not 100,000.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FileTask:
    """One entry for a worker: a regular file or a symlink, with the source's metadata."""

    rel: str
    kind: Literal["file", "symlink"]
    size: int
    mtime_ns: int
    atime_ns: int
    mode: int


@dataclass(frozen=True, slots=True)
class Batch:
    id: int
    tasks: tuple[FileTask, ...]

    @property
    def size(self) -> int:
        return sum(task.size for task in self.tasks)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one entry; `bytes` counts source bytes, `record` carries stage notes."""

    rel: str
    status: Status
    bytes: int = 0
    reason: str = ""
    output: str = ""
    record: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    halts_job: bool = False
    """The target is out of space: no further file can succeed until some is freed."""
