"""--reflink: on btrfs and XFS a plain copy shares the source's blocks instead of copying them
(auto, the default), fails a file it cannot clone (always), or always copies (never)."""

from __future__ import annotations

import fcntl
import os
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import file_events, loop_file_system, run_engine, summary_of, temp_files

FS_IOC_FIEMAP = 0xC020660B
FIEMAP_EXTENT_SHARED = 0x2000
FIEMAP_FLAG_SYNC = 0x1
_HEADER = struct.Struct("=QQIIII")
_EXTENT = struct.Struct("=QQQ2QI3I")
DATA = os.urandom(1 << 20) * 4


def extent_flags(path: Path, most: int = 64) -> list[int]:
    """The FIEMAP flags of each extent of `path` (synced first, so delayed writes show)."""
    request = bytearray(_HEADER.pack(0, 2**64 - 1, FIEMAP_FLAG_SYNC, 0, most, 0))
    request += bytes(_EXTENT.size * most)
    with open(path, "rb") as file:
        fcntl.ioctl(file.fileno(), FS_IOC_FIEMAP, request)
    mapped = _HEADER.unpack_from(request)[3]
    return [_EXTENT.unpack_from(request, _HEADER.size + i * _EXTENT.size)[5] for i in range(mapped)]


def shared(path: Path) -> bool:
    """Every extent of `path` is shared with another file (it is, or was cloned from, one)."""
    flags = extent_flags(path)
    return bool(flags) and all(flag & FIEMAP_EXTENT_SHARED for flag in flags)


@pytest.fixture(params=["btrfs", "xfs"])
def cloning(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A file system that can clone files, with a source folder holding one 4 MiB file."""
    with loop_file_system(tmp_path, request.param) as mount:
        (mount / "src").mkdir()
        (mount / "src/big.bin").write_bytes(DATA)
        yield mount


def copy(src: Path, dst: Path, *options: str) -> dict[str, dict[str, object]]:
    result = run_engine("run", src, dst, "-w", "1", "--json", *options)
    assert result.returncode in (0, 1), result.stderr
    return file_events(result)


def test_a_plain_copy_shares_the_sources_blocks_by_default(cloning: Path) -> None:
    events = copy(cloning / "src", cloning / "dst")

    assert events["big.bin"]["status"] == "done"
    assert (cloning / "dst/big.bin").read_bytes() == DATA
    assert shared(cloning / "dst/big.bin")


def test_a_clone_keeps_mode_and_times(cloning: Path) -> None:
    source = cloning / "src/big.bin"
    source.chmod(0o640)
    os.utime(source, ns=(1_000_000_123, 2_000_000_456))

    copy(cloning / "src", cloning / "dst")

    copied = (cloning / "dst/big.bin").stat()
    assert copied.st_mode & 0o7777 == 0o640
    assert copied.st_mtime_ns == 2_000_000_456


def test_reflink_never_copies_the_bytes(cloning: Path) -> None:
    copy(cloning / "src", cloning / "dst", "--reflink", "never")

    assert (cloning / "dst/big.bin").read_bytes() == DATA
    assert not shared(cloning / "dst/big.bin")
    assert not shared(cloning / "src/big.bin")


def test_reflink_always_fails_a_file_it_cannot_clone_and_leaves_nothing(
    src: Path, dst: Path
) -> None:
    (src / "a.bin").write_bytes(b"x" * 10_000)

    result = run_engine("run", src, dst, "--json", "--reflink", "always")

    assert result.returncode == 1
    event = file_events(result)["a.bin"]
    assert event["status"] == "failed"
    assert event["error"] == (
        "could not be cloned (the target file system cannot clone files); use --reflink auto"
    )
    assert not (dst / "a.bin").exists()
    assert temp_files(dst) == []
    assert summary_of(result)["files_failed"] == 1


def test_reflink_always_names_different_file_systems(cloning: Path, src: Path) -> None:
    (src / "a.bin").write_bytes(b"x" * 10_000)

    events = copy(src, cloning / "dst", "--reflink", "always")

    assert "different file systems" in str(events["a.bin"]["error"])


def test_reflink_always_fails_a_file_whose_stages_change_it(cloning: Path) -> None:
    events = copy(cloning / "src", cloning / "dst", "--reflink", "always", "--stage", "gzip")

    assert events["big.bin"]["status"] == "failed"
    assert events["big.bin"]["error"] == "could not be cloned (its stages change its bytes)"


def test_reflink_always_with_verify_is_a_usage_error(src: Path, dst: Path) -> None:
    result = run_engine("run", src, dst, "--reflink", "always", "--verify")

    assert result.returncode == 2
    assert "reflink always and verify do not go together" in result.stderr
    assert not dst.exists()


def test_an_empty_file_copies_under_reflink_always(cloning: Path) -> None:
    (cloning / "src/empty").write_bytes(b"")

    events = copy(cloning / "src", cloning / "dst", "--reflink", "always")

    assert events["empty"]["status"] == "done"
    assert (cloning / "dst/empty").read_bytes() == b""
