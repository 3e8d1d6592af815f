"""`engine check`: a source and a target compared through a job's stage chain, nothing written.

The two trees are walked side by side, one source folder at a time, with the job's eyes:
its filters choose the entries, its chain says where each file's output lands (`a.txt` ->
`a.txt.gz`), and an output is judged up to date by the very function the workers use
(`policy.is_unchanged`: size and time for plain copies, the stamp for transformed outputs),
then its owner, mode, attributes and ACLs by the keeper's own comparison
(`Keeper.refresh` without applying). So a difference is what a re-run of the job would
write, plus, with `checksum`, contents that differ behind an equal size and time.

    source folder --(filters, chain)--> expected target names
          |                                   |
          +--- each entry: missing / changed (size, time, content, stages, metadata, kind)
          +--- target entries nobody leads to, and no stage writes: extra

The job's selection is the run's (`engine.scan`): files outside the size limits are not
compared, a folder on another file system is not entered with `one_file_system` (its mount
point is compared as a folder), and a `--files-from` list narrows the walk to the listed
paths (a folder listed with all below it), looked up by name: a listed path the source
lacks is `unreadable`, with the run's own reason. What the run leaves out of a folder it
walks still gives names the target may hold, as a mirror keeps them (a file too small, or
excluded, and each name its chain may give it).

What cannot go wrong: nothing is written or created (no scratch probe, no target folder),
and a target folder is judged for extras only from a complete listing of its source
folder, as a mirror is (`engine.mirror`): where the source folder, or an entry in it,
could not be read, that is reported (`unreadable`) and nothing there is called extra; nor
in a folder a `--files-from` list only passes through (its other entries are not looked at).

Contents are hashed (`checksum`) in threads, a window of files ahead of the walk, while
the differences still come out in the walk's order: hashlib and file reads release the GIL.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum

from engine.errors import describe
from engine.filters import Listed
from engine.folders import Entry, NamedEntry, open_folder
from engine.job import Job
from engine.records import FileTask
from engine.roots import Identity, open_root
from engine.stages.chain import ChainCache
from engine.system import CAP_MKNOD, has_capability
from engine.temps import is_temp
from engine.worker.metadata import Keeper
from engine.worker.policy import is_unchanged, modify_window_ns
from engine.worker.stamp import make_stamp


class Verdict(StrEnum):
    """What is wrong with one path."""

    MISSING = "missing"
    """A source entry whose output is not in the target."""
    CHANGED = "changed"
    """An output that is not its source's (the detail says how)."""
    EXTRA = "extra"
    """A target entry no source entry leads to and no stage writes."""
    UNREADABLE = "unreadable"
    """A source entry or folder (or a target folder) that could not be read, or a path a
    `--files-from` list names that the source lacks: not compared."""


SIZE, TIME, CONTENT, STAGES, METADATA, KIND = (
    "size",
    "time",
    "content",
    "stages",
    "metadata",
    "kind",
)
"""How a changed output differs, the first that applies in this order: `kind` (a folder
where a file should be, a file where a link should be, a FIFO of another kind or device
number), `size` (where the chain keeps sizes), `content` (with `checksum`: equal sizes,
other bytes; a symlink's text), `time` (modification times further apart than the
window), `stages` (a transformed output whose stamp names another source or chain, or none),
`metadata` (owner, mode, extended attributes or ACLs, as far as the job keeps them)."""

HASH = "sha256"
_WINDOW_PER_THREAD = 8
"""Files a hashing thread may be ahead of the output by: enough to keep every thread busy
behind a slow file, few enough to hold a bounded number of descriptors."""
_READ = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_DEVICE = (stat.S_ISCHR, stat.S_ISBLK)
NOT_IN_SOURCE = "listed in --files-from but not in the source"
"""Why a listed path the source does not have is `unreadable` (the run's failure, word for
word)."""


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference between the source and the target."""

    path: str
    """Relative to the source (for `extra`, to the target), with `/` between folders."""
    verdict: Verdict
    detail: str = ""
    """For `changed`, how (`SIZE`, `TIME`, ...); for `unreadable`, why; else empty."""
    output: str = ""
    """The output's name relative to the target, when the chain renames it."""


@dataclass
class Tally:
    """Counts of what the comparison found so far."""

    found: dict[Verdict, int] = field(default_factory=lambda: dict.fromkeys(Verdict, 0))
    matching: int = 0
    """Files, symlinks and special files found the same (folders are not counted)."""

    @property
    def ok(self) -> bool:
        return not any(self.found.values())


