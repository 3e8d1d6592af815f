"""Putting the machine in the same state before every measured run, and checking each result.

On ext4 without a journal, creating files right after a big tree was deleted is several
times slower for a while, and a copy's timing also depends on what the page cache holds.
So before every run the previous copy is deleted, everything is written back (`sync`), the
page cache is dropped (needs root; skipped with a note otherwise), and the source is read
again so every command starts from the same warm source and cold target. The command's own
program is loaded again too (`Command.warm`): dropping the cache also evicts the tools'
files, and a Python program reads megabytes of modules where `cp` reads one small binary,
so without this every Python run would be timed as a first run after boot.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import machine_busy_s, self_cpu_s

DROP_CACHES = Path("/proc/sys/vm/drop_caches")
READ_CHUNK = 1 << 20


@dataclass
class Hygiene:
    """Resets between runs; remembers whether dropping caches worked, for the report."""

    drop_caches: bool = True
    notes: list[str] = field(default_factory=list)
    prep_s: float = 0.0
    quiet_wait_s: float = 0.0

    def reset(self, source: Path, *targets: Path, program: Sequence[str] = ()) -> None:
        """Delete `targets`, sync, drop caches, re-read `source` (contents and metadata) and
        run `program` (a command line that loads the next command's own files)."""
        start = time.perf_counter()
        for target in targets:
            remove(target)
        os.sync()
        self._drop()
        warm(source)
        if program:
            subprocess.run(
                program, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
        self.prep_s += time.perf_counter() - start

    def wait_quiet(self, limit: float, max_wait_s: float, window_s: float = 0.5) -> float:
        """Wait until other processes keep fewer than `limit` CPUs busy over `window_s`
        (a test suite or a build running alongside would spoil the timing); give up after
        `max_wait_s`. Returns the seconds waited."""
        start = time.perf_counter()
        while max_wait_s > 0:
            busy, own = machine_busy_s(), self_cpu_s()
            time.sleep(window_s)
            other = machine_busy_s() - busy - (self_cpu_s() - own)
            waited = time.perf_counter() - start
            if other <= limit * window_s or waited >= max_wait_s:
                self.quiet_wait_s += waited
                return waited
        return 0.0

    def _drop(self) -> None:
        if not self.drop_caches:
            return
        try:
            DROP_CACHES.write_text("1\n")
        except OSError as exc:
            self.drop_caches = False
            self.notes.append(
                f"page cache not dropped between runs ({DROP_CACHES}: {exc.strerror}); "
                "run as root for cold-target timings"
            )


def remove(path: Path) -> None:
    """Delete a previous copy (rm -rf is faster than shutil on 20,000 files)."""
    if not os.path.lexists(path):
        return
    if shutil.which("rm"):
        subprocess.run(["rm", "-rf", "--", str(path)], check=True)
    else:
        shutil.rmtree(path)


def warm(tree: Path) -> None:
    """Read every file of `tree` (and so every inode and folder) into the page cache."""
    for dirpath, _dirnames, filenames in os.walk(tree):
        for name in filenames:
            try:
                fd = os.open(os.path.join(dirpath, name), os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                while os.read(fd, READ_CHUNK):
                    pass
            finally:
                os.close(fd)


@dataclass(frozen=True)
class TreeCount:
    files: int
    bytes: int


def count(tree: Path) -> TreeCount:
    """Regular files and their bytes under `tree`."""
    files = size = 0
    for dirpath, _dirnames, filenames in os.walk(tree):
        for name in filenames:
            st = os.lstat(os.path.join(dirpath, name))
            files += 1
            size += st.st_size
    return TreeCount(files, size)


def check_copy(kind: str, expected: TreeCount, target: Path) -> str:
    """Why the result in `target` is not a complete copy (or gzip) of the source, or ""."""
    if not target.is_dir():
        return "no target folder was made"
    got = count(target)
    if got.files != expected.files:
        return f"target has {got.files} files, the source {expected.files}"
    if kind == "copy" and got.bytes != expected.bytes:
        return f"target has {got.bytes} bytes, the source {expected.bytes}"
    if kind == "gzip":
        plain = sum(1 for _d, _s, names in os.walk(target) for n in names if not n.endswith(".gz"))
        if plain:
            return f"{plain} target files are not .gz"
    return ""
