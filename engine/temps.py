"""Temporary files: the one naming scheme, and which of them may be deleted.

Every file is written under a temporary name in its target folder and renamed over its
final name only when complete:

    .conveyor-tmp-<owner>-<tag>-<n>.part

`<owner>` names the job's coordinating process as `<pid>.<start>` (its PID and its start time
in clock ticks since boot, as /proc gives them), `<tag>` the worker (or pass) that writes it
and `<n>` counts. A stray found later is deleted only when its owner is no longer running: a
job writing into a folder inside this job's target keeps its live files, and a file of this
job's own workers is never taken for a stray. The pattern is strict, so no name a user would
pick matches it by chance; a source file that does is copied like any other and never
deleted (callers pass the source folder's names as `keep`).

Owners are known only on this machine: a process of another machine writing into the same
shared folder looks gone from here. A worker removes its own temporary file when it fails,
is cancelled or is told to end (`engine.worker.inflight`); what a killed worker leaves,
its coordinator or the next run removes.
"""

from __future__ import annotations

import contextlib
import os
import re

PREFIX = ".conveyor-tmp-"
SUFFIX = ".part"
_TEMP = re.compile(r"\.conveyor-tmp-(\d+)\.(\d+)-([0-9a-z]+)-(\d+)\.part\Z")


def process_token(pid: int | None = None) -> str:
    """`<pid>.<start>` of a process (this one by default): unique on this machine for as
    long as it runs, even when its PID is later reused."""
    pid = os.getpid() if pid is None else pid
    start = _start_ticks(pid)
    return f"{pid}.{start if start is not None else 0}"


def _start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot, or None when it does not exist."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rpartition(b")")[2].split()
    except FileNotFoundError:
        return None
    except OSError:
        return -1  # there, but unreadable: counted as running
    return int(fields[19])  # field 22 of stat(5), counted after the command name


PROBE_TAG = "probe"
"""The tag of the empty scratch files a job makes (and removes at once) to learn what its
target's file system can hold."""


def temp_name(owner: str, tag: str, number: int) -> str:
    """The temporary name of file `number` written by `tag` for the job `owner`."""
    return f"{PREFIX}{owner}-{tag}-{number}{SUFFIX}"


def is_temp(name: str) -> bool:
    """Whether `name` is one of Conveyor's temporary names (of any job)."""
    return name.startswith(PREFIX) and _TEMP.match(name) is not None


def owner_running(owner: str) -> bool:
    """Whether the job that owns temporary files named with `owner` is still running here."""
    pid, _, start = owner.partition(".")
    ticks = _start_ticks(int(pid))
    return ticks is not None and (ticks == -1 or str(ticks) == start)


def remove_strays_in(
    dir_fd: int, *, keep: frozenset[str] | set[str] = frozenset(), owner: str = "", tag: str = ""
) -> int:
    """Delete the temporary files in the folder `dir_fd` that nobody will finish; return how
    many. With `tag`, only the files of the job `owner` whose tag starts with it (a worker
    died); else every file whose owning job is gone. Names in `keep` (the source's own)
    always stay."""
    removed = 0
    alive: dict[str, bool] = {}
    # Names only (no DirEntry objects): this runs for every existing folder of a re-run.
    for name in os.listdir(dir_fd):
        if not name.startswith(PREFIX) or name in keep:
            continue
        match = _TEMP.match(name)
        if match is None:
            continue
        name_owner = f"{match[1]}.{match[2]}"
        if tag:
            if name_owner != owner or not match[3].startswith(tag):
                continue
        else:
            if name_owner == owner:
                continue
            if name_owner not in alive:
                alive[name_owner] = owner_running(name_owner)
            if alive[name_owner]:
                continue
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=dir_fd)
            removed += 1
    return removed