_Item = Difference | Future["Difference | None"] | None
"""What the walk yields per compared entry: a difference, a hash still running, or None
for an entry found the same."""
_Subdir = tuple[str, frozenset[tuple[int, int]], bool]
"""A folder to walk, as `_entry` finds it: its path, the identities of the folders above
it, and whether its target side is a folder to compare."""
_Walked = tuple[str, frozenset[tuple[int, int]], bool, Listed | None]
"""A folder to walk, and what of it a `--files-from` list names (None: all of it)."""


class Comparison:
    """Compares the source and target of a validated job; `differences()` walks once."""

    def __init__(self, job: Job, *, checksum: bool = False, threads: int = 1) -> None:
        self._job = job
        self._checksum = checksum
        self._threads = max(1, threads)
        self._filter = job.path_filter
        self._follow = job.follow_symlinks
        stages = job.build_stages()
        self._chains = ChainCache(stages)
        self._artifacts = frozenset(name for stage in stages for name in stage.artifacts())
        # No probe of the target (it would write a scratch file): what its file system
        # cannot hold is not known, and only the job's own window widens times.
        self._keep = Keeper(job.no_preserve)
        self._window_ns = modify_window_ns(job.modify_window)
        self._specials = "specials" not in job.no_preserve
        self._may_mknod = has_capability(CAP_MKNOD)
        self._source_dev = -1
        """The source root's device (set by the walk): `one_file_system` stays on it."""
        self.tally = Tally()
        self._sides: dict[Future[Difference | None], tuple[int, int]] = {}
        """The descriptors a hash still queued holds (closed by it, or here if cancelled)."""

    def differences(self) -> Iterator[Difference]:
        """Every difference, in the order of the walk (each folder's entries by name, then
        the extras of its target side); `tally` is complete once this is exhausted."""
        source = open_root(self._job.source)
        try:
            target = open_root(self._job.target) if os.path.isdir(self._job.target) else None
        except BaseException:
            os.close(source)
            raise
        pool = ThreadPoolExecutor(self._threads, "conveyor-check") if self._checksum else None
        window = _WINDOW_PER_THREAD * self._threads
        pending: deque[_Item] = deque()
        walk = self._walk(source, target, pool)
        try:
            for item in walk:
                pending.append(item)
                while pending and (len(pending) > window or _ready(pending[0])):
                    found = self._settle(pending.popleft())
                    if found is not None:
                        yield found
            while pending:
                found = self._settle(pending.popleft())
                if found is not None:
                    yield found
        finally:
            walk.close()  # its folders, now, when the reader stopped early
            for item in pending:
                if isinstance(item, Future) and item.cancel():
                    for fd in self._sides.pop(item):
                        os.close(fd)
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            os.close(source)
            if target is not None:
                os.close(target)

    def _settle(self, item: _Item) -> Difference | None:
        if isinstance(item, Future):
            self._sides.pop(item, None)
            found = item.result()
        else:
            found = item
        if found is None:
            self.tally.matching += 1
        else:
            self.tally.found[found.verdict] += 1
        return found

    def _walk(
        self, source: int, target: int | None, pool: ThreadPoolExecutor | None
    ) -> Generator[_Item]:
        root = os.fstat(source)
        self._source_dev = root.st_dev
        target_id = None if target is None else Identity.of(os.fstat(target))
        root_id = frozenset({(root.st_dev, root.st_ino)})
        stack: list[_Walked] = [("", root_id, target is not None, self._filter.listed)]
        while stack:
            rel_dir, ancestors, present, listed = stack.pop()
            try:
                sfd = open_folder(source, rel_dir, follow=self._follow)
            except OSError as exc:
                yield Difference(rel_dir or ".", Verdict.UNREADABLE, describe(exc))
                continue
            tfd = None
            try:
                entries: list[os.DirEntry[str]] = []
                if listed is None:  # else only the names the list leads to, looked up
                    with os.scandir(sfd) as listing:
                        entries = sorted(listing, key=lambda entry: entry.name)
                if present:
                    assert target is not None
                    try:
                        tfd = open_folder(target, rel_dir)
                    except OSError as exc:
                        why = f"the target folder cannot be listed: {describe(exc)}"
                        yield Difference(rel_dir or ".", Verdict.UNREADABLE, why)
                        continue
                expected = set(self._artifacts) if not rel_dir else set()
                # A folder a list only passes through is never judged for extras.
                folder = _Folder(rel_dir, sfd, tfd, expected, complete=listed is None)
                subdirs: list[_Walked] = []
                visits: Iterator[tuple[Entry, Listed | None] | Difference] = (
                    ((entry, None) for entry in entries)
                    if listed is None
                    else self._listed(folder, listed)
                )
                for visit in visits:
                    if isinstance(visit, Difference):
                        yield visit
                        continue
                    entry, below = visit
                    for item in self._entry(folder, entry, ancestors, target_id, pool):
                        if isinstance(item, tuple):
                            subdirs.append((*item, below))
                        else:
                            yield item
                if tfd is not None and folder.complete:
                    yield from self._extras(folder)
            except OSError as exc:
                yield Difference(rel_dir or ".", Verdict.UNREADABLE, describe(exc))
                continue
            finally:
                os.close(sfd)
                if tfd is not None:
                    os.close(tfd)
            stack.extend(reversed(subdirs))

    def _listed(
        self, folder: _Folder, listed: Listed
    ) -> Iterator[tuple[Entry, Listed | None] | Difference]:
        """The entries of `folder` a `--files-from` list leads to, looked up one by one as
        the scanner looks them up (`Scanner._visit_listed`), each with what the list names
        below it (None: all of it); a listed path the source lacks, or that lies below
        something other than a folder, is reported `unreadable` with the run's reason."""
        for name, below in sorted(listed.below.items()):
            rel = folder.rel(name)
            try:
                entry = NamedEntry(folder.source, name)
            except (FileNotFoundError, NotADirectoryError):
                yield from _not_reached(below, rel, NOT_IN_SOURCE)
                continue
            except OSError as exc:
                yield from _not_reached(below, rel, describe(exc))
                continue
            if not below.whole and not self._is_folder(entry):  # only on the way
                yield from _not_reached(below, rel, f"{NOT_IN_SOURCE} ('{name}' is not a folder)")
                continue
            yield entry, None if below.whole else below

    def _is_folder(self, entry: NamedEntry) -> bool:
        try:
            return stat.S_ISDIR(entry.stat(follow_symlinks=self._follow).st_mode)
        except OSError:
            return False

    def _entry(
        self,
        folder: _Folder,
        entry: Entry,
        ancestors: frozenset[tuple[int, int]],
        target_id: Identity | None,
        pool: ThreadPoolExecutor | None,
    ) -> Iterator[_Item | _Subdir]:
        """Compare one source entry (a folder to walk is yielded as a stack entry), as the
        scanner takes it: the same filters and size limits, links followed or not, loops
        left out, no other file system entered with `one_file_system`."""
        rel = folder.rel(entry.name)
        folder.expected.add(entry.name)
        try:
            is_link = entry.is_symlink()
            info = entry.stat(follow_symlinks=self._follow)
        except FileNotFoundError:
            folder.complete = False
            if self._filter.wants_file(rel):
                why = "broken symbolic link" if self._follow else "vanished during the check"
                yield Difference(rel, Verdict.UNREADABLE, why)
            return
        except OSError as exc:
            folder.complete = False
            yield Difference(rel, Verdict.UNREADABLE, describe(exc))
            return
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            key = (info.st_dev, info.st_ino)
            if not self._filter.wants_dir(rel) or key in ancestors:
                return
            if target_id is not None and Identity.of(info) == target_id:
                return
            present = False
            if folder.target is not None:
                existing = _lstat(folder.target, entry.name)
                if existing is None:
                    yield Difference(rel, Verdict.MISSING)
                elif not stat.S_ISDIR(existing.st_mode):
                    yield Difference(rel, Verdict.CHANGED, KIND)
                else:
                    present = True
            else:
                yield Difference(rel, Verdict.MISSING)
            if self._filter.one_file_system and info.st_dev != self._source_dev:
                return  # as rsync -x: the mount point is made, what is mounted there is not
            yield rel, ancestors | {key}, present
            return
        if stat.S_ISREG(mode):
            # Every name its output may take stays, compared or not (as a mirror keeps them).
            folder.expected.update(self._chains(rel).output_names(rel))
        if not self._filter.wants_file(rel):
            return
        if is_link and not self._follow:
            yield self._symlink(folder, entry.name, rel, info)
        elif stat.S_ISREG(mode):
            if self._filter.wants_size(info.st_size):  # else left out, as the run does
                yield self._file(folder, entry.name, rel, info, pool)
        elif self._recreated(mode):
            yield self._special(folder, entry.name, rel, info)

    def _recreated(self, mode: int) -> bool:
        """Whether a run recreates this special file (else it skips it: nothing to compare)."""
        if not self._specials:
            return False
        if any(test(mode) for test in _DEVICE):
            return self._may_mknod
        return stat.S_ISFIFO(mode)

    def _file(
        self,
        folder: _Folder,
        name: str,
        rel: str,
        info: os.stat_result,
        pool: ThreadPoolExecutor | None,
    ) -> _Item:
        chain = self._chains(rel)
        names = chain.output_names(rel)  # already expected (`_entry`)
        planned = chain.output_name(rel)
        output = "" if planned == rel else planned
        if folder.target is None:
            return Difference(rel, Verdict.MISSING, output=output)
        found = next(((n, st) for n in names if (st := _lstat(folder.target, n)) is not None), None)
        if found is None:
            return Difference(rel, Verdict.MISSING, output=output)
        out_name, existing = found
        output = "" if out_name == name else folder.rel(out_name)
        if not stat.S_ISREG(existing.st_mode):
            return Difference(rel, Verdict.CHANGED, KIND, output)
        stamp = None if chain.plain else make_stamp(info.st_size, info.st_mtime_ns, rel, chain)
        task = FileTask(rel, "file", info.st_size, info.st_mtime_ns, info.st_atime_ns, info.st_mode)
        same_size = chain.keeps_bytes
        why = None
        if not is_unchanged(
            existing, folder.target, out_name, task, same_size, None, stamp, self._window_ns
        ):
            why = self._why_changed(existing, info, same_size)
        hashed = self._checksum and same_size
        if why == SIZE or (why is not None and not hashed):
            return Difference(rel, Verdict.CHANGED, why, output)
        try:
            sides = _open_both(folder, name, out_name, follow=self._follow)
        except OSError as exc:
            return Difference(rel, Verdict.UNREADABLE, describe(exc), output)
        judge = _Judge(rel, output, info, existing, why, hashed, self._keep)
        if hashed and pool is not None:
            future = pool.submit(judge, *sides)
            self._sides[future] = sides
            return future
        return judge(*sides)

    def _why_changed(self, existing: os.stat_result, info: os.stat_result, same_size: bool) -> str:
        """Which part of `is_unchanged` failed for a regular file."""
        if same_size and existing.st_size != info.st_size:
            return SIZE
        if abs(existing.st_mtime_ns - info.st_mtime_ns) > self._window_ns:
            return TIME
        return STAGES

    def _symlink(self, folder: _Folder, name: str, rel: str, info: os.stat_result) -> _Item:
        existing = _existing(folder, name, rel)
        if isinstance(existing, Difference):
            return existing
        assert folder.target is not None
        if not stat.S_ISLNK(existing.st_mode):
            return Difference(rel, Verdict.CHANGED, KIND)
        try:
            text = os.readlink(name, dir_fd=folder.source)
            task = FileTask(rel, "symlink", 0, info.st_mtime_ns, info.st_atime_ns, info.st_mode)
            same = is_unchanged(existing, folder.target, name, task, True, text, None)
        except OSError as exc:
            return Difference(rel, Verdict.UNREADABLE, describe(exc))
        return None if same else Difference(rel, Verdict.CHANGED, CONTENT)

    def _special(self, folder: _Folder, name: str, rel: str, info: os.stat_result) -> _Item:
        existing = _existing(folder, name, rel)
        if isinstance(existing, Difference):
            return existing
        assert folder.target is not None
        rdev = info.st_rdev if any(test(info.st_mode) for test in _DEVICE) else 0
        task = FileTask(
            rel, "special", 0, info.st_mtime_ns, info.st_atime_ns, info.st_mode, rdev=rdev
        )
        same = is_unchanged(existing, folder.target, name, task, True, None, None)
        return None if same else Difference(rel, Verdict.CHANGED, KIND)

    def _extras(self, folder: _Folder) -> Iterator[Difference]:
        """The target entries of a completely listed source folder that no source entry
        leads to and no stage writes (nor Conveyor's temporary files, nor what the filters
        leave out); an extra folder with everything in it."""
        assert folder.target is not None
        with os.scandir(folder.target) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.name in folder.expected or is_temp(entry.name):
                continue
            rel = folder.rel(entry.name)
            is_dir = entry.is_dir(follow_symlinks=False)
            wanted = self._filter.wants_dir(rel) if is_dir else self._filter.wants_file(rel)
            if not wanted:
                continue
            yield Difference(rel, Verdict.EXTRA)
            if is_dir:
                yield from _everything_in(folder.target, entry.name, rel)


