"""Names that differ only by case are one name on a case-insensitive target: refused up front."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import Engine, assert_usage_error, write_tree

from engine.collisions import OutputNames, is_case_insensitive, looks_case_insensitive
from engine.errors import JobError


def held(folder: Path) -> int:
    return os.open(folder, os.O_RDONLY | os.O_DIRECTORY)


def test_the_probe_finds_this_machines_temporary_folder_case_sensitive(tmp_path: Path):
    write_tree(tmp_path, {"kept.txt": "x"})
    before = os.stat(tmp_path).st_mtime_ns
    fd = held(tmp_path)
    try:
        assert is_case_insensitive(fd) is False
    finally:
        os.close(fd)

    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]
    assert os.stat(tmp_path).st_mtime_ns == before


def test_the_look_without_a_probe_writes_nothing(tmp_path: Path):
    write_tree(tmp_path, {"Kept.txt": "x"})
    before = os.stat(tmp_path).st_mtime_ns

    assert looks_case_insensitive(tmp_path) is False

    assert [p.name for p in tmp_path.iterdir()] == ["Kept.txt"]
    assert os.stat(tmp_path).st_mtime_ns == before


def test_names_that_differ_only_by_case_collide_when_the_target_ignores_case():
    names = OutputNames({}, case_insensitive=True)
    names.add_file("Readme.txt", "Readme.txt")

    with pytest.raises(JobError, match="case-insensitive") as caught:
        names.add_file("README.txt", "README.txt")

    assert "'Readme.txt' and 'README.txt'" in str(caught.value)


def test_names_that_differ_only_by_case_are_distinct_when_the_target_keeps_case():
    names = OutputNames({}, case_insensitive=False)
    names.add_file("Readme.txt", "Readme.txt")
    names.add_file("README.txt", "README.txt")
    names.add_folder("Docs")
    names.add_file("docs", "docs")


def test_a_folder_and_a_file_that_differ_only_by_case_collide_when_the_target_ignores_case():
    names = OutputNames({}, case_insensitive=True)
    names.add_file("docs", "docs")

    with pytest.raises(JobError, match="case-insensitive"):
        names.add_folder("Docs")


def test_a_renamed_output_that_differs_only_by_case_from_an_artifact_collides():
    names = OutputNames({"SHA256SUMS": "checksum"}, case_insensitive=True)

    with pytest.raises(JobError, match="stage 'checksum'"):
        names.add_file("sha256sums", "sha256sums")


def test_case_twins_are_both_copied_to_a_case_sensitive_target(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"Readme.txt": "mixed", "README.txt": "upper"})

    result = engine("run", src, dst, "-w", "1")

    assert result.returncode == 0, result.stderr
    assert (dst / "Readme.txt").read_text() == "mixed"
    assert (dst / "README.txt").read_text() == "upper"


def test_the_probe_finds_an_exfat_mount_case_insensitive(case_insensitive_dir: Path):
    fd = held(case_insensitive_dir)
    try:
        assert is_case_insensitive(fd) is True
    finally:
        os.close(fd)

    assert list(case_insensitive_dir.iterdir()) == []


def test_the_look_without_a_probe_finds_an_exfat_mount_case_insensitive(
    case_insensitive_dir: Path,
):
    write_tree(case_insensitive_dir, {"Kept.txt": "x"})

    assert looks_case_insensitive(case_insensitive_dir) is True


def test_a_dry_run_into_a_missing_target_on_exfat_refuses_case_twins_and_writes_nothing(
    src: Path, case_insensitive_dir: Path, engine: Engine
):
    write_tree(src, {"Readme.txt": "mixed", "README.txt": "upper"})
    write_tree(case_insensitive_dir, {"Kept.txt": "x"})

    result = engine("run", src, case_insensitive_dir / "target", "-n")

    assert_usage_error(result, "case-insensitive")
    assert [p.name for p in case_insensitive_dir.iterdir()] == ["Kept.txt"]


def test_case_twins_are_refused_before_anything_is_written_to_a_case_insensitive_target(
    src: Path, case_insensitive_dir: Path, engine: Engine
):
    write_tree(src, {"sub/Readme.txt": "mixed", "sub/README.txt": "upper"})
    dst = case_insensitive_dir / "target"

    result = engine("run", src, dst, "-w", "1")

    assert_usage_error(result, "case-insensitive")
    assert "'sub/README.txt' and 'sub/Readme.txt'" in result.stderr
    assert list(case_insensitive_dir.iterdir()) == []
