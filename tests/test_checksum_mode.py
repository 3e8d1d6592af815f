"""`--checksum`: files of equal size are judged by their contents, hashed on both sides in
the workers, not by their times. Real files, the real CLI, both backends."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import Engine, file_events, run_engine, write_tree


def run(src: Path, dst: Path, *options: str):
    result = run_engine("run", src, dst, "--json", "--checksum", *options)
    assert result.returncode == 0, result.stderr
    return file_events(result)


def test_same_size_and_time_but_other_bytes_is_copied(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "AAAA"})
    write_tree(dst, {"a.txt": "BBBB"})
    times = (1_000_000_000, 2_000_000_000)
    os.utime(src / "a.txt", ns=times)
    os.utime(dst / "a.txt", ns=times)

    events = run(src, dst)

    assert events["a.txt"]["status"] == "done"
    assert (dst / "a.txt").read_text() == "AAAA"


def test_without_it_the_same_size_and_time_is_trusted(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "AAAA"})
    write_tree(dst, {"a.txt": "BBBB"})
    times = (1_000_000_000, 2_000_000_000)
    os.utime(src / "a.txt", ns=times)
    os.utime(dst / "a.txt", ns=times)

    result = run_engine("run", src, dst, "--json")

    assert file_events(result)["a.txt"]["status"] == "skipped"


def test_identical_contents_with_another_time_only_get_the_time(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"a.txt": "same"})
    write_tree(dst, {"a.txt": "same"})
    os.utime(src / "a.txt", ns=(1_000_000_000, 3_000_000_000))
    inode = (dst / "a.txt").stat().st_ino

    result = engine("run", src, dst, "--json", "--checksum")

    assert result.returncode == 0, result.stderr
    event = file_events(result)["a.txt"]
    assert (event["status"], event["reason"]) == ("updated", "metadata updated")
    assert (dst / "a.txt").stat().st_ino == inode
    assert (dst / "a.txt").stat().st_mtime_ns == 3_000_000_000


def test_identical_files_are_skipped_on_a_second_run(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.bin": os.urandom(3 << 20)})
    run(src, dst)

    events = run(src, dst)

    assert {e["status"] for e in events.values()} == {"skipped"}
