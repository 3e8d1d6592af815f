"""Moving one file from source to target inside a worker: decide, write aside, rename into place.

Every file is written to a temporary name in its target folder (`temps.temp_name`) and
renamed over its final name only when complete, so no reader ever sees half a file. What
is already at the target is judged first by the if-exists policy (`policy`); the bytes move
through the kernel or the stage chain (`copying`); a source that changes while it is read
is copied again, never trusted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import stat
from itertools import count
from pathlib import Path
from typing import NamedTuple

from engine.control import Cancelled, Control
from engine.errors import StageError, describe
from engine.folders import FolderCache, exists_at
from engine.records import FileTask, Outcome, Status
from engine.roots import open_verified
from engine.stages import FileContext, Stage
from engine.stages.chain import Chain, ChainCache
from engine.temps import temp_name
from engine.worker.backup import Backup
from engine.worker.contents import same_contents
from engine.worker.copying import (
    Cloner,
    Reflink,
    current_umask,
    kernel_copy,
    stream,
    verify_written,
)
from engine.worker.inflight import TempFiles
from engine.worker.metadata import Keeper
from engine.worker.moving import remove_source, rename_into
from engine.worker.pacing import Pacer
from engine.worker.placing import place_without_replacing
from engine.worker.policy import Decision, IfExists, decide, is_unchanged
from engine.worker.settings import TransferSettings
from engine.worker.stamp import make_stamp, set_stamp

METADATA_UPDATED = "metadata updated"
"""The reason given for an up-to-date output whose owner, mode or attributes were updated."""
TARGET_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
"""Errors after which no further file can succeed until space is freed."""


class _Written(NamedTuple):
    """A temporary file written in full from a source that did not change meanwhile."""

    copied: int
    digest: bytes | None
    """Of the bytes written, when they were streamed (to verify them); None otherwise."""
    ctx: FileContext | None
    """The stages' view of the file, when it went through the chain."""
    stamp: bytes | None
    size: int
    mtime_ns: int
    """The source's size and mtime when the copy began (and still when it ended)."""


