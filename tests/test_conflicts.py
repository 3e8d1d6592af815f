"""The --if-exists policies: what happens when a file's target is already there."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import Engine, assert_usage_error, file_events, snapshot, temp_files, write_tree

pytestmark = pytest.mark.usefixtures("backend")

OLD_NS = 1_500_000_000_000_000_000
NEW_NS = 1_700_000_000_000_000_000


def statuses(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return {path: e["status"] for path, e in file_events(result).items()}


def copy(engine: Engine, src: Path, dst: Path, *options: str) -> subprocess.CompletedProcess[str]:
    result = engine("run", src, dst, "-w", "1", "--json", *options)
    assert result.returncode == 0, result.stderr
    return result


def set_mtime(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_rerun_with_the_default_policy_skips_every_unchanged_file(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"a.txt": "a", "sub/b.txt": "bb", "sub/deeper/c.txt": "ccc"})
    os.symlink("a.txt", src / "link")
    copy(engine, src, dst)
    before = snapshot(dst)

    result = copy(engine, src, dst)

    events = file_events(result)
    assert set(events) == {"a.txt", "sub/b.txt", "sub/deeper/c.txt", "link"}
    assert all(e["status"] == "skipped" and e["reason"] == "unchanged" for e in events.values())
    assert snapshot(dst) == before


def test_a_source_file_with_a_new_mtime_is_copied_again(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.txt": "first", "b.txt": "stays"})
    set_mtime(src / "a.txt", OLD_NS)
    copy(engine, src, dst)
    (src / "a.txt").write_text("second")
    set_mtime(src / "a.txt", NEW_NS)

    result = copy(engine, src, dst)

    assert statuses(result) == {"a.txt": "done", "b.txt": "skipped"}
    assert (dst / "a.txt").read_text() == "second"
    assert (dst / "a.txt").stat().st_mtime_ns == NEW_NS


def test_same_size_and_mtime_with_different_content_is_skipped_like_rsync_quick_check(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"a.txt": "AAAA"})
    set_mtime(src / "a.txt", OLD_NS)
    copy(engine, src, dst)
    (src / "a.txt").write_text("BBBB")
    set_mtime(src / "a.txt", OLD_NS)

    result = copy(engine, src, dst)

    assert file_events(result)["a.txt"]["status"] == "skipped"
    assert file_events(result)["a.txt"]["reason"] == "unchanged"
    assert (dst / "a.txt").read_text() == "AAAA"


def test_skip_policy_keeps_a_differing_target(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.txt": "source", "new.txt": "new"})
    write_tree(dst, {"a.txt": "old target"})

    result = copy(engine, src, dst, "--if-exists", "skip")

    assert statuses(result) == {"a.txt": "skipped", "new.txt": "done"}
    assert file_events(result)["a.txt"]["reason"] == "target exists"
    assert (dst / "a.txt").read_text() == "old target"
    assert (dst / "new.txt").read_text() == "new"


def test_overwrite_policy_replaces_even_an_unchanged_target(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.txt": "source", "same.txt": "same"})
    copy(engine, src, dst)
    (dst / "a.txt").write_text("edited in the target")
    set_mtime(dst / "a.txt", NEW_NS)

    result = copy(engine, src, dst, "--if-exists", "overwrite")

    assert statuses(result) == {"a.txt": "done", "same.txt": "done"}
    assert (dst / "a.txt").read_text() == "source"
    assert snapshot(dst) == snapshot(src)


def test_newer_policy_leaves_a_target_newer_than_the_source(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.txt": "older source"})
    set_mtime(src / "a.txt", OLD_NS)
    write_tree(dst, {"a.txt": "newer target"})
    set_mtime(dst / "a.txt", NEW_NS)

    result = copy(engine, src, dst, "--if-exists", "newer")

    assert file_events(result)["a.txt"]["status"] == "skipped"
    assert (dst / "a.txt").read_text() == "newer target"


def test_newer_policy_copies_a_source_newer_than_the_target(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.txt": "newer source"})
    set_mtime(src / "a.txt", NEW_NS)
    write_tree(dst, {"a.txt": "older target"})
    set_mtime(dst / "a.txt", OLD_NS)

    result = copy(engine, src, dst, "--if-exists", "newer")

    assert file_events(result)["a.txt"]["status"] == "done"
    assert (dst / "a.txt").read_text() == "newer source"
    assert (dst / "a.txt").stat().st_mtime_ns == NEW_NS


def test_rename_policy_keeps_a_differing_target_and_lands_the_new_file_beside_it(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"report.txt": "version 2"})
    write_tree(dst, {"report.txt": "version 1"})

    result = copy(engine, src, dst, "--if-exists", "rename")

    assert file_events(result)["report.txt"]["status"] == "done"
    assert (dst / "report.txt").read_text() == "version 1"
    assert (dst / "report (1).txt").read_text() == "version 2"
    assert sorted(os.listdir(dst)) == ["report (1).txt", "report.txt"]


def test_rename_policy_numbers_a_second_differing_copy_2(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"report.txt": "version 2"})
    write_tree(dst, {"report.txt": "version 1"})
    copy(engine, src, dst, "--if-exists", "rename")
    (src / "report.txt").write_text("version 3")
    set_mtime(src / "report.txt", NEW_NS)

    copy(engine, src, dst, "--if-exists", "rename")

    assert (dst / "report.txt").read_text() == "version 1"
    assert (dst / "report (1).txt").read_text() == "version 2"
    assert (dst / "report (2).txt").read_text() == "version 3"
    assert len(os.listdir(dst)) == 3


def test_rename_policy_skips_an_identical_target(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"report.txt": "same", "sub/data.bin": b"\x00\x01"})
    copy(engine, src, dst)

    result = copy(engine, src, dst, "--if-exists", "rename")

    assert statuses(result) == {"report.txt": "skipped", "sub/data.bin": "skipped"}
    assert sorted(os.listdir(dst)) == ["report.txt", "sub"]
    assert os.listdir(dst / "sub") == ["data.bin"]


def test_rename_policy_rerun_without_changes_adds_no_further_copy(
    src: Path, dst: Path, engine: Engine
):
    """A nightly job with --if-exists rename must not pile up `name (N)` duplicates."""
    write_tree(src, {"report.txt": "version 2"})
    write_tree(dst, {"report.txt": "version 1"})
    copy(engine, src, dst, "--if-exists", "rename")

    result = copy(engine, src, dst, "--if-exists", "rename")

    assert sorted(os.listdir(dst)) == ["report (1).txt", "report.txt"]
    assert file_events(result)["report.txt"]["status"] == "skipped"


def test_a_folder_where_a_file_should_go_fails_that_file_and_the_rest_copy(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"blocked.txt": "file", "ok.txt": "ok", "sub/fine.txt": "fine"})
    write_tree(dst, {"blocked.txt/keep.txt": "folder content"})

    result = engine("run", src, dst, "-w", "1", "--json")

    assert result.returncode == 1, result.stderr
    blocked = file_events(result)["blocked.txt"]
    assert blocked["status"] == "failed"
    assert "folder" in blocked["error"]
    assert "blocked.txt: " in result.stderr
    assert (dst / "blocked.txt/keep.txt").read_text() == "folder content"
    assert (dst / "ok.txt").read_text() == "ok"
    assert (dst / "sub/fine.txt").read_text() == "fine"
    assert temp_files(dst) == []


def test_a_file_where_a_folder_should_go_fails_that_folder_and_the_rest_copy(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"docs/inner.txt": "inner", "ok.txt": "ok"})
    write_tree(dst, {"docs": "a file, not a folder"})

    result = engine("run", src, dst, "-w", "1", "--json")

    assert result.returncode == 1, result.stderr
    docs = file_events(result)["docs"]
    assert docs["status"] == "failed"
    assert "file is in the way" in docs["error"]
    assert (dst / "docs").read_text() == "a file, not a folder"
    assert (dst / "ok.txt").read_text() == "ok"


def test_an_unknown_policy_name_exits_2_with_a_one_line_error(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.txt": "a"})

    result = engine("run", src, dst, "--if-exists", "sometimes")

    assert_usage_error(result, "sometimes")
    assert "changed" in result.stderr
    assert not dst.exists()
