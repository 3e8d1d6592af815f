"""Selecting what `engine run` takes, as rsync does: `--files-from` (a list of paths),
`--exclude-from` / `--include-from` (globs from a file), `--min-size` / `--max-size` and
`--one-file-system`; through the real CLI, on real files."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    assert_usage_error,
    copied_files,
    file_events,
    run_engine,
    summary_of,
    tmpfs,
    write_tree,
)

from engine.filters import PathFilter
from engine.scan import Listing

TREE = {
    "a.txt": "a",
    "b.txt": "b",
    "sub/c.txt": "c",
    "sub/deep/d.txt": "d",
    "other/e.txt": "e",
}


def listing(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "list"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


# --files-from


def test_files_from_copies_only_the_listed_paths(src: Path, dst: Path, tmp_path: Path) -> None:
    write_tree(src, TREE)
    names = listing(tmp_path, "a.txt\n\n./sub/c.txt\n")
    result = run_engine("run", src, dst, "-w", "1", "-q", "--files-from", names)
    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"a.txt", "sub/c.txt"}


def test_files_from_dash_reads_the_list_from_stdin(src: Path, dst: Path) -> None:
    write_tree(src, TREE)
    result = run_engine("run", src, dst, "-q", "--files-from", "-", input="b.txt\r\nother/e.txt\n")
    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"b.txt", "other/e.txt"}


def test_from0_reads_names_ended_by_nul_that_may_hold_newlines(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {**TREE, "two\nlines.txt": "x"})
    names = listing(tmp_path, b"two\nlines.txt\0sub/deep/d.txt\0")
    result = run_engine("run", src, dst, "-q", "--files-from", names, "--from0")
    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"two\nlines.txt", "sub/deep/d.txt"}


def test_a_listed_folder_brings_everything_below_it(src: Path, dst: Path, tmp_path: Path) -> None:
    write_tree(src, TREE)
    names = listing(tmp_path, "sub/\nsub/deep/d.txt\n")
    result = run_engine("run", src, dst, "-q", "--files-from", names)
    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"sub/c.txt", "sub/deep/d.txt"}


def test_the_folders_above_a_listed_file_keep_their_source_metadata(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, TREE)
    (src / "sub").chmod(0o750)
    os.utime(src / "sub", ns=(1_000_000_000, 1_500_000_000_123))
    names = listing(tmp_path, "sub/deep/d.txt\n")
    result = run_engine("run", src, dst, "-q", "--files-from", names)
    assert result.returncode == 0, result.stderr
    made = (dst / "sub").stat()
    assert stat.S_IMODE(made.st_mode) == 0o750
    assert made.st_mtime_ns == 1_500_000_000_123
    assert sorted(p.name for p in (dst / "sub").iterdir()) == ["deep"]


def test_a_listed_path_missing_from_the_source_fails_alone(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, TREE)
    names = listing(tmp_path, "a.txt\nnot/there.txt\nb.txt/below\n")
    result = run_engine("run", src, dst, "--json", "--files-from", names)
    assert result.returncode == 1, result.stderr
    events = file_events(result)
    assert events["not/there.txt"]["status"] == "failed"
    assert "listed in --files-from but not in the source" in events["not/there.txt"]["error"]
    assert "not a folder" in events["b.txt/below"]["error"]
    assert summary_of(result)["files_failed"] == 2
    assert copied_files(dst) == {"a.txt"}  # b.txt is only on the way to a missing path


@pytest.mark.parametrize(
    ("line", "hint"),
    [("/etc/hostname", "is an absolute path"), ("sub/../../x", "leads out of the source")],
)
def test_a_listed_path_that_escapes_the_source_is_a_usage_error(
    src: Path, dst: Path, tmp_path: Path, line: str, hint: str
) -> None:
    write_tree(src, TREE)
    names = listing(tmp_path, f"a.txt\n{line}\n")
    result = run_engine("run", src, dst, "--files-from", names)
    assert_usage_error(result, f"line 2: '{line}' {hint}")
    assert not dst.exists()


def test_an_empty_files_from_list_is_a_usage_error(src: Path, dst: Path, tmp_path: Path) -> None:
    write_tree(src, TREE)
    result = run_engine("run", src, dst, "--files-from", listing(tmp_path, "\n"))
    assert_usage_error(result, "lists no path")
    assert not dst.exists()


def test_files_from_lists_no_folder_on_the_way_to_a_listed_file(
    src: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk looks each listed name up in its folder: a list of a few files in a huge
    tree costs a few lookups, not a listing of every folder above them."""
    write_tree(src, TREE)
    listed: list[object] = []
    scandir = os.scandir

    def spy(fd: Any) -> Any:
        listed.append(fd)
        return scandir(fd)

    monkeypatch.setattr(os, "scandir", spy)
    selection = PathFilter(files_from=("sub/deep/d.txt", "a.txt"))
    tasks = Listing(src, selection, follow_symlinks=False).tasks()
    assert sorted(task.rel for task in tasks) == ["a.txt", "sub/deep/d.txt"]
    assert listed == []


