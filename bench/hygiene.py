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

import errno
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import machine_busy_s, self_cpu_s

DROP_CACHES = Path("/proc/sys/vm/drop_caches")
READ_CHUNK = 1 << 20
HOLE_SLACK = 1 << 20
"""How much more than its source a copy may have allocated and still count as keeping its
holes (a file system may place a copy's blocks, or its extent tree, a little differently)."""


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
    """Read every file of `tree` (and so every inode and folder) into the page cache: the
    data of a sparse file, not its holes (a copier that keeps holes never reads them, and
    reading 4 GiB of them would fill the cache with zeros)."""
    for dirpath, _dirnames, filenames in os.walk(tree):
        for name in filenames:
            try:
                fd = os.open(os.path.join(dirpath, name), os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                for start, end in data_extents(fd):
                    os.lseek(fd, start, os.SEEK_SET)
                    left = end - start
                    while left > 0 and (chunk := os.read(fd, min(READ_CHUNK, left))):
                        left -= len(chunk)
            finally:
                os.close(fd)


def data_extents(fd: int) -> list[tuple[int, int]]:
    """The (start, end) byte ranges of an open file that hold data, found with SEEK_DATA and
    SEEK_HOLE; the whole file where it has no holes or the file system cannot tell."""
    st = os.fstat(fd)
    size = st.st_size
    if st.st_blocks * 512 >= size:
        return [(0, size)] if size else []
    extents: list[tuple[int, int]] = []
    pos = 0
    while pos < size:
        try:
            start = os.lseek(fd, pos, os.SEEK_DATA)
        except OSError as exc:
            if exc.errno == errno.ENXIO:  # only a hole from here to the end
                break
            return [(0, size)]
        end = min(os.lseek(fd, start, os.SEEK_HOLE), size)
        extents.append((start, end))
        pos = end
    return extents


def allocated(tree: Path) -> int:
    """Bytes the file system allocated to the regular files under `tree` (st_blocks * 512):
    less than their size where files have holes."""
    total = 0
    for dirpath, _dirnames, filenames in os.walk(tree):
        for name in filenames:
            st = os.lstat(os.path.join(dirpath, name))
            if stat.S_ISREG(st.st_mode):
                total += st.st_blocks * 512
    return total


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


def check_holes(source: Path, target: Path) -> str:
    """Why the copy in `target` did not keep the holes of `source`'s files, or "": each copy
    may have at most `HOLE_SLACK` more allocated than its source, and holds the same bytes
    where the source holds data (read from there alone, so the check costs what the data
    does, not what the holes would)."""
    for dirpath, _dirnames, filenames in os.walk(source):
        for name in filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, source)
            with open(path, "rb") as src, open(os.path.join(target, rel), "rb") as dst:
                have = os.fstat(src.fileno()).st_blocks * 512
                got = os.fstat(dst.fileno()).st_blocks * 512
                if got > have + HOLE_SLACK:
                    return (
                        f"{rel}: the copy has {got / 2**20:,.1f} MiB allocated, the source "
                        f"{have / 2**20:,.1f} MiB: its holes were filled"
                    )
                for start, end in data_extents(src.fileno()):
                    src.seek(start)
                    dst.seek(start)
                    for offset in range(start, end, READ_CHUNK):
                        n = min(READ_CHUNK, end - offset)
                        if src.read(n) != dst.read(n):
                            return f"{rel}: the copy differs from the source near byte {offset}"
    return ""


def compare_trees(source: Path, target: Path) -> str:
    """Why `target` is not the same tree as `source`, or "": the same names (files, folders,
    links), and each file with the same bytes and modification time. Reads every file of
    both."""
    if not target.is_dir():
        return "no target folder"

    def listing(root: Path) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for dirpath, dirnames, filenames in os.walk(root):
            rel = os.path.relpath(dirpath, root)
            for name in dirnames:
                path = os.path.join(dirpath, name)
                kinds[os.path.normpath(os.path.join(rel, name))] = (
                    "link" if os.path.islink(path) else "folder"
                )
            for name in filenames:
                path = os.path.join(dirpath, name)
                kinds[os.path.normpath(os.path.join(rel, name))] = (
                    "link" if os.path.islink(path) else "file"
                )
        return kinds

    want, got = listing(source), listing(target)
    if missing := sorted(want.keys() - got.keys()):
        return f"{len(missing)} name(s) missing from the target, e.g. {missing[0]}"
    if extra := sorted(got.keys() - want.keys()):
        return f"{len(extra)} name(s) in the target the source does not have, e.g. {extra[0]}"
    for rel, kind in sorted(want.items()):
        if got[rel] != kind:
            return f"{rel}: a {kind} in the source, a {got[rel]} in the target"
        if kind != "file":
            continue
        a, b = source / rel, target / rel
        sa, sb = os.lstat(a), os.lstat(b)
        if sa.st_size != sb.st_size:
            return f"{rel}: {sb.st_size} bytes in the target, {sa.st_size} in the source"
        if sa.st_mtime_ns != sb.st_mtime_ns:
            return f"{rel}: modification times differ"
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while chunk := fa.read(READ_CHUNK):
                if chunk != fb.read(len(chunk)):
                    return f"{rel}: the target's bytes differ from the source's"
    return ""