@dataclass
class _Folder:
    """One source folder being compared, and its target side (None: not there)."""

    rel_dir: str
    source: int
    target: int | None
    expected: set[str]
    """The names its target side may hold: every source entry's, every name a file's
    output may take, and (at the root) the stages' artifacts."""
    complete: bool = True
    """Every entry could be looked at (and the folder was listed, not only passed through
    by a `--files-from` list); else its target side is not judged for extras."""

    def rel(self, name: str) -> str:
        return f"{self.rel_dir}/{name}" if self.rel_dir else name


@dataclass(frozen=True)
class _Judge:
    """The rest of a file's comparison, with both sides open: contents (when hashed) and
    metadata; run in a thread when hashing. Closes both descriptors."""

    rel: str
    output: str
    source: os.stat_result
    existing: os.stat_result
    why: str | None
    """What already differs (time, stages), reported unless the contents differ too."""
    hashed: bool
    keep: Keeper

    def __call__(self, src_fd: int, out_fd: int) -> Difference | None:
        try:
            if self.hashed and _digest(src_fd) != _digest(out_fd):
                return self._changed(CONTENT)
            if self.why is not None:
                return self._changed(self.why)
            if self.keep.refresh(src_fd, out_fd, self.source, self.existing, apply=False):
                return self._changed(METADATA)
            return None
        except OSError as exc:
            return Difference(self.rel, Verdict.UNREADABLE, describe(exc), self.output)
        finally:
            os.close(src_fd)
            os.close(out_fd)

    def _changed(self, detail: str) -> Difference:
        return Difference(self.rel, Verdict.CHANGED, detail, self.output)


