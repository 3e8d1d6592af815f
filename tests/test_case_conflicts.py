"""Names that differ only by case are one name on a case-insensitive target: refused up front."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Engine, assert_usage_error, write_tree

from engine.collisions import OutputNames, is_case_insensitive
from engine.errors import JobError

TOOLS = ("losetup", "mkfs.exfat", "mount.exfat-fuse", "umount")


def sh(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [os.fspath(a) for a in args], capture_output=True, text=True, timeout=30, check=False
    )


@pytest.fixture
def case_insensitive_dir(tmp_path: Path) -> Iterator[Path]:
    """An empty exFAT file system (case-insensitive) mounted from a loop device through FUSE."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if os.geteuid() != 0 or missing or not os.path.exists("/dev/fuse"):
        pytest.skip(
            "mounting a case-insensitive file system needs root, /dev/fuse and "
            f"{', '.join(TOOLS)} (apt-get install exfatprogs exfat-fuse); missing: "
            f"{', '.join(missing) or 'root or /dev/fuse'}"
        )
    image = tmp_path / "exfat.img"
    with open(image, "wb") as file:
        file.truncate(8 << 20)
    made = sh("mkfs.exfat", image)
    if made.returncode != 0:
        pytest.skip(f"mkfs.exfat failed: {made.stderr.strip()}")
    attached = sh("losetup", "--find", "--show", image)
    if attached.returncode != 0:
        pytest.skip(f"no loop device to attach the image to: {attached.stderr.strip()}")
    loop = attached.stdout.strip()
    mount = tmp_path / "exfat"
    mount.mkdir()
    try:
        mounted = sh("mount.exfat-fuse", loop, mount)
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount exFAT through FUSE: {mounted.stderr.strip()}")
        try:
            yield mount
        finally:
            sh("umount", mount)
    finally:
        sh("losetup", "--detach", loop)


def test_the_probe_finds_this_machines_temporary_folder_case_sensitive(tmp_path: Path):
    write_tree(tmp_path, {"kept.txt": "x"})
    before = os.stat(tmp_path).st_mtime_ns

    assert is_case_insensitive(tmp_path) is False

    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]
    assert os.stat(tmp_path).st_mtime_ns == before


def test_the_probe_of_a_missing_target_leaves_nothing_in_its_parent(tmp_path: Path):
    assert is_case_insensitive(tmp_path / "not" / "yet") is False

    assert list(tmp_path.iterdir()) == []


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
    assert is_case_insensitive(case_insensitive_dir / "target") is True

    assert list(case_insensitive_dir.iterdir()) == []


def test_case_twins_are_refused_before_anything_is_written_to_a_case_insensitive_target(
    src: Path, case_insensitive_dir: Path, engine: Engine
):
    write_tree(src, {"sub/Readme.txt": "mixed", "sub/README.txt": "upper"})
    dst = case_insensitive_dir / "target"

    result = engine("run", src, dst, "-w", "1")

    assert_usage_error(result, "case-insensitive")
    assert "'sub/README.txt' and 'sub/Readme.txt'" in result.stderr
    assert list(case_insensitive_dir.iterdir()) == []
