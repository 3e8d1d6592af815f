"""Refusing jobs that would write two files to one target name, or into their own source.

`a.txt` and `a.txt.gz` under gzip both become `a.txt.gz`, and on a case-insensitive target
`Readme.txt` and `README.txt` are one file; without this check the second would silently
replace the first. And when the source lies inside the target (`engine run T/src T`), an
entry `src/a.txt` of the source would be written over the source's own `a.txt`. The check
walks the source (names only, nothing written) before the job starts, when some stage
renames or writes a job-level artifact, the target ignores case, or the source lies inside
the target.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from engine.errors import JobError
from engine.folders import exists_at
from engine.job import Job
from engine.names import printable
from engine.roots import Roots, nearest_existing, source_position
from engine.scan import Listing
from engine.stages import Stage
from engine.stages.chain import ChainCache

CASE_PROBE_PREFIX = ".conveyor-case-"


def check_outputs(job: Job, stages: tuple[Stage, ...], roots: Roots) -> None:
    """Raise JobError naming the first two entries that would share a target name, or the
    first entry that would be written into the source itself."""
    artifacts = {name: stage.name for stage in stages for name in stage.artifacts()}
    renames = any(stage.renames for stage in stages)
    if roots.target is not None:
        ignores_case = is_case_insensitive(roots.target)
        inside = source_position(job.source, job.target)
    else:
        ignores_case, inside = looks_case_insensitive(nearest_existing(job.target)), None
    if not artifacts and not renames and not ignores_case and inside is None:
        return
    names = OutputNames(artifacts, case_insensitive=ignores_case)
    listing = Listing(job.source, job.path_filter, follow_symlinks=job.follow_symlinks)
    chains = ChainCache(stages)
    for task in listing.tasks():
        out = chains(task.rel).output_name(task.rel) if task.kind == "file" else task.rel
        if inside is not None:
            _check_not_into_source(inside, task.rel, out)
        names.add_file(task.rel, out)
    for entry in listing.totals.directories:
        if inside is not None and entry.rel:
            _check_not_into_source(inside, entry.rel + "/", entry.rel)
        names.add_folder(entry.rel)


def _check_not_into_source(inside: str, rel: str, out: str) -> None:
    """`inside` is where the source lies in the target: no output may land there."""
    if out == inside or out.startswith(inside + "/"):
        raise JobError(
            f"the source folder lies inside the target folder (as '{printable(inside)}'), "
            f"so '{printable(rel)}' would be written into the source itself; choose a target "
            "outside the source, or exclude it"
        )


class OutputNames:
    """The target names claimed so far, compared the way the target's file system does."""

    def __init__(self, artifacts: dict[str, str], *, case_insensitive: bool) -> None:
        self.case_insensitive = case_insensitive
        self._artifacts = {self._key(name): (name, stage) for name, stage in artifacts.items()}
        """Job-level files stages write, as (name, stage) by key."""
        self._owners: dict[str, tuple[str, str]] = {}
        """(source name, output name) by key of the output name."""

    def _key(self, name: str) -> str:
        return name.casefold() if self.case_insensitive else name

    def add_file(self, rel: str, out: str) -> None:
        """Claim `out` for the source entry `rel`; JobError if it is taken."""
        key = self._key(out)
        if key in self._owners:
            raise self._collision(*self._owners[key], rel, out)
        if key in self._artifacts:
            name, stage = self._artifacts[key]
            raise JobError(
                f"'{printable(rel)}' would be written over the '{name}' that "
                f"stage '{stage}' writes; exclude it or rename it"
            )
        self._owners[key] = (rel, out)

    def add_folder(self, rel: str) -> None:
        """Check a source folder against the files claimed (folders may share a name)."""
        key = self._key(rel)
        if key in self._owners:
            raise self._collision(*self._owners[key], rel + "/", rel)
        if key in self._artifacts:
            name, stage = self._artifacts[key]
            raise JobError(
                f"the folder '{printable(rel)}' is in the way of the '{name}' that "
                f"stage '{stage}' writes; exclude it or rename it"
            )

    @staticmethod
    def _collision(first: str, first_out: str, second: str, out: str) -> JobError:
        if first_out == out:
            return JobError(
                f"'{printable(first)}' and '{printable(second)}' would both be written to "
                f"'{printable(out)}' in the target; exclude one of them or narrow the stage "
                "with match="
            )
        return JobError(
            f"'{printable(first)}' and '{printable(second)}' would both be written to one "
            f"file: the target's file system is case-insensitive, so '{printable(first_out)}' "
            f"and '{printable(out)}' are the same name there; exclude or rename one of them"
        )


def is_case_insensitive(folder_fd: int) -> bool:
    """Whether the file system of the folder `folder_fd` ignores case in names; False when
    no probe can be made there.

    A uniquely named probe file is created, looked up by its name in swapped case, and
    deleted; the folder's times are put back. Existence is the test, not the inode: FUSE
    file systems may report another inode number for each spelling of one name.
    """
    probe = f"{CASE_PROBE_PREFIX}{os.urandom(8).hex()}"
    try:
        before = os.fstat(folder_fd)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
        os.close(os.open(probe, flags, 0o600, dir_fd=folder_fd))
    except OSError:
        return False
    try:
        return exists_at(folder_fd, probe.swapcase())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(probe, dir_fd=folder_fd)
        with contextlib.suppress(OSError):
            os.utime(folder_fd, ns=(before.st_atime_ns, before.st_mtime_ns))


def looks_case_insensitive(folder: Path) -> bool:
    """The same question without writing anything (for a dry run into a target that does
    not exist yet): a name of the folder looked up in swapped case; False when no name of
    it has letters to swap."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        names = set(os.listdir(fd))
        for name in names:
            swapped = name.swapcase()
            if swapped != name and swapped not in names:
                return exists_at(fd, swapped)
        return False
    finally:
        os.close(fd)
