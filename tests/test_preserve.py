"""What a copy keeps besides bytes, mode and times, as `cp -a` keeps them: owner and group,
extended attributes, POSIX ACLs and the holes of sparse files; and `--no-preserve`, which
leaves some out. Real files through the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import assert_usage_error, run_engine, write_tree

from engine.job import Job, dump_job_file, load_job_file

ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="giving files another owner needs root")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"the '{name}' tool is not installed")
    return path


def _user_xattr(path: Path, value: bytes = b"blue") -> None:
    try:
        os.setxattr(path, "user.tag", value)
    except OSError as exc:
        pytest.skip(f"no user extended attributes here ({exc.strerror})")


def _setfacl(*args: str | Path) -> None:
    result = subprocess.run(
        [_tool("setfacl"), *map(os.fspath, args)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"setfacl failed (no ACLs here?): {result.stderr.strip()}")


def _acl(path: Path) -> list[str]:
    """getfacl's entries, without the header lines (file name, owner, group)."""
    out = subprocess.run(
        [_tool("getfacl"), "-p", os.fspath(path)], capture_output=True, text=True, check=True
    ).stdout
    return [line for line in out.splitlines() if line and not line.startswith("#")]


def _copy(src: Path, dst: Path, *options: str) -> None:
    result = run_engine("run", src, dst, "-q", *options)
    assert result.returncode == 0, result.stderr


@needs_root
def test_owner_of_files_folders_and_symlinks_arrives(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"d/f.txt": "data"})
    os.chown(src / "d/f.txt", 1234, 5678)
    os.chown(src / "d", 2345, 6789)
    os.symlink("f.txt", src / "d/link")
    os.chown(src / "d/link", 3456, 7890, follow_symlinks=False)
    _copy(src, tmp_path / "dst")
    dst = tmp_path / "dst"
    info = os.stat(dst / "d/f.txt")
    assert (info.st_uid, info.st_gid) == (1234, 5678)
    info = os.stat(dst / "d")
    assert (info.st_uid, info.st_gid) == (2345, 6789)
    info = os.lstat(dst / "d/link")
    assert (info.st_uid, info.st_gid) == (3456, 7890)
    assert os.readlink(dst / "d/link") == "f.txt"


@needs_root
def test_setuid_bits_survive_the_change_of_owner(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"tool": "#!/bin/sh\n"})
    os.chown(src / "tool", 1234, 5678)
    os.chmod(src / "tool", 0o6755)
    _copy(src, tmp_path / "dst")
    info = os.stat(tmp_path / "dst/tool")
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (1234, 5678, 0o6755)


@needs_root
def test_no_preserve_owner_leaves_the_runners(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"d/f.txt": "data"})
    os.chown(src / "d/f.txt", 1234, 5678)
    os.chown(src / "d", 1234, 5678)
    _copy(src, tmp_path / "dst", "--no-preserve", "owner")
    for name in ("d", "d/f.txt"):
        info = os.stat(tmp_path / "dst" / name)
        assert (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid())


def test_user_xattrs_arrive_on_files_and_folders(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"d/f.txt": "data"})
    _user_xattr(src / "d/f.txt", b"blue")
    _user_xattr(src / "d", b"green")
    _copy(src, tmp_path / "dst")
    assert os.getxattr(tmp_path / "dst/d/f.txt", "user.tag") == b"blue"
    assert os.getxattr(tmp_path / "dst/d", "user.tag") == b"green"


def test_the_stamp_of_a_source_is_not_copied(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"f.txt": "data"})
    _user_xattr(src / "f.txt")
    os.setxattr(src / "f.txt", "user.conveyor.source", b"1 0 0 forged f.txt")
    _copy(src, tmp_path / "dst")
    names = os.listxattr(tmp_path / "dst/f.txt")
    assert "user.tag" in names
    assert "user.conveyor.source" not in names


