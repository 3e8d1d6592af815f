"""How the scanner groups files into batches for the workers."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from helpers import write_tree

from engine.filters import PathFilter
from engine.records import Batch
from engine.roots import Roots
from engine.scan import (
    ALONE_BYTES,
    BATCH_BYTES,
    BATCH_FILES,
    TRANSFORM_BATCH_BYTES,
    ScanItem,
    Scanner,
    batch_bytes_for,
)
from engine.stages import StageSpec, build

KiB = 1024


def batch_sizes(src: Path, dst: Path, batch_bytes: int = BATCH_BYTES) -> list[int]:
    items: queue.Queue[ScanItem] = queue.Queue()
    roots = Roots(src, dst)
    roots.create_target()
    try:
        Scanner(
            roots.source,
            roots.target,
            PathFilter(),
            follow_symlinks=False,
            create_dirs=True,
            out=items,
            stop=threading.Event(),
            batch_bytes=batch_bytes,
        ).run()
    finally:
        roots.close()
    found = [items.get_nowait() for _ in range(items.qsize())]
    return [len(item.tasks) for item in found if isinstance(item, Batch)]


def test_small_files_come_one_first_then_in_doubling_batches_up_to_the_limit(
    tmp_path: Path,
) -> None:
    count = 3 * BATCH_FILES
    write_tree(tmp_path / "src", {f"f{i:04}": "x" for i in range(count)})

    sizes = batch_sizes(tmp_path / "src", tmp_path / "dst")

    ramp = [1 << n for n in range(BATCH_FILES.bit_length())]
    assert sizes[: len(ramp)] == ramp
    assert ramp[-1] == BATCH_FILES == max(sizes)
    assert sum(sizes) == count


def test_a_file_of_the_alone_size_travels_in_a_batch_of_its_own(tmp_path: Path) -> None:
    files = {"a.txt": "a", "b.big": b"\0" * ALONE_BYTES, "c.txt": "c", "d.txt": "d"}
    write_tree(tmp_path / "src", files)

    sizes = batch_sizes(tmp_path / "src", tmp_path / "dst")

    assert sizes == [1, 1, 2]


def test_transforming_stages_close_batches_at_a_megabyte(tmp_path: Path) -> None:
    write_tree(tmp_path / "src", {f"f{i:03}": b"t" * (100 * KiB) for i in range(60)})

    sizes = batch_sizes(tmp_path / "src", tmp_path / "dst", TRANSFORM_BATCH_BYTES)

    assert sizes[:5] == [1, 2, 4, 8, 11]
    assert max(sizes) == TRANSFORM_BATCH_BYTES // (100 * KiB) + 1
    assert sum(sizes) == 60


def test_only_plain_copies_get_the_large_batch_limit() -> None:
    assert batch_bytes_for((build(StageSpec("copy")),)) == BATCH_BYTES
    assert batch_bytes_for((build(StageSpec("gzip")),)) == TRANSFORM_BATCH_BYTES
    assert batch_bytes_for((build(StageSpec("checksum")),)) == TRANSFORM_BATCH_BYTES
