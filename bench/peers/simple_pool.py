"""A short, competent parallel copier: `Pool(2).imap_unordered(shutil.copy2, chunksize=64)`.

What a careful user writes in ten minutes: walk once, make the folders in the parent, let
two processes run `shutil.copy2` (which uses the kernel's sendfile and keeps times and
mode) over chunks of 64 files, then restore folder times deepest first.
Usage: python simple_pool.py SRC DST [START_METHOD]

START_METHOD (`fork`, `spawn`, `forkserver`) defaults to the platform's (`fork` on Linux:
its workers inherit the parent's memory and import nothing). Under `spawn`, the start
Conveyor must use, it shows what starting fresh interpreters costs a Python copier.
"""

from __future__ import annotations

import os
import shutil
import sys
from multiprocessing import get_context


def copy_one(pair: tuple[str, str]) -> str:
    src, dst = pair
    try:
        shutil.copy2(src, dst, follow_symlinks=False)
    except OSError as exc:
        return f"{src}: {exc}"
    return ""


def main(src: str, dst: str, start_method: str | None = None) -> int:
    pairs: list[tuple[str, str]] = []
    folders: list[tuple[str, str]] = []
    for root, _dirs, files in os.walk(src):
        target_dir = os.path.join(dst, os.path.relpath(root, src))
        os.makedirs(target_dir, exist_ok=True)
        folders.append((root, target_dir))
        pairs.extend((os.path.join(root, n), os.path.join(target_dir, n)) for n in files)
    errors = 0
    with get_context(start_method).Pool(2) as pool:
        for problem in pool.imap_unordered(copy_one, pairs, chunksize=64):
            if problem:
                errors += 1
                print(problem, file=sys.stderr)
    for root, target_dir in reversed(folders):
        shutil.copystat(root, target_dir)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