class Transfer:
    """Runs one task through the stage chain; never raises for a file's own failure.

    Every source file and target folder is reached name by name from the two root folders
    the caller holds open (`source_root`, `target_root`), never by a path."""

    def __init__(
        self,
        settings: TransferSettings,
        stages: tuple[Stage, ...],
        control: Control,
        temps: TempFiles,
        pacer: Pacer,
        temp_tag: str,
        *,
        source_root: int,
        target_root: int | None,
    ) -> None:
        self.settings = settings
        self.stages = stages
        self.control = control
        self.temps = temps
        self.pacer = pacer
        self._temp_tag = temp_tag
        self._temp_numbers = count()
        self._umask = current_umask()
        self._keep = Keeper(settings.no_preserve, settings.unheld)
        self._cloner = Cloner(settings.reflink)
        self._backup = _backup_of(settings)
        self._chain = ChainCache(stages)
        self._targets = None if target_root is None else FolderCache(target_root)
        self._sources = FolderCache(source_root, follow=settings.follow_symlinks)
        self.warnings: list[str] = []

    def _temp(self) -> str:
        return temp_name(self.settings.owner, self._temp_tag, next(self._temp_numbers))

    def run(self, task: FileTask) -> Outcome:
        outcome = self._run(task)
        losses = self._keep.losses()
        return outcome._replace(losses=losses) if losses else outcome

    def _run(self, task: FileTask) -> Outcome:
        try:
            if task.kind == "symlink":
                return self._symlink(task)
            if task.kind == "special":
                return self._special(task)
            return self._file(task)
        except Cancelled:
            raise
        except StageError as exc:
            return Outcome(task.rel, Status.FAILED, reason=str(exc))
        except OSError as exc:
            full = exc.errno in TARGET_FULL
            return Outcome(task.rel, Status.FAILED, reason=describe(exc), halts_job=full)
        except Exception as exc:
            return Outcome(task.rel, Status.FAILED, reason=f"{type(exc).__name__}: {exc}")

    def _file(self, task: FileTask) -> Outcome:
        self.warnings.clear()
        chain = self._chain(task.rel)
        out_rel = chain.output_name(task.rel)
        folder_rel, _, planned = out_rel.rpartition("/")
        dfd = self._target_folder(folder_rel)
        if dfd is None:  # a dry run into a folder not made yet
            output = _output(task.rel, out_rel)
            return Outcome(
                task.rel, Status.DONE, task.size, output=output, moved=self.settings.move
            )
        if task.fresh:
            decision = Decision("", planned)
        else:
            stamp = None if chain.plain else make_stamp(task.size, task.mtime_ns, task.rel, chain)
            decision = self._decide(dfd, task, planned, chain.keeps_bytes, stamp=stamp)
        name = decision.name
        if decision.skip:
            output = _output(task.rel, folder_rel, name)
            if decision.unchanged and (
                self._align_times(task, dfd, name) | self._refresh(task.rel, dfd, name)
            ):
                reason = "metadata differs" if self.settings.dry_run else METADATA_UPDATED
                outcome = Outcome(task.rel, Status.UPDATED, task.size, reason, output)
                return self._moved_if_kept(task, outcome._replace(unchanged=True))
            return self._moved_if_kept(task, _skipped(task, decision, output))
        if self.settings.dry_run:
            output = _output(task.rel, folder_rel, name)
            return Outcome(
                task.rel, Status.DONE, task.size, output=output, moved=self.settings.move
            )
        if self._renames(chain) and self._rename(task, dfd, name):
            output = _output(task.rel, folder_rel, name)
            return Outcome(task.rel, Status.DONE, task.size, output=output, moved=True)
        for attempt in range(self.settings.retries + 1):
            result = self._write(task, chain, dfd, folder_rel, planned, name)
            if result is not None:
                return result
            self.warnings.append(f"changed while being copied; trying again ({attempt + 1})")
        return Outcome(
            task.rel,
            Status.FAILED,
            task.size,
            f"changed while being copied, {self.settings.retries + 1} times; copy it "
            "again when nothing is writing to it",
        )

    def _write(
        self, task: FileTask, chain: Chain, dfd: int, folder_rel: str, planned: str, name: str
    ) -> Outcome | None:
        """Copy once into a temporary file and rename it into place; None when the source
        changed meanwhile (its size or mtime moved), so the copy cannot be trusted."""
        tmp = self._temp()
        self.pacer.begin_file()
        src_fd = self._open_source(task.rel)
        try:
            source = os.fstat(src_fd)
            if not stat.S_ISREG(source.st_mode):
                return Outcome(task.rel, Status.FAILED, reason="no longer a regular file")
            self.temps.begin(dfd, tmp)
            try:
                written = self._write_aside(task, chain, src_fd, source, dfd, tmp)
                if written is None:
                    return None
                if written.digest is not None and self.settings.verify:
                    mismatch = verify_written(dfd, tmp, written.digest)
                    if mismatch:
                        return Outcome(task.rel, Status.FAILED, reason=mismatch)
                decision = self._final_name(task, chain, dfd, planned, name, written)
                if decision.skip:
                    return _skipped(task, decision, "")
                name = self._commit(dfd, tmp, decision.name, folder_rel)
                self.temps.committed()
                if self.settings.fsync:
                    os.fsync(dfd)
                moved = self.settings.move and self._remove_source(task.rel, os.fstat(src_fd))
            finally:
                self.temps.discard()
        finally:
            os.close(src_fd)
        return self._written(task, folder_rel, name, written)._replace(moved=moved)

    def _write_aside(
        self,
        task: FileTask,
        chain: Chain,
        src_fd: int,
        source: os.stat_result,
        dfd: int,
        tmp: str,
    ) -> _Written | None:
        """Write the temporary file `tmp` whole: its bytes, then its owner, extended
        attributes and ACLs, mode, stamp and times; None when the source's size or mtime
        moved while it was read."""
        size, mtime_ns = source.st_size, source.st_mtime_ns
        stamp = None if chain.plain else make_stamp(size, mtime_ns, task.rel, chain)
        ctx = None
        mode = stat.S_IMODE(source.st_mode)
        # Made with its permission bits: no fchmod unless the umask strips some or the mode
        # has setuid, setgid or sticky bits.
        out_fd = _create_temp(dfd, tmp, mode & 0o777)
        try:
            if chain.plain and not self.settings.verify:
                copied = kernel_copy(
                    src_fd,
                    out_fd,
                    source,
                    self.pacer,
                    sparse=self._keep.sparse,
                    cloner=self._cloner,
                )
                digest = None
            elif self.settings.reflink is Reflink.ALWAYS:
                raise StageError("could not be cloned (its stages change its bytes)")
            else:
                ctx = FileContext(
                    task.rel,
                    self.settings.source / task.rel,
                    size,
                    mtime_ns,
                    checkpoint=self.pacer.tick,
                )
                copied, digest = stream(src_fd, out_fd, chain, ctx, self.pacer)
            after = os.fstat(src_fd)
            if after.st_size != size or after.st_mtime_ns != mtime_ns or copied != size:
                return None
            # The owner first (a change of owner clears setuid and setgid bits and file
            # capabilities), then attributes and ACLs (an access ACL sets the group bits),
            # then the mode, whose group bits are the source's ACL mask where it has one.
            self._keep.chown(out_fd, source.st_uid, source.st_gid)
            acl_set = self._keep.copy_xattrs(src_fd, out_fd)
            self._keep.chmod(
                out_fd, mode, needed=bool(acl_set or mode & ~0o777 or mode & self._umask)
            )
            if stamp is not None:
                set_stamp(out_fd, stamp)
            os.utime(out_fd, ns=(source.st_atime_ns, mtime_ns))
            if self.settings.fsync:
                os.fsync(out_fd)
        finally:
            os.close(out_fd)
        return _Written(copied, digest, ctx, stamp, size, mtime_ns)

    def _final_name(
        self, task: FileTask, chain: Chain, dfd: int, planned: str, name: str, written: _Written
    ) -> Decision:
        """The name decided before writing, unless stages passed the file on unchanged (so
        it keeps another name than planned): then the policy decides again for that name."""
        ctx = written.ctx
        if ctx is not None and ctx.passed:
            kept = posixpath.basename(chain.output_name(task.rel, ctx.passed))
            if kept != planned:
                seen = FileTask(
                    task.rel, "file", written.size, written.mtime_ns, task.atime_ns, task.mode
                )
                return self._decide(dfd, seen, kept, True, stamp=written.stamp)
        return Decision("", name)

    def _written(self, task: FileTask, folder_rel: str, name: str, written: _Written) -> Outcome:
        """The outcome of a file written and renamed into place as `name`."""
        ctx = written.ctx
        return Outcome(
            task.rel,
            Status.DONE,
            written.copied,
            output=_output(task.rel, folder_rel, name),
            record=None if ctx is None else ctx.record,
            warnings=tuple(self.warnings) if ctx is None else (*self.warnings, *ctx.warnings),
        )

    def _align_times(self, task: FileTask, dfd: int, name: str) -> bool:
        """Under `--checksum`, an output found identical by its contents gets its source's
        times where they differ (in a dry run, only tell); whether they did."""
        if not self.settings.checksum or task.kind != "file":
            return False
        existing = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        if existing.st_mtime_ns == task.mtime_ns:
            return False
        if not self.settings.dry_run:
            os.utime(name, ns=(task.atime_ns, task.mtime_ns), dir_fd=dfd, follow_symlinks=False)
        return True

    def _renames(self, chain: Chain) -> bool:
        """Whether a move may rename the source into place: a plain copy, nothing to verify,
        a policy that may replace what is there."""
        settings = self.settings
        return (
            settings.move
            and chain.plain
            and not settings.verify
            and settings.if_exists is not IfExists.RENAME
        )

    def _rename(self, task: FileTask, dfd: int, name: str) -> bool:
        """Move the source file into place by a rename; False when that cannot be (another
        file system), so it is copied and removed instead."""
        folder_rel, source_name = posixpath.split(task.rel)
        if self._backup is not None and exists_at(dfd, name):
            out_folder = self._chain(task.rel).output_name(task.rel).rpartition("/")[0]
            self._backup.save(dfd, name, f"{out_folder}/{name}" if out_folder else name)
        done = rename_into(self._sources.get(folder_rel), source_name, dfd, name)
        if done and self.settings.fsync:
            os.fsync(dfd)
        return done

    def _remove_source(self, rel: str, copied: os.stat_result) -> bool:
        """After its output is in place: remove the source file if it is still the one
        copied; whether it was (else a warning says why it stays)."""
        folder_rel, name = posixpath.split(rel)
        why_not = remove_source(self._sources.get(folder_rel), name, copied)
        if why_not:
            self.warnings.append(why_not)
        return not why_not

    def _moved_entry(self, task: FileTask, outcome: Outcome) -> Outcome:
        """Under `--move`, remove the source symlink or special file just recreated, if it
        is still of the kind and time the scan saw."""
        if not self.settings.move:
            return outcome
        folder_rel, name = posixpath.split(task.rel)
        sfd = self._sources.get(folder_rel)
        try:
            now = os.stat(name, dir_fd=sfd, follow_symlinks=False)
        except FileNotFoundError:
            return outcome
        if stat.S_IFMT(now.st_mode) != stat.S_IFMT(task.mode) or now.st_mtime_ns != task.mtime_ns:
            return outcome._replace(
                warnings=("the source changed after it was copied, so it stays",)
            )
        return outcome._replace(moved=self._remove_source(task.rel, now))

    def _moved_if_kept(self, task: FileTask, outcome: Outcome) -> Outcome:
        """Under `--move`, a file the target already holds (up to date) leaves the source
        too, if it is still what the scan saw; one the policy left alone (a differing
        target) stays."""
        if not (self.settings.move and outcome.unchanged):
            return outcome
        if self.settings.dry_run:
            return outcome._replace(moved=True)  # as a real move would, if nothing changes
        folder_rel, name = posixpath.split(task.rel)
        try:
            now = os.stat(name, dir_fd=self._sources.get(folder_rel), follow_symlinks=False)
        except FileNotFoundError:
            return outcome
        if not stat.S_ISREG(now.st_mode) or (now.st_size, now.st_mtime_ns) != (
            task.size,
            task.mtime_ns,
        ):
            return outcome
        moved = self._remove_source(task.rel, now)
        warnings = (*outcome.warnings, *self.warnings)
        return outcome._replace(moved=moved, warnings=warnings)

    def _refresh(self, rel: str, dfd: int, name: str) -> bool:
        """Bring the up-to-date output `name` to its source's owner, mode, attributes and
        ACLs where they differ (in a dry run, only tell); whether they did."""
        folder_rel, source_name = posixpath.split(rel)
        source = os.stat(source_name, dir_fd=self._sources.get(folder_rel), follow_symlinks=False)
        existing = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        if not (stat.S_ISREG(source.st_mode) and stat.S_ISREG(existing.st_mode)):
            return False
        if not self._keep.may_differ(source, existing):
            return False
        src_fd = self._open_source(rel)
        try:
            flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
            out_fd = os.open(name, flags, dir_fd=dfd)
            try:
                apply = not self.settings.dry_run
                return self._keep.refresh(src_fd, out_fd, source, existing, apply=apply)
            finally:
                os.close(out_fd)
        finally:
            os.close(src_fd)

    def _target_folder(self, rel: str) -> int | None:
        """The target folder, reached without following symlinks (kept open for the files
        after it); None in a dry run where it does not exist yet, so nothing is in the way."""
        if self._targets is None:
            return None
        try:
            return self._targets.get(rel)
        except FileNotFoundError:
            if not self.settings.dry_run:
                raise OSError(errno.ENOENT, "the target folder is missing") from None
            return None

    def _open_source(self, rel: str) -> int:
        """The source file, opened without blocking (a file swapped for a FIFO since the scan
        cannot hang us) and, unless links are followed, through no symlink at its name or on
        the way: a folder swapped for a link since the scan makes the file fail, never leads
        out of the source."""
        follow = self.settings.follow_symlinks
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
        folder_rel, name = posixpath.split(rel)
        try:
            return os.open(name, flags, dir_fd=self._sources.get(folder_rel))
        except FileNotFoundError:
            raise OSError(
                errno.ENOENT, "the source file vanished before it could be read"
            ) from None

    def end_batch(self) -> None:
        """Close the folders kept open for the batch just done."""
        if self._targets is not None:
            self._targets.clear()
        self._sources.clear()

    def _symlink(self, task: FileTask) -> Outcome:
        folder_rel, source_name = posixpath.split(task.rel)
        sfd = self._sources.get(folder_rel)
        link_text = os.readlink(source_name, dir_fd=sfd)
        dfd = self._target_folder(folder_rel)
        if dfd is None:
            return Outcome(task.rel, Status.DONE, moved=self.settings.move)
        decision = (
            Decision("", source_name)
            if task.fresh
            else self._decide(dfd, task, source_name, True, link_text=link_text)
        )
        name = decision.name
        if decision.skip:
            return _skipped(task, decision, "")  # a symlink's task has no bytes
        if self.settings.dry_run:
            return Outcome(task.rel, Status.DONE, moved=self.settings.move)
        tmp = self._temp()
        self.temps.begin(dfd, tmp)
        try:
            os.symlink(link_text, tmp, dir_fd=dfd)
            self._keep.chown(tmp, task.uid, task.gid, dir_fd=dfd, follow_symlinks=False)
            self._keep.copy_xattrs_of_entry(sfd, source_name, dfd, tmp)
            with contextlib.suppress(NotImplementedError, OSError):
                times = (task.atime_ns, task.mtime_ns)
                os.utime(tmp, ns=times, dir_fd=dfd, follow_symlinks=False)
            name = self._commit(dfd, tmp, name, folder_rel)
            self.temps.committed()
        finally:
            self.temps.discard()
        outcome = Outcome(task.rel, Status.DONE, output=_output(task.rel, folder_rel, name))
        return self._moved_entry(task, outcome)

    def _special(self, task: FileTask) -> Outcome:
        """Recreate a FIFO or device (never opened) with its mode, owner and times."""
        folder_rel, name = posixpath.split(task.rel)
        dfd = self._target_folder(folder_rel)
        if dfd is None:
            return Outcome(task.rel, Status.DONE, moved=self.settings.move)
        decision = Decision("", name) if task.fresh else self._decide(dfd, task, name, True)
        if decision.skip:
            return _skipped(task, decision, "")
        if self.settings.dry_run:
            output = _output(task.rel, folder_rel, decision.name)
            return Outcome(task.rel, Status.DONE, output=output, moved=self.settings.move)
        tmp = self._temp()
        self.temps.begin(dfd, tmp)
        try:
            if stat.S_ISFIFO(task.mode):
                os.mkfifo(tmp, 0o600, dir_fd=dfd)
            else:
                os.mknod(tmp, stat.S_IFMT(task.mode) | 0o600, task.rdev, dir_fd=dfd)
            # The owner first: a change of owner clears setuid and setgid bits.
            self._keep.chown(tmp, task.uid, task.gid, dir_fd=dfd)
            self._keep.copy_xattrs_of_entry(self._sources.get(folder_rel), name, dfd, tmp)
            os.chmod(tmp, stat.S_IMODE(task.mode), dir_fd=dfd)
            os.utime(tmp, ns=(task.atime_ns, task.mtime_ns), dir_fd=dfd)
            name = self._commit(dfd, tmp, decision.name, folder_rel)
            self.temps.committed()
        finally:
            self.temps.discard()
        outcome = Outcome(task.rel, Status.DONE, output=_output(task.rel, folder_rel, name))
        return self._moved_entry(task, outcome)

    def _decide(
        self,
        dfd: int,
        task: FileTask,
        name: str,
        same_size: bool,
        *,
        link_text: str | None = None,
        stamp: bytes | None = None,
    ) -> Decision:
        """Apply the if-exists policy to `name` in the folder `dfd`."""

        def unchanged(existing: os.stat_result, candidate: str) -> bool:
            if self._by_contents(task, same_size, link_text, stamp):
                return existing.st_size == task.size and same_contents(
                    self._sources.get(posixpath.dirname(task.rel)),
                    posixpath.basename(task.rel),
                    dfd,
                    candidate,
                    existing,
                )
            return is_unchanged(
                existing, dfd, candidate, task, same_size, link_text, stamp, window_ns
            )

        window_ns = self.settings.window_ns
        return decide(self.settings.if_exists, dfd, name, task.mtime_ns, unchanged, window_ns)

    def _by_contents(
        self, task: FileTask, same_size: bool, link_text: str | None, stamp: bytes | None
    ) -> bool:
        """Whether `--checksum` judges this file: a regular file whose chain keeps its bytes."""
        return (
            self.settings.checksum
            and task.kind == "file"
            and same_size
            and link_text is None
            and stamp is None
        )

    def _commit(self, dfd: int, tmp: str, name: str, folder_rel: str) -> str:
        """Rename the finished temporary file into place (what it replaces kept in the
        backup folder first, if the job has one); return the name it got."""
        if self.settings.if_exists is not IfExists.RENAME:
            if self._backup is not None and exists_at(dfd, name):
                self._backup.save(dfd, name, f"{folder_rel}/{name}" if folder_rel else name)
            os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
            return name
        return place_without_replacing(dfd, tmp, name)


def _backup_of(settings: TransferSettings) -> Backup | None:
    """The job's backup folder, opened by its path and checked to be the coordinator's."""
    if not settings.backup_dir or settings.backup_id is None:
        return None
    return Backup(open_verified(Path(settings.backup_dir), settings.backup_id, "backup"))


def _output(rel: str, folder_rel: str, name: str = "") -> str:
    """The output's relative name when a stage or the rename policy changed it, else ""."""
    output = (f"{folder_rel}/{name}" if folder_rel else name) if name else folder_rel
    return "" if output == rel else output


def _create_temp(dfd: int, name: str, mode: int) -> int:
    return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode, dir_fd=dfd)


def _skipped(task: FileTask, decision: Decision, output: str) -> Outcome:
    """The outcome of a file the policy left alone (`output`: its name when not `rel`)."""
    return Outcome(
        task.rel,
        Status.SKIPPED,
        task.size,
        decision.skip,
        output,
        unchanged=decision.unchanged,
    )
