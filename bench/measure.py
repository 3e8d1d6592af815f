"""Measuring one command: wall time, CPU time and peak memory of its whole process tree.

CPU time comes from `os.wait4`, whose rusage covers the command and every descendant it
waited for (a copier's workers, a shell's pipeline), so it is exact rather than sampled.
Memory has no such kernel total, so a thread samples the resident set of the command and
all its descendants every ~20 ms and keeps the largest sum: short spikes between samples
can be missed, and pages shared between processes are counted once per process. Where asked,
the time from launch to the first file in the target is seen through inotify (`first_file`).
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import psutil

from bench.first_file import FirstFile

SAMPLE_EVERY_S = 0.02


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    wall_s: float
    user_s: float
    sys_s: float
    peak_rss: int
    """Bytes: the largest sum of RSS over the command's process tree seen by the sampler."""
    returncode: int
    error: str = ""
    """The end of stderr when the command failed, else ""."""
    other_cpu_s: float = 0.0
    """CPU time the rest of the machine used meanwhile (busy time in /proc/stat less this
    command's and the benchmark's own): another job running alongside spoils a timing."""
    allocated: int | None = None
    """Bytes the copy's files have allocated (st_blocks * 512), where the dataset measures
    it (`sparse`: whether holes stayed holes); None elsewhere."""
    first_file_s: float | None = None
    """Seconds from launch until the first regular file appeared in the target, where
    watched (runs into a new target); None if not watched or none appeared."""
    first_file_error: str = ""
    """Why the target could not be watched, or ""."""

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, every_s: float = SAMPLE_EVERY_S) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.pid = pid
        self.every_s = every_s
        self.peak = 0
        self.samples = 0
        self._stop_event = threading.Event()
        self._procs: dict[int, psutil.Process] = {}

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop_event.is_set():
            self._sample(root)
            self._stop_event.wait(self.every_s)

    def _sample(self, root: psutil.Process) -> None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for proc in tree:
            # Reuse Process objects: psutil then reads one /proc file per sample, not three.
            cached = self._procs.setdefault(proc.pid, proc)
            with contextlib.suppress(psutil.Error):
                total += cached.memory_info().rss
        self.samples += 1
        self.peak = max(self.peak, total)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def measure(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout_s: float | None = None,
    stdout: IO[bytes] | None = None,
    first_file: Path | None = None,
) -> Sample:
    """Run `argv` to completion; its stdout goes to `stdout` (a file) or is discarded, its
    stderr is kept for failures. With `first_file`, a folder the command will create, also
    the time until its first file appears there."""
    watcher = FirstFile(first_file) if first_file is not None else None
    if watcher is not None:
        watcher.start()  # before the launch, so that no early file is missed
    with tempfile.TemporaryFile() as stderr:
        busy_before, self_before = machine_busy_s(), self_cpu_s()
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL if stdout is None else stdout,
            stderr=stderr,
            start_new_session=True,
        )
        sampler = TreeSampler(proc.pid)
        sampler.start()
        timer = _killer(proc.pid, timeout_s)
        try:
            # wait4, not Popen.wait: its rusage is the CPU of this child and all it reaped.
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: take the command's whole session down with us
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            raise
        finally:
            seen = watcher.stop() if watcher is not None else None
        wall = time.perf_counter() - start
        if timer is not None:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        # A command that ends before the first sample (a few ms) still gets a figure: the
        # largest one process of its tree reached (ru_maxrss, KiB), which also counts the
        # pages it shared with this process before exec, so it is used only then.
        peak = sampler.stop() or usage.ru_maxrss * 1024
        other = machine_busy_s() - busy_before - (self_cpu_s() - self_before)
        other -= usage.ru_utime + usage.ru_stime
        error = ""
        if proc.returncode != 0:
            stderr.seek(0)
            error = stderr.read()[-2000:].decode(errors="replace").strip()
            if timer is not None and timer.fired:
                error = f"timed out after {timeout_s:g} s; {error}"
    return Sample(
        wall,
        usage.ru_utime,
        usage.ru_stime,
        peak,
        proc.returncode,
        error,
        max(0.0, other),
        first_file_s=None if seen is None else seen - start,
        first_file_error=watcher.error if watcher is not None else "",
    )


_TICK = os.sysconf("SC_CLK_TCK")


def machine_busy_s() -> float:
    """CPU seconds all CPUs spent busy since boot (not idle, not waiting for I/O)."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()[1:]
    except OSError:
        return 0.0
    values = [int(v) for v in fields[:8]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / _TICK


def self_cpu_s() -> float:
    """CPU seconds this process (the benchmark runner itself) has used."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _Timer(threading.Timer):
    fired = False


def _killer(pid: int, timeout_s: float | None) -> _Timer | None:
    """Kill the command's whole session if it runs past `timeout_s`."""
    if timeout_s is None:
        return None

    def kill() -> None:
        timer.fired = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)

    timer = _Timer(timeout_s, kill)
    timer.daemon = True
    timer.start()
    return timer