def test_access_and_default_acls_of_a_folder_and_a_file_arrive(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"d/f.txt": "data"})
    _setfacl("-m", "u:1234:rwx,g:5678:r-x", src / "d")
    _setfacl("-d", "-m", "u:1234:r-x,o::---", src / "d")
    _setfacl("-m", "u:1234:rw-", src / "d/f.txt")
    _copy(src, tmp_path / "dst")
    dst = tmp_path / "dst"
    for name in ("d", "d/f.txt"):
        assert _acl(dst / name) == _acl(src / name)
        assert any(line.startswith("user:1234:") for line in _acl(dst / name))
        assert os.stat(dst / name).st_mode == os.stat(src / name).st_mode
    assert any(line.startswith("default:") for line in _acl(dst / "d"))


def test_no_preserve_xattrs_and_acls_drops_them(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"d/f.txt": "data"})
    _user_xattr(src / "d/f.txt")
    _user_xattr(src / "d")
    _setfacl("-m", "u:1234:rwx", src / "d")
    _setfacl("-d", "-m", "u:1234:r-x", src / "d")
    _copy(src, tmp_path / "dst", "--no-preserve", "xattrs,acls")
    dst = tmp_path / "dst"
    for name in ("d", "d/f.txt"):
        assert os.listxattr(dst / name) == []
        assert not any(":1234:" in line for line in _acl(dst / name))
        assert os.stat(dst / name).st_mode & 0o7777 == os.stat(src / name).st_mode & 0o7777


def test_no_preserve_sparse_allocates_the_whole_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    size = 8 << 20
    with open(src / "disk.img", "wb") as image:
        image.write(b"start")
        image.truncate(size)
    if os.stat(src / "disk.img").st_blocks * 512 >= size:
        pytest.skip("this file system does not make sparse files")
    _copy(src, tmp_path / "holes")
    _copy(src, tmp_path / "full", "--no-preserve", "sparse")
    assert os.stat(tmp_path / "holes/disk.img").st_blocks * 512 < size
    full = tmp_path / "full/disk.img"
    assert os.stat(full).st_blocks * 512 >= size
    assert full.read_bytes() == (src / "disk.img").read_bytes()


def test_an_unknown_word_is_a_usage_error(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"f.txt": "data"})
    result = run_engine("run", src, tmp_path / "dst", "--no-preserve", "owner,colour")
    assert_usage_error(result, "owner, xattrs, acls, sparse")
    assert not (tmp_path / "dst").exists()


def test_an_unknown_word_in_a_job_file_is_a_usage_error(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"f.txt": "data"})
    job = tmp_path / "job.toml"
    job.write_text(f'source = "{src}"\ntarget = "{tmp_path / "dst"}"\nno_preserve = ["mode"]\n')
    result = run_engine("run", "--job", job)
    assert_usage_error(result, "owner, xattrs, acls, sparse")


def test_no_preserve_round_trips_through_the_job_text(tmp_path: Path) -> None:
    job = Job(tmp_path / "src", tmp_path / "dst", no_preserve=("owner", "acls"))
    text = dump_job_file(job)
    assert 'no_preserve = ["owner", "acls"]' in text
    saved = tmp_path / "job.toml"
    saved.write_text(text)
    assert load_job_file(saved)["no_preserve"] == ("owner", "acls")
    assert "no_preserve = []" in dump_job_file(Job(tmp_path / "src", tmp_path / "dst"))


@needs_root
def test_a_job_files_no_preserve_is_applied(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"f.txt": "data"})
    os.chown(src / "f.txt", 1234, 5678)
    job = tmp_path / "job.toml"
    job.write_text(f'source = "{src}"\ntarget = "{tmp_path / "dst"}"\nno_preserve = ["owner"]\n')
    result = run_engine("run", "--job", job, "-q")
    assert result.returncode == 0, result.stderr
    info = os.stat(tmp_path / "dst/f.txt")
    assert (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid())
