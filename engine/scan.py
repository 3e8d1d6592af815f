"""The scanner: walks the source folder and turns it into batches of small task records.

It runs on a thread of the coordinating process, walks with an explicit stack (no recursion
limit, however deep the tree), creates each target folder before any file in it is queued,
and reports what it will not hand to workers (sockets, unreadable folders; FIFOs and devices
when the job leaves them out, devices when not run as root) directly as outcomes. FIFOs and
devices go to workers like files, to be recreated (never opened), as `cp -a` does. Its
output queue is bounded, so it never runs far ahead of the workers.

A folder that fails (its target folder cannot be made, or it cannot be listed) hides no
file: the walk goes on through it in the source, creating and queuing nothing, taking what
the job's own filters take, and its one report says how many files and bytes beneath it
were left out (or that they could not all be listed).

It works from the descriptors of the two roots the job holds, one name at a time, and knows
folders by identity: it never walks into the target (a bind mount or a followed link can
lead there), never into a folder already on its path, and never writes into the source
when it lies inside the target. In each existing target folder it walks, it removes the
temporary files of jobs no longer running, but never a name the source folder has.

Given a `QuickCheck`, it also settles files that need no worker: a plain copy whose target
already passes the if-exists policy's check (rsync's quick check for `changed`: a regular
file of the same size and mtime) is reported skipped from here, with the same outcome a
worker would have sent, so a re-run of a finished job sends nothing to workers at all.
"""

from __future__ import annotations

import os
import posixpath
import queue
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from engine.control import Cancelled
from engine.errors import describe
from engine.filters import Listed, PathFilter
from engine.folders import Entry, NamedEntry, folder, open_folder
from engine.quantities import counted, human_bytes
from engine.records import Batch, FileTask, LeftOut, Outcome, Status
from engine.roots import Identity, open_root
from engine.stages import Stage
from engine.stages.chain import ChainCache
from engine.system import CAP_MKNOD, has_capability
from engine.temps import remove_strays_in
from engine.worker.policy import Decision, IfExists, quick_check

if TYPE_CHECKING:
    from engine.hardlinks import HardLinks
    from engine.mirror import Mirror
    from engine.worker.metadata import Keeper

BATCH_FILES = 256
"""Small files per batch: enough to make queue traffic negligible and to keep two workers in
different folders most of the time (creating files in one folder takes its lock, so workers
in the same folder wait on each other: 20,000 small files with two workers took a median
1.74 s in batches of 64 and 1.52 s in batches of 256; 1,024 was slower again), few enough
to balance."""
BATCH_BYTES = 16 << 20
"""A batch closes at this many bytes so big files spread across workers."""
TRANSFORM_BATCH_BYTES = 1 << 20
"""The limit instead when stages transform the bytes: a megabyte through gzip takes a worker
about 0.05 s, so the last batches of a job spread over all workers, not one long tail."""
ALONE_BYTES = 8 << 20
"""Files this large travel alone, so one worker can report them and others keep going."""
UP_TO_DATE_PER_ITEM = 256
"""Skipped files sent together: the queue carries a few items per thousand files."""


# Looked up once: these run for every entry of the tree.
_by_name = attrgetter("name")
_is_regular = stat.S_ISREG
_SKIPPED = Status.SKIPPED


def batch_bytes_for(stages: tuple[Stage, ...]) -> int:
    """The byte limit of a batch for a job with these stages."""
    return BATCH_BYTES if all(stage.passthrough for stage in stages) else TRANSFORM_BATCH_BYTES


class ScanDone:
    """Sent last on the scanner's queue."""


@dataclass(frozen=True, slots=True)
class UpToDate:
    """Files the quick check settled in the scanner: their SKIPPED outcomes, exactly as a
    worker would have reported them (not warnings, unlike special files' skips)."""

    outcomes: tuple[Outcome, ...]


