"""`--backup-dir`: what a job replaces or a mirror deletes is kept, under its relative path,
instead of destroyed. Real files, a real second file system, the real CLI."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import file_events, run_engine, tmpfs, write_tree


def run(src: Path, dst: Path, *options: str, code: int = 0):
    result = run_engine("run", src, dst, "--json", *options)
    assert result.returncode == code, result.stderr
    return result


def test_a_replaced_file_is_kept_in_the_backup_folder(src: Path, dst: Path) -> None:
    write_tree(src, {"sub/a.txt": "new"})
    write_tree(dst, {"sub/a.txt": "old"})
    inode = (dst / "sub/a.txt").stat().st_ino

    run(src, dst, "--if-exists", "overwrite", "--backup-dir", ".old")

    assert (dst / "sub/a.txt").read_text() == "new"
    assert (dst / ".old/sub/a.txt").read_text() == "old"
    assert (dst / ".old/sub/a.txt").stat().st_ino == inode


def test_what_a_mirror_deletes_is_kept_with_its_folders(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"a.txt": "a", "gone.txt": "g", "old/deep/x.txt": "x"})

    result = run(src, dst, "--delete", "--backup-dir", ".old")

    assert {rel for rel, e in file_events(result).items() if e["status"] == "deleted"} == {
        "gone.txt",
        "old",
        "old/deep",
        "old/deep/x.txt",
    }
    assert (dst / ".old/gone.txt").read_text() == "g"
    assert (dst / ".old/old/deep/x.txt").read_text() == "x"
    assert not (dst / "old").exists()


def test_a_backup_folder_inside_the_target_is_never_mirrored_away(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"gone.txt": "g"})
    run(src, dst, "--delete", "--backup-dir", "keep/.old")

    again = run(src, dst, "--delete", "--backup-dir", "keep/.old")

    assert all(e["status"] != "deleted" for e in file_events(again).values())
    assert (dst / "keep/.old/gone.txt").read_text() == "g"


def test_a_backup_on_another_file_system_is_a_copy_with_mode_and_time(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "new"})
    write_tree(dst, {"a.txt": "old contents"})
    (dst / "a.txt").chmod(0o640)
    os.utime(dst / "a.txt", ns=(1_000_000_000, 2_000_000_000))
    with tmpfs(tmp_path / "elsewhere", size="4m") as elsewhere:
        run(src, dst, "--if-exists", "overwrite", "--backup-dir", str(elsewhere / "bk"))

        kept = elsewhere / "bk/a.txt"
        assert kept.read_text() == "old contents"
        assert kept.stat().st_mode & 0o777 == 0o640
        assert kept.stat().st_mtime_ns == 2_000_000_000


def test_a_move_that_replaces_a_target_file_keeps_the_old_one(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "moved in"})
    write_tree(dst, {"a.txt": "was here"})

    run(src, dst, "--move", "--if-exists", "overwrite", "--backup-dir", ".old")

    assert (dst / "a.txt").read_text() == "moved in"
    assert (dst / ".old/a.txt").read_text() == "was here"


def test_a_backup_folder_inside_the_source_is_refused(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})

    result = run_engine("run", src, dst, "--backup-dir", str(src / "bk"))

    assert result.returncode == 2
    assert "is inside the source" in result.stderr
    assert not dst.exists()