def test_a_job_file_carries_the_listed_paths(src: Path, dst: Path, tmp_path: Path) -> None:
    write_tree(src, TREE)
    job = tmp_path / "job.toml"
    job.write_text(f'source = "{src}"\ntarget = "{dst}"\nfiles_from = ["a.txt", "sub/deep"]\n')
    result = run_engine("run", "--job", job, "-q")
    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"a.txt", "sub/deep/d.txt"}


def test_delete_with_files_from_is_refused(src: Path, dst: Path, tmp_path: Path) -> None:
    write_tree(src, TREE)
    write_tree(dst, {"keep.txt": "k"})
    result = run_engine("run", src, dst, "--delete", "--files-from", listing(tmp_path, "a.txt"))
    assert_usage_error(result, "delete and files-from do not go together")
    assert copied_files(dst) == {"keep.txt"}


# --exclude-from, --include-from


def test_exclude_from_and_include_from_skip_blank_lines_and_comments(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {**TREE, "sub/c.log": "l", "#x.txt": "h"})
    includes = tmp_path / "includes"
    includes.write_text("# text files only\n\n*.txt\n")
    excludes = tmp_path / "excludes"
    excludes.write_text("#x.txt\nother\n\n")
    result = run_engine(
        "run", src, dst, "-q", "--include-from", includes, "--exclude-from", excludes,
        "--exclude", "b.txt",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"a.txt", "sub/c.txt", "sub/deep/d.txt", "#x.txt"}


def test_an_unreadable_exclude_from_file_is_a_usage_error(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, TREE)
    result = run_engine("run", src, dst, "--exclude-from", tmp_path / "nowhere")
    assert_usage_error(result, "--exclude-from file")
    assert not dst.exists()


# --min-size, --max-size


def test_min_size_and_max_size_leave_files_out_without_reporting_them(src: Path, dst: Path) -> None:
    write_tree(src, {"small": b"x" * 10, "middle": b"x" * 2048, "large": b"x" * 5000})
    result = run_engine("run", src, dst, "--json", "--min-size", "1k", "--max-size", "4k")
    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"middle"}
    assert set(file_events(result)) == {"middle"}
    assert summary_of(result)["files_skipped"] == 0


def test_a_min_size_above_the_max_size_is_a_usage_error(src: Path, dst: Path) -> None:
    write_tree(src, TREE)
    result = run_engine("run", src, dst, "--min-size", "2M", "--max-size", "1M")
    assert_usage_error(result, "min size (2097152 bytes) is larger than max size")


def test_a_size_that_is_no_size_is_a_usage_error(src: Path, dst: Path) -> None:
    write_tree(src, TREE)
    assert_usage_error(run_engine("run", src, dst, "--max-size", "big"), "'big' is not a size")


# --one-file-system


def test_one_file_system_reports_a_mounted_folder_and_does_not_enter_it(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    with tmpfs(src / "mnt") as mnt:
        write_tree(mnt, {"inside.txt": "i"})
        result = run_engine("run", src, dst, "--json", "-x")
    assert result.returncode == 0, result.stderr
    mount_point = file_events(result)["mnt"]
    assert mount_point["status"] == "skipped"
    assert "another file system" in mount_point["reason"]
    assert copied_files(dst) == {"a.txt"}
    assert (dst / "mnt").is_dir()  # as rsync -x: the mount point is made, empty