class QuickCheck:
    """Which files the scanner may settle itself, and how: those whose whole chain is a plain
    copy under the source's own name, judged from one lstat of the target by
    `transfer.quick_check`, the function the workers' own decision is built from."""

    def __init__(
        self, stages: tuple[Stage, ...], policy: IfExists, keep: Keeper, window_ns: int = 0
    ) -> None:
        self.policy = policy
        self._keep = keep
        self._window_ns = window_ns
        """How far apart modification times may be and count as equal (the workers' own)."""
        untouched = all(stage.passthrough and not stage.renames for stage in stages)
        # With only plain stages that keep names every file qualifies: no chain per file.
        self._chains = None if untouched else ChainCache(stages)

    @classmethod
    def for_job(
        cls, stages: tuple[Stage, ...], policy: IfExists, keep: Keeper, window_ns: int = 0
    ) -> QuickCheck | None:
        """None when the policy never skips (`overwrite`): checking would only cost stats."""
        return None if policy is IfExists.OVERWRITE else cls(stages, policy, keep, window_ns)

    def verdict(
        self, target_fd: int, name: str, rel: str, source: os.stat_result
    ) -> Decision | None:
        """What becomes of the file `name` in the target folder `target_fd`, when the scan
        can tell; None when a worker must handle it (other chains, no regular file there,
        an up-to-date output whose owner, mode or attributes may differ from its source's)."""
        if self._chains is not None:
            chain = self._chains(rel)
            if not chain.plain or chain.output_name(rel) != rel:
                return None
        try:
            existing = os.stat(name, dir_fd=target_fd, follow_symlinks=False)
        except OSError:
            return None
        if not _is_regular(existing.st_mode):
            return None
        size, mtime_ns = source.st_size, source.st_mtime_ns
        verdict = quick_check(self.policy, existing, name, size, mtime_ns, self._window_ns)
        if verdict.unchanged and self._keep.may_differ(source, existing):
            return None
        return verdict


@dataclass(frozen=True, slots=True)
class DirEntry:
    rel: str
    mtime_ns: int
    atime_ns: int
    mode: int
    uid: int = -1
    gid: int = -1
    """The source folder's owner and group (-1: unknown), which its copy gets at the end."""


@dataclass
class ScanTotals:
    files: int = 0
    bytes: int = 0
    complete: bool = False
    """Set once the walk is over, though batches may still wait in the queue."""
    strays_removed: int = 0
    """Temporary files of an interrupted earlier run found in existing target folders."""
    directories: list[DirEntry] = field(default_factory=list)


ScanItem = Batch | Outcome | UpToDate | ScanDone

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_DEVICE = (stat.S_ISCHR, stat.S_ISBLK)

NOT_IN_SOURCE = "listed in --files-from but not in the source"
"""The failure of a listed path the source does not have."""


@dataclass(slots=True)
class Beneath:
    """A folder that failed, and the tally of what the walk finds beneath it in the source
    (all of it left out); reported once the last of its folders is walked."""

    rel: str
    reason: str
    files: int = 0
    bytes: int = 0
    counted: bool = True
    """False once a folder beneath it (or itself) could not be listed."""
    pending: int = 1
    """Its folders still to walk, itself included."""

    def outcome(self) -> Outcome:
        """Its failure, saying in words what it left out."""
        reason = self.reason
        if self.files:
            files = counted(self.files, "file")
            reason += f"; {files} ({human_bytes(self.bytes)}) beneath it not copied"
            if not self.counted:
                reason += ", and more in folders that could not be listed"
        elif not self.counted:
            reason += "; its contents could not be listed, so how many files were not copied "
            reason += "is unknown"
        left_out = LeftOut(self.files, self.bytes, self.counted)
        return Outcome(self.rel, Status.FAILED, reason=reason, left_out=left_out)


Found = tuple[str, frozenset[tuple[int, int]], Beneath | None]
"""A folder met: its path, the identities of the folders above it and itself, and the
folder that failed it lies in or is (None: it is taken)."""
Walked = tuple[str, frozenset[tuple[int, int]], Beneath | None, Listed | None]
"""A folder to walk: a `Found` and what of it a `--files-from` list names (None: all of
it)."""


