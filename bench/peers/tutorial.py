"""The copier a web tutorial teaches: one `Pool.apply_async` per file, 1 KiB chunks, and a
`Manager().Queue()` on which every worker reports the name it finished.

Kept faithful on purpose (it is the baseline a user would write after reading one): folders
are made while walking, each file is copied through buffered 1 KiB reads and writes, then
`shutil.copystat` keeps its times and mode; the parent counts names off the queue.
Usage: python tutorial.py SRC DST
"""

from __future__ import annotations

import os
import shutil
import sys
from multiprocessing import Manager, Pool

CHUNK = 1024


def copy_file(src: str, dst: str, done) -> None:  # type: ignore[no-untyped-def]
    with open(src, "rb") as fsrc, open(dst, "wb") as fdst:
        while True:
            buf = fsrc.read(CHUNK)
            if not buf:
                break
            fdst.write(buf)
    shutil.copystat(src, dst)
    done.put(src)


def main(src: str, dst: str) -> int:
    manager = Manager()
    done = manager.Queue()
    pool = Pool()
    failures: list[BaseException] = []
    total = 0
    for root, _dirs, files in os.walk(src):
        target_dir = os.path.join(dst, os.path.relpath(root, src))
        os.makedirs(target_dir, exist_ok=True)
        for name in files:
            pool.apply_async(
                copy_file,
                (os.path.join(root, name), os.path.join(target_dir, name), done),
                error_callback=lambda exc: (failures.append(exc), done.put(None)),
            )
            total += 1
    pool.close()
    for finished in range(1, total + 1):
        done.get()
        if finished % 1000 == 0:
            print(f"{finished}/{total} files copied", flush=True)
    pool.join()
    manager.shutdown()
    for exc in failures:
        print(f"error: {exc}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