def _digest(fd: int) -> bytes:
    """The hash of everything the file `fd` holds, read in chunks from its start."""
    os.lseek(fd, 0, os.SEEK_SET)
    with open(fd, "rb", closefd=False) as file:
        return hashlib.file_digest(file, HASH).digest()


def _open_both(folder: _Folder, name: str, out_name: str, *, follow: bool) -> tuple[int, int]:
    """The source file and its output, opened for reading without blocking (a FIFO swapped
    in since cannot hang the check), and without following a link but where the job does."""
    assert folder.target is not None
    src_fd = os.open(name, _READ | (0 if follow else os.O_NOFOLLOW), dir_fd=folder.source)
    try:
        out_fd = os.open(out_name, _READ | os.O_NOFOLLOW, dir_fd=folder.target)
    except BaseException:
        os.close(src_fd)
        raise
    return src_fd, out_fd


def _existing(folder: _Folder, name: str, rel: str) -> os.stat_result | Difference:
    """The target's entry for `name` (its lstat), or the difference that it is missing."""
    existing = None if folder.target is None else _lstat(folder.target, name)
    return Difference(rel, Verdict.MISSING) if existing is None else existing


def _lstat(dir_fd: int, name: str) -> os.stat_result | None:
    """What is at `name` in the folder (a link not followed), or None when nothing is."""
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _not_reached(listed: Listed, rel: str, why: str) -> Iterator[Difference]:
    """Each listed path at or below `rel`, which the walk cannot reach, as unreadable."""
    for path in listed.paths(rel):
        yield Difference(path, Verdict.UNREADABLE, why)


def _ready(item: _Item) -> bool:
    return not isinstance(item, Future) or item.done()


def _everything_in(parent: int, name: str, rel: str) -> Iterator[Difference]:
    """Every entry inside the extra folder `name` of `parent`, folders before their
    contents, links not followed; what cannot be listed is left out (its folder is
    already reported)."""
    try:
        fd = os.open(
            name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent
        )
    except OSError:
        return
    try:
        with os.scandir(fd) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if is_temp(entry.name):
                continue
            child = f"{rel}/{entry.name}"
            yield Difference(child, Verdict.EXTRA)
            if entry.is_dir(follow_symlinks=False):
                yield from _everything_in(fd, entry.name, child)
    except OSError:
        return
    finally:
        os.close(fd)
