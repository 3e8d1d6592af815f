"""`--delete`: the target made a mirror of the source, seen through the stage chain.

The scanner lists each source folder and, beside it, the target folder it lands in; a target
entry no source entry leads to (after renaming stages: `a.txt` -> `a.txt.gz`) and that is no
stage's artifact (`SHA256SUMS`) is extra. Extras are only noted during the scan and removed
after every copy is done, so a run stopped midway leaves the target with no less than it had.

What cannot go wrong, whatever the source or target does:
- a target folder is only judged from a complete listing of its source folder: where an
  entry could not be read, or the folder could not be listed, nothing in it is deleted and
  the job says so (and fails);
- removal goes name by name through folder descriptors, never following a symlink: a link
  in the target is removed as a link, and nothing outside the target is reached;
- entries the filters exclude stay, unless `delete_excluded`;
- above `max_delete` removals, none is made.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from engine.errors import describe
from engine.filters import PathFilter
from engine.folders import folder
from engine.records import Outcome, Status
from engine.stages import Stage
from engine.stages.chain import ChainCache
from engine.temps import is_temp
from engine.worker.backup import Backup

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True, slots=True)
class Extra:
    """A target entry no source entry leads to."""

    rel: str
    folder: bool
    """It was a folder when listed (removed with everything in it)."""


class Mirror:
    """Finds the target's extras while the scanner lists folders, removes them at the end.

    The scanner calls `compare` for every source folder it listed completely along with its
    existing target folder, and `incomplete` for one it could not; the pipeline calls `apply`
    once the copies (and hard links) are done."""

    def __init__(
        self,
        stages: tuple[Stage, ...],
        path_filter: PathFilter,
        *,
        delete_excluded: bool,
        max_delete: int,
        dry_run: bool,
        follow_symlinks: bool = False,
        keep: str = "",
    ) -> None:
        """`keep`: a folder of the target that is never an extra (the backup folder)."""
        self._chains = ChainCache(stages)
        self._filter = path_filter
        self._delete_excluded = delete_excluded
        self._max_delete = max_delete
        self._dry_run = dry_run
        self._follow = follow_symlinks
        self._keep = keep
        self.backup: Backup | None = None
        """Where deleted entries are kept instead of destroyed (`--backup-dir`)."""
        """Links are copied as what they point to: a link to a file has a file's outputs."""
        self._artifacts = frozenset(name for stage in stages for name in stage.artifacts())
        self._lock = threading.Lock()
        self._extras: list[Extra] = []
        self.skipped: list[str] = []
        """Folders whose source side could not be listed completely: nothing deleted there."""

    def compare(self, rel_dir: str, sources: list[os.DirEntry[str]], target_fd: int) -> None:
        """Note the extras of the target folder `target_fd`, given every entry of its source
        folder `rel_dir`."""
        expected = set(self._artifacts) if not rel_dir else set()
        for entry in sources:
            expected.update(self._outputs(entry, rel_dir))
        extras = []
        with os.scandir(target_fd) as listing:
            for entry in listing:
                name = entry.name
                if name in expected or is_temp(name):
                    continue
                rel = f"{rel_dir}/{name}" if rel_dir else name
                if self._keep and (rel == self._keep or self._keep.startswith(f"{rel}/")):
                    continue  # the backup folder, or a folder on the way to it
                is_dir = entry.is_dir(follow_symlinks=False)
                wanted = self._filter.wants_dir(rel) if is_dir else self._filter.wants_file(rel)
                if wanted or self._delete_excluded:
                    extras.append(Extra(rel, is_dir))
        with self._lock:
            self._extras.extend(extras)

    def _outputs(self, entry: os.DirEntry[str], rel_dir: str) -> Iterator[str]:
        """The names a source entry may land on: its own, and for a file every name its
        chain gives it, with or without each stage (a stage may pass a file through)."""
        yield entry.name
        try:
            is_file = entry.is_file(follow_symlinks=self._follow)
        except OSError:
            return
        if not is_file:
            return
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        yield from self._chains(rel).output_names(rel)

    def incomplete(self, rel_dir: str) -> None:
        """The source folder `rel_dir` could not be listed completely: delete nothing there."""
        with self._lock:
            self.skipped.append(rel_dir)

    def apply(self, target: int, record: Callable[[Outcome], None]) -> int:
        """Remove every extra below the held `target` (in a dry run, only report them), one
        `deleted` outcome each; return how many were held back by `max_delete` (then none
        is removed)."""
        with self._lock:
            extras = sorted(self._extras, key=lambda extra: extra.rel)
        planned = [entry for extra in extras for entry in self._plan(target, extra)]
        if 0 <= self._max_delete < len(planned):
            return len(planned)
        for rel, is_dir in planned:
            record(self._remove(target, rel, is_dir))
        return 0

    def _plan(self, target: int, extra: Extra) -> Iterator[tuple[str, bool]]:
        """The entries removing `extra` removes, each folder after its contents."""
        if not extra.folder:
            yield extra.rel, False
            return
        try:
            with folder(target, extra.rel) as fd:
                yield from _contents(fd, extra.rel)
        except OSError:
            pass  # gone or no longer a folder: removed (or reported) as what it is now
        yield extra.rel, True

    def _remove(self, target: int, rel: str, is_dir: bool) -> Outcome:
        parent, name = posixpath.split(rel)
        if self._dry_run:
            return Outcome(rel, Status.DELETED)
        try:
            with folder(target, parent) as dfd:
                now = os.stat(name, dir_fd=dfd, follow_symlinks=False)
                if self.backup is not None:
                    self.backup.save(dfd, name, rel)
                if stat.S_ISDIR(now.st_mode):
                    os.rmdir(name, dir_fd=dfd)
                else:
                    os.unlink(name, dir_fd=dfd)
        except FileNotFoundError:
            return Outcome(rel, Status.DELETED, reason="already gone")
        except OSError as exc:
            return Outcome(rel, Status.FAILED, reason=f"cannot delete: {describe(exc)}")
        return Outcome(rel, Status.DELETED)


def _contents(fd: int, rel: str) -> Iterator[tuple[str, bool]]:
    """Everything inside the folder `fd` (at `rel`), deepest first, links not followed."""
    with os.scandir(fd) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        child = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            with contextlib.suppress(OSError):
                sub = os.open(entry.name, _DIR_FLAGS, dir_fd=fd)
                try:
                    yield from _contents(sub, child)
                finally:
                    os.close(sub)
            yield child, True
        else:
            yield child, False
