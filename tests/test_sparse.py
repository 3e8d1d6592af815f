"""Sparse files keep their holes through a plain copy, through the real `engine run` CLI."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from helpers import CLI_TIMEOUT_S, run_engine

from engine.control import Control
from engine.worker.copying import kernel_copy
from engine.worker.pacing import Pacer

KiB = 1 << 10
MiB = 1 << 20
GiB = 1 << 30


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """The source folder, on a file system that makes holes (else the test is skipped)."""
    probe = tmp_path / "probe"
    with probe.open("wb") as f:
        f.truncate(64 * MiB)
    holes = os.stat(probe).st_blocks * 512 < MiB
    probe.unlink()
    if not holes:
        pytest.skip("the file system of the test's tmp folder does not make holes")
    path = tmp_path / "src"
    path.mkdir()
    return path


def make_sparse(path: Path, size: int, data: dict[int, bytes]) -> None:
    """A file of `size` bytes holding `data` at its offsets and holes everywhere else."""
    with path.open("wb") as f:
        for offset, chunk in data.items():
            f.seek(offset)
            f.write(chunk)
        f.truncate(size)


def read_at(path: Path, offset: int, count: int) -> bytes:
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.pread(fd, count, offset)
    finally:
        os.close(fd)


def copy(src: Path, dst: Path) -> float:
    start = time.monotonic()
    result = run_engine("run", src, dst)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - start


def test_sparse_file_copies_only_its_data_and_keeps_its_holes(src: Path, dst: Path) -> None:
    first, second = os.urandom(4 * KiB), os.urandom(4 * KiB)
    data = {1 * GiB: first, 3 * GiB + 12345: second}
    make_sparse(src / "big.img", 4 * GiB, data)
    source = os.stat(src / "big.img")
    assert source.st_blocks * 512 < 1 * MiB

    elapsed = copy(src, dst)

    copied = dst / "big.img"
    target = os.stat(copied)
    assert elapsed < CLI_TIMEOUT_S / 4, f"took {elapsed:.1f} s"
    assert target.st_size == 4 * GiB
    assert target.st_mtime_ns == source.st_mtime_ns
    for offset, chunk in data.items():
        assert read_at(copied, offset, len(chunk)) == chunk
    for offset in (0, 4096, 1 * GiB - 100, 1 * GiB + 4 * KiB, 2 * GiB, 4 * GiB - 100):
        assert read_at(copied, offset, 100) == b"\0" * 100
    assert read_at(copied, 4 * GiB - 1, 10) == b"\0"
    # allocates about what the source does: a few blocks, not gigabytes
    assert target.st_blocks <= 4 * max(source.st_blocks, 16)


def test_trailing_hole_keeps_its_size(src: Path, dst: Path) -> None:
    head = os.urandom(64 * KiB)
    make_sparse(src / "tail.bin", 256 * MiB + 7, {0: head})

    copy(src, dst)

    copied = dst / "tail.bin"
    target = os.stat(copied)
    assert target.st_size == 256 * MiB + 7
    assert read_at(copied, 0, len(head)) == head
    assert read_at(copied, 256 * MiB, 100) == b"\0" * 7
    assert target.st_blocks * 512 < 8 * MiB


def test_leading_hole_and_only_hole(src: Path, dst: Path) -> None:
    tail = os.urandom(5000)
    make_sparse(src / "lead.bin", 32 * MiB + 5000, {32 * MiB: tail})
    make_sparse(src / "empty.bin", 16 * MiB, {})

    copy(src, dst)

    assert os.stat(dst / "lead.bin").st_size == 32 * MiB + 5000
    assert read_at(dst / "lead.bin", 32 * MiB, 6000) == tail
    assert read_at(dst / "lead.bin", 0, 4096) == b"\0" * 4096
    empty = os.stat(dst / "empty.bin")
    assert empty.st_size == 16 * MiB
    assert empty.st_blocks * 512 < MiB
    assert read_at(dst / "empty.bin", 8 * MiB, 10) == b"\0" * 10


def test_non_sparse_file_still_copies_exactly(src: Path, dst: Path) -> None:
    body = os.urandom(3 * MiB + 17)
    (src / "dense.bin").write_bytes(body)
    (src / "zeros.bin").write_bytes(b"\0" * (2 * MiB))  # written zeros: data, not holes

    copy(src, dst)

    assert (dst / "dense.bin").read_bytes() == body
    assert (dst / "zeros.bin").read_bytes() == b"\0" * (2 * MiB)
    assert os.stat(dst / "dense.bin").st_blocks * 512 >= len(body)


def copy_file(source: Path, target: Path, reports: list[int]) -> int:
    """`kernel_copy` between two files, with a pacer whose clock reports every step."""
    clock = itertools.count(step=1.0)
    pacer = Pacer(
        Control(multiprocessing.get_context("spawn")), reports.append, clock=lambda: next(clock)
    )
    src_fd = os.open(source, os.O_RDONLY)
    out_fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        return kernel_copy(src_fd, out_fd, os.fstat(src_fd), pacer)
    finally:
        os.close(src_fd)
        os.close(out_fd)


def test_holes_count_as_progress_and_in_the_bytes_covered(src: Path, tmp_path: Path) -> None:
    data = {8 * MiB: os.urandom(5000), 40 * MiB: os.urandom(100)}
    make_sparse(src / "f", 64 * MiB, data)
    reports: list[int] = []

    assert copy_file(src / "f", tmp_path / "out", reports) == 64 * MiB

    assert reports == sorted(reports)
    assert reports[-1] == 64 * MiB
    assert os.stat(tmp_path / "out").st_size == 64 * MiB
    for offset, chunk in data.items():
        assert read_at(tmp_path / "out", offset, len(chunk) + 10) == chunk + b"\0" * 10


def test_holes_are_not_charged_to_the_bandwidth_limit(src: Path, dst: Path) -> None:
    """1 GiB of hole at 1 MB/s would take over a quarter of an hour if its zeros counted."""
    data = {512 * MiB: os.urandom(4096)}
    make_sparse(src / "image.raw", GiB, data)

    result = run_engine("run", src, dst, "-w", "1", "--bwlimit", "1M")

    assert result.returncode == 0, result.stderr
    assert read_at(dst / "image.raw", 512 * MiB, 4096) == data[512 * MiB]
    assert os.stat(dst / "image.raw").st_size == GiB