class Scanner:
    """Walks the folder `source` (a descriptor) and makes the folders of `target` (one, or
    None where nothing is written and no target exists yet)."""

    def __init__(
        self,
        source: int,
        target: int | None,
        path_filter: PathFilter,
        *,
        follow_symlinks: bool,
        create_dirs: bool,
        out: queue.Queue[ScanItem],
        stop: threading.Event,
        hard_links: HardLinks | None = None,
        mirror: Mirror | None = None,
        quick: QuickCheck | None = None,
        batch_bytes: int = BATCH_BYTES,
        owner: str = "",
        wake: Callable[[], None] | None = None,
        specials: bool = True,
    ) -> None:
        self.source = source
        self.target = target
        self.source_id = Identity.of(os.fstat(source))
        self.target_id = None if target is None else Identity.of(os.fstat(target))
        self.owner = owner
        """The job's `temps.process_token`: its own temporary files are never strays."""
        self.wake = wake
        """Called when an item goes into an empty queue (the pipeline's wakeup)."""
        self.filter = path_filter
        self.follow = follow_symlinks
        self.create_dirs = create_dirs
        self.out = out
        self.stop = stop
        self.hard_links = hard_links
        self.mirror = mirror
        """When set, each listed folder's target side is compared for extras (`--delete`)."""
        self._unlisted = False
        """An entry of the folder being listed could not be read."""
        """When set, later names of a linked inode go to it instead of to the workers."""
        self.quick = quick
        """When set, files already up to date in the target are reported from here."""
        self.batch_bytes = batch_bytes
        self.specials = specials
        """Whether FIFOs and devices are recreated (else skipped with a warning)."""
        self._may_mknod = has_capability(CAP_MKNOD)
        self.totals = ScanTotals()
        self._up_to_date: list[Outcome] = []
        self._created: set[str] = set()
        """Target folders this scan made, until listed: empty, so nothing in them to check."""
        self._leaving: Beneath | None = None
        """The folder that failed, when the folder being walked lies in it (or is it): then
        its entries are only counted, nothing is created, queued or reported."""
        self._batch: list[FileTask] = []
        self._batch_bytes = 0
        self._batches = 0
        self._fix_owner_access = os.geteuid() != 0

    def run(self) -> None:
        try:
            self._walk()
            self.totals.complete = not self.stop.is_set()
            self._flush()
        finally:
            self._put(ScanDone())

    def _walk(self) -> None:
        root = os.fstat(self.source)
        self.totals.directories.append(
            DirEntry("", root.st_mtime_ns, root.st_atime_ns, root.st_mode, root.st_uid, root.st_gid)
        )
        root_id = frozenset({(root.st_dev, root.st_ino)})
        stack: list[Walked] = [("", root_id, None, self.filter.listed)]
        while stack and not self.stop.is_set():
            rel_dir, ancestors, beneath, listed = stack.pop()
            self._leaving = beneath
            subdirs = self._walk_folder(rel_dir, ancestors, listed)
            if beneath is not None:
                beneath.pending += len(subdirs) - 1
                if not beneath.pending:
                    self._put(beneath.outcome())
            stack.extend(reversed(subdirs))

    def _walk_folder(
        self, rel_dir: str, ancestors: frozenset[tuple[int, int]], listed: Listed | None
    ) -> list[Walked]:
        """Queue or report the entries of one source folder; the folders below it to walk
        are returned. A folder left out has no target side: nothing there is looked at."""
        try:
            # Listed through a descriptor reached name by name: no path length limit.
            fd = open_folder(self.source, rel_dir, follow=self.follow)
        except OSError as exc:
            self._unreadable(rel_dir, exc)
            return []
        mirror = self.mirror if self._leaving is None else None
        subdirs: list[Walked] = []
        fresh = rel_dir in self._created
        self._created.discard(rel_dir)
        target_fd = None if fresh or self._leaving is not None else self._target_folder(rel_dir)
        try:
            if listed is not None:  # only the names a --files-from list leads to
                subdirs = self._visit_listed(fd, rel_dir, listed, ancestors, target_fd, fresh)
                if mirror is not None:  # a partial listing never drives deletions
                    mirror.incomplete(rel_dir)
            else:
                with os.scandir(fd) as it:
                    entries = sorted(it, key=_by_name)
                if target_fd is not None and self.create_dirs:
                    keep = {entry.name for entry in entries}
                    self.totals.strays_removed += remove_strays_in(
                        target_fd, keep=keep, owner=self.owner
                    )
                self._unlisted = False
                for entry in entries:
                    rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
                    subdir = self._entry(entry, rel, ancestors, target_fd, fresh)
                    if subdir is not None:
                        subdirs.append((*subdir, None))
                if mirror is not None:
                    if self._unlisted:
                        mirror.incomplete(rel_dir)
                    elif target_fd is not None:
                        mirror.compare(rel_dir, entries, target_fd)
        except OSError as exc:
            self._unreadable(rel_dir, exc)
        finally:
            os.close(fd)
            if target_fd is not None:
                os.close(target_fd)
        return subdirs

    def _unreadable(self, rel_dir: str, exc: OSError) -> None:
        """A source folder that could not be listed fails, its contents unknown; within a
        folder that failed, it leaves that folder's tally incomplete instead."""
        if self._leaving is not None:
            self._leaving.counted = False
            return
        reason = f"cannot list folder: {describe(exc)}"
        self._put(Beneath(rel_dir, reason, counted=False).outcome())
        if self.mirror is not None:
            self.mirror.incomplete(rel_dir)

    def _visit_listed(
        self,
        fd: int,
        rel_dir: str,
        listed: Listed,
        ancestors: frozenset[tuple[int, int]],
        target_fd: int | None,
        fresh: bool,
    ) -> list[Walked]:
        """Queue or report the names of the folder `fd` that a `--files-from` list leads to,
        looked up one by one (the folder is never listed); the folders to walk are returned.
        A listed path the source lacks, or that lies below something other than a folder,
        fails on its own. Stray temporary files are not cleaned up here: only a complete
        listing tells which names the source folder has."""
        subdirs: list[Walked] = []
        for name, below in sorted(listed.below.items()):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            try:
                entry = NamedEntry(fd, name)
            except (FileNotFoundError, NotADirectoryError):
                self._not_listed(below, rel, NOT_IN_SOURCE)
                continue
            except OSError as exc:
                self._not_listed(below, rel, describe(exc))
                continue
            if not below.whole and not self._is_folder(entry):  # only on the way: not copied
                self._not_listed(below, rel, f"{NOT_IN_SOURCE} ('{name}' is not a folder)")
                continue
            subdir = self._entry(entry, rel, ancestors, target_fd, fresh)
            if subdir is not None:
                subdirs.append((*subdir, None if below.whole else below))
        return subdirs

    def _is_folder(self, entry: NamedEntry) -> bool:
        try:
            return stat.S_ISDIR(entry.stat(follow_symlinks=self.follow).st_mode)
        except OSError:
            return False

    def _not_listed(self, listed: Listed, rel: str, reason: str) -> None:
        """Fail each listed path at or below `rel`, which the walk cannot reach."""
        for path in listed.paths(rel):
            self._report(Outcome(path, Status.FAILED, reason=reason))

    def _target_folder(self, rel: str) -> int | None:
        """The existing target folder for the quick check and the clean-up of strays,
        reached as workers reach it (name by name, no symlinks); None when it cannot be
        opened (missing in a dry run, say): then the workers see to its files."""
        if self.target is None or (
            self.quick is None and not self.create_dirs and self.mirror is None
        ):
            return None
        try:
            return open_folder(self.target, rel)
        except OSError:
            return None

    def _entry(
        self,
        entry: Entry,
        rel: str,
        ancestors: frozenset[tuple[int, int]],
        target_fd: int | None = None,
        fresh: bool = False,
    ) -> Found | None:
        """Queue or report one entry; a folder to walk is returned. `fresh`: the target
        folder was made by this scan, so it is empty (no quick check, workers need not look)."""
        try:
            is_link = entry.is_symlink()
            info = entry.stat(follow_symlinks=self.follow)
        except FileNotFoundError:
            self._unlisted = True
            if self.filter.wants_file(rel):
                reason = "broken symbolic link" if self.follow else "vanished during the scan"
                self._report(Outcome(rel, Status.FAILED, reason=reason))
            return None
        except OSError as exc:
            self._unlisted = True
            self._report(Outcome(rel, Status.FAILED, reason=describe(exc)))
            return None
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            return self._folder(rel, info, is_link, ancestors)
        if not self.filter.wants_file(rel):
            return None
        if is_link and not self.follow:
            times = (info.st_mtime_ns, info.st_atime_ns)
            owner = (info.st_uid, info.st_gid)
            self._add(FileTask(rel, "symlink", 0, *times, mode, fresh, *owner))
        elif stat.S_ISREG(mode):
            if not self.filter.wants_size(info.st_size):
                return None  # left out like a filtered file: not counted, not reported
            links = self.hard_links if self._leaving is None else None
            if links is not None and links.divert(rel, info):
                self.totals.files += 1  # linked later, no bytes to copy
                return None
            size, mtime_ns = info.st_size, info.st_mtime_ns
            if target_fd is not None and self.quick is not None:
                verdict = self.quick.verdict(target_fd, entry.name, rel, info)
                if verdict is not None and verdict.skip:
                    self._settled(rel, size, verdict)
                    return None
            self._add(FileTask(rel, "file", size, mtime_ns, info.st_atime_ns, mode, fresh))
        else:
            self._special(rel, info, fresh)
        return None

    def _folder(
        self, rel: str, info: os.stat_result, is_link: bool, ancestors: frozenset[tuple[int, int]]
    ) -> Found | None:
        """Make the target folder of the source folder `rel` and return it to walk; a folder
        whose target folder cannot be made is walked too, to count what it leaves out."""
        if not self.filter.wants_dir(rel):
            return None
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            reason = (
                "symbolic link loop: leads back to a parent"
                if is_link
                else "the same folder as one of its parents (a bind mount): not walked again"
            )
            self._report(Outcome(rel, Status.SKIPPED, reason=reason))
            return None
        if key == self.target_id:
            reason = (
                "is the target folder itself (reached through a "
                f"{'symbolic link' if is_link else 'mount'}): not copied into itself"
            )
            self._report(Outcome(rel, Status.SKIPPED, reason=reason))
            return None
        # As rsync -x: the mount point is made (empty), what is mounted there is not entered.
        elsewhere = self.filter.one_file_system and info.st_dev != self.source_id.dev
        if self._leaving is not None:
            return None if elsewhere else (rel, ancestors | {key}, self._leaving)
        failure = self._make_dir(rel)
        if failure:
            beneath = Beneath(rel, failure)
            if not elsewhere:
                return rel, ancestors | {key}, beneath
            self._put(beneath.outcome())  # not entered: nothing beneath it would be taken
            return None
        self.totals.directories.append(
            DirEntry(
                rel, info.st_mtime_ns, info.st_atime_ns, info.st_mode, info.st_uid, info.st_gid
            )
        )
        if elsewhere:
            self._created.discard(rel)
            reason = "on another file system than the source (one-file-system): not entered"
            self._put(Outcome(rel, Status.SKIPPED, reason=reason))
            return None
        return rel, ancestors | {key}, None

    def _special(self, rel: str, info: os.stat_result, fresh: bool) -> None:
        """Queue a FIFO or device to be recreated, or report why it is not."""
        mode = info.st_mode
        kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "a special file")
        device = any(test(mode) for test in _DEVICE)
        if not self.specials or not (device or stat.S_ISFIFO(mode)):
            self._report(Outcome(rel, Status.SKIPPED, reason=f"{kind}: never opened or copied"))
        elif device and not self._may_mknod:
            reason = f"{kind}: not recreated (making a device file needs root)"
            self._report(Outcome(rel, Status.SKIPPED, reason=reason))
        else:
            times = (info.st_mtime_ns, info.st_atime_ns)
            owner = (info.st_uid, info.st_gid)
            rdev = info.st_rdev if device else 0
            self._add(FileTask(rel, "special", 0, *times, mode, fresh, *owner, rdev))

    def _make_dir(self, rel: str) -> str:
        """Make the target folder of `rel`; why it cannot be made, or ""."""
        if not self.create_dirs or self.target is None:
            return ""
        parent_rel, name = posixpath.split(rel)
        try:
            with folder(self.target, parent_rel) as parent:
                try:
                    os.mkdir(name, dir_fd=parent)
                    self._created.add(rel)
                except FileExistsError:
                    info = os.stat(name, dir_fd=parent, follow_symlinks=False)
                    if not stat.S_ISDIR(info.st_mode):
                        kind = "symbolic link" if stat.S_ISLNK(info.st_mode) else "file"
                        return f"cannot create folder: a {kind} is in the way"
                    if Identity.of(info) == self.source_id:
                        return (
                            "its target folder is the source folder itself (the source lies "
                            "inside the target): nothing is written into it"
                        )
                    if self._fix_owner_access and info.st_mode & 0o700 != 0o700:
                        os.chmod(name, info.st_mode | 0o700, dir_fd=parent)
        except OSError as exc:
            return f"cannot create folder: {describe(exc)}"
        return ""

    def _add(self, task: FileTask) -> None:
        if self._leaving is not None:  # counted among what the folder that failed left out
            self._leaving.files += 1
            self._leaving.bytes += task.size
            return
        self.totals.files += 1
        self.totals.bytes += task.size
        if task.size >= ALONE_BYTES:
            self._put(Batch(self._next_id(), (task,)))
            return
        self._batch.append(task)
        self._batch_bytes += task.size
        limit = min(BATCH_FILES, 1 << self._batches)
        if len(self._batch) >= limit or self._batch_bytes >= self.batch_bytes:
            self._flush()

    def _settled(self, rel: str, size: int, verdict: Decision) -> None:
        """Counted like a queued file (totals), reported as its worker would have."""
        self.totals.files += 1
        self.totals.bytes += size
        outcome = Outcome(rel, _SKIPPED, size, verdict.skip, unchanged=verdict.unchanged)
        self._up_to_date.append(outcome)
        if len(self._up_to_date) >= UP_TO_DATE_PER_ITEM:
            self._flush_up_to_date()

    def _flush_up_to_date(self) -> None:
        if self._up_to_date:
            self._put(UpToDate(tuple(self._up_to_date)))
            self._up_to_date = []

    def _flush(self) -> None:
        self._flush_up_to_date()
        if self._batch:
            self._put(Batch(self._next_id(), tuple(self._batch)))
            self._batch = []
            self._batch_bytes = 0

    def _next_id(self) -> int:
        self._batches += 1
        return self._batches

    def _report(self, outcome: Outcome) -> None:
        """Report what became of an entry. Within a folder that failed, whose own report
        covers all beneath it, a failed entry is counted among what it left out, and a
        skipped one (which would not have been copied anyway) is not reported."""
        if self._leaving is None:
            self._put(outcome)
        elif outcome.status is Status.FAILED:
            self._leaving.files += 1

    def _put(self, item: ScanItem) -> None:
        """Queue an item; when the queue was empty, tell the pipeline, which may be waiting
        for it (a fuller queue is drained as soon as workers have room, which they say)."""
        was_empty = self.out.empty()
        while not self.stop.is_set():
            try:
                self.out.put(item, timeout=0.1)
            except queue.Full:
                continue
            if was_empty and self.wake is not None:
                self.wake()
            return


