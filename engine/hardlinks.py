"""`--hard-links`: names that share one inode in the source share one inode in the target.

Without it, a file with five names (trees made with `cp -al`, package stores, backups) is
copied five times and takes five times the space. The scanner queues the first name of each
linked inode as usual and hands the later names to this class; once every worker is done,
each later name becomes a hard link to the first name's output, made aside and renamed over
its final name so that no reader sees a missing or half-made file.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.job import IfExists
from engine.names import printable
from engine.stages import Stage
from engine.stages.chain import ChainCache
from engine.tasks import Outcome, Status
from engine.transfer import describe, free_name, temp_name


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
        self, stages: tuple[Stage, ...], target: Path, if_exists: IfExists, dry_run: bool
    ) -> None:
        self.target = target
        self.if_exists = if_exists
        self.dry_run = dry_run
        self._chains = ChainCache(stages)
        self._lock = threading.Lock()
        self._first: dict[tuple[int, int, str], str] = {}
        self._firsts: set[str] = set()
        self._later: list[_LaterName] = []
        self._outcomes: dict[str, Outcome] = {}
        self._temp_names = (temp_name(f"link{os.getpid()}", n) for n in itertools.count())

    def divert(self, rel: str, info: os.stat_result) -> bool:
        """True when `rel` is a later name of an inode already queued: keep it, don't queue it.

        Names that different stage chains apply to get different outputs, so each chain has
        its own first name.
        """
        if info.st_nlink < 2:
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

    def apply(self, record: Callable[[Outcome], None]) -> None:
        """Link (or in a dry run, plan) every later name and record one outcome for each."""
        with self._lock:
            later = list(self._later)
        for name in later:
            try:
                outcome = self._link(name)
            except OSError as exc:
                reason = f"cannot create the hard link: {describe(exc)}"
                outcome = Outcome(name.rel, Status.FAILED, reason=reason)
            record(outcome)

    def _link(self, name: _LaterName) -> Outcome:
        first = self._outcomes.get(name.first)
        other = f"'{printable(name.first)}', another name of this file,"
        if first is None:
            return Outcome(name.rel, Status.FAILED, reason=f"not linked: {other} was not copied")
        if first.status is Status.FAILED:
            reason = f"not linked: {other} failed ({first.reason})"
            return Outcome(name.rel, Status.FAILED, reason=reason)
        first_unchanged = first.reason.startswith("unchanged")
        if first.status is Status.SKIPPED and not first_unchanged:
            reason = f"not linked: {other} was skipped ({first.reason})"
            return Outcome(name.rel, Status.SKIPPED, reason=reason)
        first_output = first.output or first.rel
        planned = self.target / self._output_name(name, first_output)
        note = f"hard link to '{printable(first_output)}'"
        if self.dry_run and not first_unchanged:
            return Outcome(name.rel, Status.DONE, reason=note, output=self._relative(planned, name))
        source = self.target / first_output
        try:
            first_info = os.stat(source)
        except FileNotFoundError:
            reason = f"not linked: the copy of {other} ('{printable(first_output)}') is missing"
            return Outcome(name.rel, Status.FAILED, reason=reason)
        skip_reason, dst = self._decide(planned, first_info, name.mtime_ns)
        output = self._relative(dst, name)
        if skip_reason:
            return Outcome(name.rel, Status.SKIPPED, reason=skip_reason, output=output)
        replacing = os.path.lexists(dst)
        if not self.dry_run:
            self._make(source, dst)
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

    def _decide(self, dst: Path, first: os.stat_result, mtime_ns: int) -> tuple[str, Path]:
        """The if-exists policy as copies get it: a reason to skip (or ""), and where to link."""
        try:
            existing = os.lstat(dst)
        except FileNotFoundError:
            return "", dst
        if os.path.samestat(existing, first):
            return "unchanged", dst
        policy = self.if_exists
        if policy is IfExists.SKIP:
            return "target exists", dst
        if policy is IfExists.NEWER and mtime_ns <= existing.st_mtime_ns:
            return "target is as new or newer", dst
        if policy is not IfExists.RENAME:
            return "", dst
        candidate = dst
        for _ in range(10_000):
            candidate = candidate.with_name(free_name(candidate.name))
            try:
                existing = os.lstat(candidate)
            except FileNotFoundError:
                return "", candidate
            if os.path.samestat(existing, first):
                return f"unchanged (as {candidate.name})", candidate
        raise OSError(errno.EEXIST, "no free name left for a renamed copy")

    def _make(self, source: Path, dst: Path) -> None:
        if self.if_exists is IfExists.RENAME:
            os.link(source, dst)  # fails rather than replace a name that appeared meanwhile
            return
        tmp = dst.parent / next(self._temp_names)
        os.link(source, tmp)
        try:
            os.replace(tmp, dst)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _relative(self, dst: Path, name: _LaterName) -> str:
        output = dst.relative_to(self.target).as_posix()
        return "" if output == name.rel else output

    @staticmethod
    def _notes(first: Outcome, unchanged: bool) -> dict[str, Any]:
        """What `Stage.finish` learns of the link: the first name's notes (a checksum's digest
        holds for the same bytes), or that an up-to-date file now has this name too."""
        if first.status is Status.DONE:
            return dict(first.record or {})
        return {"unchanged": True} if unchanged else {}
