"""The least any Python program does to find that a copy is already complete: walk the
source with `scandir`, `stat` each file and `lstat` its copy, and compare size and
modification time (what `rsync -a` compares). No scan records, no events, no workers.

It copies nothing: it is the floor under Conveyor's no-op re-run, measured beside it, and
shows how much of that run no Python program can avoid. Exits 1 if some copy is missing or
differs. Usage: python noop_floor.py SRC DST
"""

from __future__ import annotations

import os
import sys


def differs(src: str, dst: str) -> int:
    """How many files of `src` have no up-to-date copy under `dst`."""
    count = 0
    with os.scandir(src) as entries:
        for entry in entries:
            target = os.path.join(dst, entry.name)
            if entry.is_dir(follow_symlinks=False):
                count += differs(entry.path, target)
                continue
            source = entry.stat(follow_symlinks=False)
            try:
                copy = os.lstat(target)
            except OSError:
                count += 1
                continue
            if copy.st_size != source.st_size or copy.st_mtime_ns != source.st_mtime_ns:
                count += 1
    return count


if __name__ == "__main__":
    sys.exit(1 if differs(sys.argv[1], sys.argv[2]) else 0)
