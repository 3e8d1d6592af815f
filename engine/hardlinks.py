"""Hard links: names that share one inode in the source share one inode in the target, as
`cp -a` keeps them (unless `--no-preserve hard-links`).

Otherwise a file with five names (trees made with `cp -al`, package stores, backups) would be
copied five times and take five times the space; a target that cannot hold hard links (FAT,
exFAT) gets each name copied on its own, and the job says so once.

The scanner queues the first name of each linked inode as usual and hands the later names to
this class; once every worker is done, each later name becomes a hard link to the first
name's output, made aside and renamed over its final name so that no reader sees a missing or
half-made file. Like every write, the links
are made relative to the held target folder, one folder name at a time without following
symlinks, and the if-exists policy is the one copies get (`transfer.decide`).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import posixpath
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.errors import describe
from engine.folders import exists_at, folder
from engine.names import printable
from engine.records import Outcome, Status
from engine.stages import Stage
from engine.stages.chain import ChainCache
from engine.temps import temp_name
from engine.worker.policy import UNCHANGED, Decision, IfExists, decide


@dataclass(frozen=True, slots=True)
class _LaterName:
    rel: str
    first: str
    """The name of the same inode that the workers copy."""
    mtime_ns: int


class HardLinks:
    """Groups the source's names by inode: the first is copied, the later ones are linked.

    The scanner calls `divert`, the pipeline `observe` for every outcome and, once the
    workers are done and before folder times are restored, `apply`.
    """

    def __init__(
        self,
        stages: tuple[Stage, ...],
        if_exists: IfExists,
        dry_run: bool,
        owner: str = "",
        window_ns: int = 0,
    ) -> None:
        self.if_exists = if_exists
        self.dry_run = dry_run
        self.window_ns = window_ns
        """How far apart modification times may be and count as equal (`newer` heeds it);
        the pipeline widens it once it knows the target's rounding."""
        self._chains = ChainCache(stages)
        self._lock = threading.Lock()
        self._first: dict[tuple[int, int, str], str] = {}
        self._firsts: set[str] = set()
        self._later: list[_LaterName] = []
        self._outcomes: dict[str, Outcome] = {}
        self._temp_names = (temp_name(owner or "0.0", "link", n) for n in itertools.count())
        self.possible = True
        """False when the target's file system cannot hold hard links (FAT, exFAT): then
        every name is copied on its own, and `lost` tells the first name that had others."""
        self.lost = ""

    def divert(self, rel: str, info: os.stat_result) -> bool:
        """True when `rel` is a later name of an inode already queued: keep it, don't queue it.

        Names that different stage chains apply to get different outputs, so each chain has
        its own first name.
        """
        if info.st_nlink < 2:
            return False
        if not self.possible:
            self.lost = self.lost or rel
            return False
        with self._lock:
            key = (info.st_dev, info.st_ino, self._chains(rel).fingerprint)
            first = self._first.setdefault(key, rel)
            if first == rel:
                self._firsts.add(rel)
                return False
            self._later.append(_LaterName(rel, first, info.st_mtime_ns))
            return True

    def observe(self, outcome: Outcome) -> None:
        """Note what became of a first name: its later names follow it."""
        with self._lock:
            if outcome.rel in self._firsts:
                self._outcomes[outcome.rel] = outcome

    def apply(self, target: int | None, record: Callable[[Outcome], None]) -> None:
        """Link (or in a dry run, plan) every later name below the held `target` folder
        (None in a dry run into a folder not made yet) and record one outcome for each."""
        with self._lock:
            later = list(self._later)
        for name in later:
            try:
                outcome = self._link(name, target)
            except OSError as exc:
                reason = f"cannot create the hard link: {describe(exc)}"
                outcome = Outcome(name.rel, Status.FAILED, reason=reason)
            record(outcome)

    def _link(self, name: _LaterName, target: int | None) -> Outcome:
        first = self._outcomes.get(name.first)
        other = f"'{printable(name.first)}', another name of this file,"
        if first is None:
            return Outcome(name.rel, Status.FAILED, reason=f"not linked: {other} was not copied")
        if first.status is Status.FAILED:
            reason = f"not linked: {other} failed ({first.reason})"
            return Outcome(name.rel, Status.FAILED, reason=reason)
        first_unchanged = first.unchanged
        if first.status is Status.SKIPPED and not first_unchanged:
            reason = f"not linked: {other} was skipped ({first.reason})"
            return Outcome(name.rel, Status.SKIPPED, reason=reason)
        first_output = first.output or first.rel
        planned = self._output_name(name, first_output)
        note = f"hard link to '{printable(first_output)}'"
        if target is None or (self.dry_run and not first_unchanged):
            return Outcome(name.rel, Status.DONE, reason=note, output=_relative(planned, name))
        first_dir, first_name = posixpath.split(first_output)
        dst_dir, dst_name = posixpath.split(planned)
        with folder(target, first_dir) as first_fd, folder(target, dst_dir) as dst_fd:
            try:
                first_info = os.stat(first_name, dir_fd=first_fd, follow_symlinks=False)
            except FileNotFoundError:
                first_info = None
            if first_info is None or not stat.S_ISREG(first_info.st_mode):
                reason = f"not linked: the copy of {other} ('{printable(first_output)}') is missing"
                return Outcome(name.rel, Status.FAILED, reason=reason)
            decision = self._decide(dst_fd, dst_name, first_info, name.mtime_ns)
            dst_name = decision.name
            output = _relative(posixpath.join(dst_dir, dst_name), name)
            if decision.skip:
                return Outcome(
                    name.rel,
                    Status.SKIPPED,
                    reason=decision.skip,
                    output=output,
                    unchanged=decision.unchanged,
                )
            replacing = exists_at(dst_fd, dst_name)
            if not self.dry_run:
                self._make(first_fd, first_name, dst_fd, dst_name)
        return Outcome(
            name.rel,
            Status.DONE,
            reason=note,
            output=output,
            record=self._notes(first, first_unchanged and not replacing),
        )

    def _output_name(self, name: _LaterName, first_output: str) -> str:
        """The later name's output, without the stages that passed the first name's content
        through untouched (the same content passes through them again)."""
        chain = self._chains(name.first)
        stages = [stage.name for stage in chain.stages]
        for size in range(len(stages) + 1):
            for passed in itertools.combinations(stages, size):
                if chain.output_name(name.first, set(passed)) == first_output:
                    return self._chains(name.rel).output_name(name.rel, set(passed))
        return self._chains(name.rel).output_name(name.rel)

    def _decide(self, dst_fd: int, name: str, first: os.stat_result, mtime_ns: int) -> Decision:
        """The if-exists policy as copies get it, where a name that already is this file
        is always up to date."""
        try:
            if os.path.samestat(os.stat(name, dir_fd=dst_fd, follow_symlinks=False), first):
                return Decision(UNCHANGED, name, unchanged=True)
        except FileNotFoundError:
            return Decision("", name)

        def same(existing: os.stat_result, _candidate: str) -> bool:
            return os.path.samestat(existing, first)

        return decide(self.if_exists, dst_fd, name, mtime_ns, same, self.window_ns)

    def _make(self, first_fd: int, first: str, dst_fd: int, name: str) -> None:
        if self.if_exists is IfExists.RENAME:
            # Fails rather than replace a name that appeared meanwhile.
            os.link(first, name, src_dir_fd=first_fd, dst_dir_fd=dst_fd, follow_symlinks=False)
            return
        tmp = next(self._temp_names)
        os.link(first, tmp, src_dir_fd=first_fd, dst_dir_fd=dst_fd, follow_symlinks=False)
        try:
            os.replace(tmp, name, src_dir_fd=dst_fd, dst_dir_fd=dst_fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=dst_fd)
            raise

    @staticmethod
    def _notes(first: Outcome, unchanged: bool) -> dict[str, Any]:
        """What `Stage.finish` learns of the link: the first name's notes (a checksum's digest
        holds for the same bytes), or that an up-to-date file now has this name too."""
        if first.status is Status.DONE:
            return dict(first.record or {})
        return {"unchanged": True} if unchanged else {}


def _relative(output: str, name: _LaterName) -> str:
    return "" if output == name.rel else output