class Listing:
    """The source's entries as a run would see them (same filters), with nothing created:
    for the checks and estimates made before a job starts."""

    def __init__(self, source: Path, path_filter: PathFilter, *, follow_symlinks: bool) -> None:
        self._items: queue.Queue[ScanItem] = queue.Queue(maxsize=64)
        self._stop = threading.Event()
        self._root = open_root(source)
        self._scanner = Scanner(
            self._root,
            None,
            path_filter,
            follow_symlinks=follow_symlinks,
            create_dirs=False,
            out=self._items,
            stop=self._stop,
        )

    @property
    def totals(self) -> ScanTotals:
        """Counts and folders; complete once `tasks()` has been exhausted."""
        return self._scanner.totals

    def tasks(self, stop: threading.Event | None = None) -> Iterator[FileTask]:
        """Each file, symlink and special file in scan order; raises Cancelled once `stop` is
        set."""
        thread = threading.Thread(target=self._scanner.run, name="conveyor-listing", daemon=True)
        thread.start()
        try:
            while True:
                if stop is not None and stop.is_set():
                    raise Cancelled
                try:
                    item = self._items.get(timeout=0.1)
                except queue.Empty:
                    continue
                if isinstance(item, ScanDone):
                    return
                if isinstance(item, Batch):
                    yield from item.tasks
        finally:
            self._stop.set()
            thread.join(timeout=5)
            if not thread.is_alive():
                os.close(self._root)
