"""What a copy preserves and how it treats odd entries, through the real `engine run` CLI."""

from __future__ import annotations

import hashlib
import os
import socket
import stat
from pathlib import Path

import pytest
from helpers import (
    BackendCase,
    Engine,
    file_events,
    snapshot,
    summary_of,
    temp_files,
    unprivileged,
    write_tree,
)

from engine.roots import open_root
from engine.worker.copying import verify_written

pytestmark = pytest.mark.usefixtures("backend")

BASE_NS = 1_600_000_000_123_456_789


def set_times(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(mtime_ns, mtime_ns), follow_symlinks=False)


def test_nested_tree_copies_content_modes_and_nanosecond_times(
    src: Path, dst: Path, engine: Engine
):
    write_tree(
        src,
        {
            "top.txt": "top",
            "a/one.txt": "one" * 1000,
            "a/b/two.bin": os.urandom(70_000),
            "a/b/c/three.sh": "#!/bin/sh\necho three\n",
            "ro/inside.txt": "read-only folder content",
            "empty.txt": "",
        },
    )
    modes = {
        "top.txt": 0o640,
        "a/one.txt": 0o600,
        "a/b/two.bin": 0o444,
        "a/b/c/three.sh": 0o755,
        "ro/inside.txt": 0o644,
        "empty.txt": 0o604,
        "a": 0o750,
        "a/b": 0o711,
        "a/b/c": 0o755,
    }
    for rel, mode in modes.items():
        os.chmod(src / rel, mode)
    files = ["top.txt", "a/one.txt", "a/b/two.bin", "a/b/c/three.sh", "ro/inside.txt", "empty.txt"]
    for i, rel in enumerate(files):
        set_times(src / rel, BASE_NS + i * 1_000_000_007)
    for i, rel in enumerate(["a/b/c", "a/b", "a", "ro"]):
        set_times(src / rel, BASE_NS - (i + 1) * 3_000_000_011)
    os.chmod(src / "ro", 0o555)

    result = engine("run", src, dst, "-w", "2", "-q")

    assert result.returncode == 0, result.stderr
    assert snapshot(dst) == snapshot(src)
    assert snapshot(dst)["a/b/two.bin"][2] == BASE_NS + 2 * 1_000_000_007
    assert snapshot(dst)["ro"] == ("dir", 0o555, BASE_NS - 4 * 3_000_000_011)


def test_modes_a_umask_would_strip_and_special_bits_are_kept(src: Path, dst: Path, engine: Engine):
    """Files are made with their final mode where the umask allows; the rest are set after."""
    modes = {"shared.txt": 0o666, "all.sh": 0o777, "setgid.sh": 0o2755, "setuid.sh": 0o4750}
    write_tree(src, dict.fromkeys(modes, "x"))
    for rel, mode in modes.items():
        os.chmod(src / rel, mode)
    umask = os.umask(0o077)
    try:
        result = engine("run", src, dst, "-w", "2", "-q")
    finally:
        os.umask(umask)

    assert result.returncode == 0, result.stderr
    assert {rel: stat.S_IMODE((dst / rel).stat().st_mode) for rel in modes} == modes


def test_empty_folders_are_preserved(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"empty/": "", "outer/inner/empty/": "", "file.txt": "x"})

    result = engine("run", src, dst, "-w", "1", "-q")

    assert result.returncode == 0, result.stderr
    assert (dst / "empty").is_dir() and os.listdir(dst / "empty") == []
    assert (dst / "outer/inner/empty").is_dir()
    assert os.listdir(dst / "outer/inner/empty") == []


def test_a_600_level_deep_tree_copies_without_recursion_errors(
    src: Path, dst: Path, engine: Engine
):
    depth = 600
    deepest = src.joinpath(*["d"] * depth)
    deepest.mkdir(parents=True)
    (deepest / "leaf.txt").write_text("bottom")

    result = engine("run", src, dst, "-w", "1", "-q")

    assert result.returncode == 0, result.stderr
    assert "Recursion" not in result.stderr
    assert dst.joinpath(*["d"] * depth, "leaf.txt").read_text() == "bottom"


def test_chinese_space_and_emoji_names_survive(src: Path, dst: Path, engine: Engine):
    names = {
        "文件夹/报告 最终版.txt": "中文",
        "with space/a b c.txt": "spaces",
        "emoji 🚀/🎉.md": "party",
    }
    write_tree(src, names)

    result = engine("run", src, dst, "-w", "1", "-q")

    assert result.returncode == 0, result.stderr
    for rel, content in names.items():
        assert (dst / rel).read_text() == content


def test_non_utf8_byte_names_survive_byte_exact(src: Path, dst: Path, engine: Engine):
    raw_dir, raw_file = b"dossier-\xff", b"caf\xe9.txt"
    os.mkdir(os.path.join(os.fsencode(src), raw_dir))
    for parent in (os.fsencode(src), os.path.join(os.fsencode(src), raw_dir)):
        with open(os.path.join(parent, raw_file), "wb") as handle:
            handle.write(b"latin-1 name")

    result = engine("run", src, dst, "-w", "1", "--json")

    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(os.fsencode(dst))) == sorted(os.listdir(os.fsencode(src)))
    inner = os.path.join(os.fsencode(dst), raw_dir)
    assert os.listdir(inner) == [raw_file]
    assert os.fsdecode(raw_file) in file_events(result)
    with open(os.path.join(inner, raw_file), "rb") as handle:
        assert handle.read() == b"latin-1 name"


def test_symlinks_are_recreated_with_the_same_link_text(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"real.txt": "real", "sub/file.txt": "in sub"})
    os.symlink("real.txt", src / "relative")
    os.symlink("../real.txt", src / "sub/up")
    os.symlink("/etc/hostname", src / "absolute")
    os.symlink("does/not/exist", src / "dangling")
    os.symlink("sub", src / "dirlink")

    result = engine("run", src, dst, "-w", "1", "-q")

    assert result.returncode == 0, result.stderr
    for rel in ("relative", "sub/up", "absolute", "dangling", "dirlink"):
        assert (dst / rel).is_symlink(), rel
        assert os.readlink(dst / rel) == os.readlink(src / rel)
    assert snapshot(dst) == snapshot(src)


def test_symlinks_keep_their_own_mtime(src: Path, dst: Path, engine: Engine):
    os.symlink("nowhere", src / "link")
    set_times(src / "link", BASE_NS)

    result = engine("run", src, dst, "-w", "1", "-q")

    assert result.returncode == 0, result.stderr
    assert os.lstat(dst / "link").st_mtime_ns == BASE_NS


def test_a_symlink_loop_is_recreated_as_a_link_and_the_run_finishes(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"a/file.txt": "x"})
    os.symlink("..", src / "a/loop")

    result = engine("run", src, dst, "-w", "1", "-q")

    assert result.returncode == 0, result.stderr
    assert (dst / "a/loop").is_symlink()
    assert os.readlink(dst / "a/loop") == ".."
    assert (dst / "a/file.txt").read_text() == "x"


def test_follow_symlinks_copies_a_link_to_a_file_as_a_regular_file(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"real.txt": "target content"})
    os.symlink("real.txt", src / "link.txt")

    result = engine("run", src, dst, "-w", "1", "-q", "--follow-symlinks")

    assert result.returncode == 0, result.stderr
    assert not (dst / "link.txt").is_symlink()
    assert stat.S_ISREG((dst / "link.txt").lstat().st_mode)
    assert (dst / "link.txt").read_text() == "target content"


def test_follow_symlinks_reports_a_loop_as_skipped_without_hanging(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"a/file.txt": "x"})
    os.symlink("..", src / "a/loop")

    result = engine("run", src, dst, "-w", "1", "--json", "--follow-symlinks")

    assert result.returncode == 0, result.stderr
    loop = file_events(result)["a/loop"]
    assert loop["status"] == "skipped"
    assert "loop" in loop["reason"]
    assert (dst / "a/file.txt").read_text() == "x"
    assert not (dst / "a/loop").exists()


def test_fifos_are_recreated_and_sockets_skipped_and_counted(
    src: Path, dst: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
):
    write_tree(src, {"plain.txt": "plain"})
    os.mkfifo(src / "pipe")
    monkeypatch.chdir(src)  # a relative bind keeps the socket path under the 108-byte limit
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("sock")

    result = engine("run", src, dst, "-w", "1", "--json")

    assert result.returncode == 0, result.stderr
    events = file_events(result)
    assert events["pipe"]["status"] == "done"
    assert events["sock"]["status"] == "skipped"
    assert "socket" in events["sock"]["reason"]
    summary = summary_of(result)
    assert (summary["files_done"], summary["files_skipped"], summary["files_failed"]) == (2, 1, 0)
    assert sorted(os.listdir(dst)) == ["pipe", "plain.txt"]
    assert stat.S_ISFIFO(os.lstat(dst / "pipe").st_mode)


def test_no_temporary_part_file_remains_after_a_run(src: Path, dst: Path, engine: Engine):
    write_tree(src, {f"d{i % 5}/f{i}.txt": f"file {i}" * i for i in range(120)})
    write_tree(src, {"big.bin": os.urandom(3 << 20)})

    result = engine("run", src, dst, "-w", "2", "-q", "--verify")

    assert result.returncode == 0, result.stderr
    assert temp_files(dst) == []
    assert snapshot(dst) == snapshot(src)


def test_a_file_far_larger_than_the_chunk_size_copies_byte_exact(
    src: Path, dst: Path, engine: Engine
):
    data = os.urandom(64 << 20)
    (src / "big.bin").write_bytes(data)

    result = engine("run", src, dst, "-w", "1", "-q")

    assert result.returncode == 0, result.stderr
    copied = (dst / "big.bin").read_bytes()
    assert len(copied) == len(data)
    assert hashlib.sha256(copied).digest() == hashlib.sha256(data).digest()


def test_dry_run_does_not_create_the_target_folder(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b", "empty/": ""})

    result = engine("run", src, dst, "-w", "1", "-q", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert not dst.exists()


def test_dry_run_verbose_lists_what_would_be_copied(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})

    result = engine("run", src, dst, "-w", "1", "-v", "-n")

    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "would copy  a.txt" in lines
    assert "would copy  sub/b.txt" in lines
    assert not dst.exists()


def test_dry_run_json_reports_files_as_done_and_the_summary_as_dry(
    src: Path, dst: Path, engine: Engine
):
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})

    result = engine("run", src, dst, "-w", "1", "--json", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert {p: e["status"] for p, e in file_events(result).items()} == {
        "a.txt": "done",
        "sub/b.txt": "done",
    }
    summary = summary_of(result)
    assert summary["dry_run"] is True
    assert summary["files_done"] == 2
    assert not dst.exists()


def test_verify_copies_and_succeeds(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"small.txt": "small", "multi-chunk.bin": os.urandom((3 << 20) + 17)})

    result = engine("run", src, dst, "-w", "1", "--json", "--verify")

    assert result.returncode == 0, result.stderr
    assert {p: e["status"] for p, e in file_events(result).items()} == {
        "small.txt": "done",
        "multi-chunk.bin": "done",
    }
    assert snapshot(dst) == snapshot(src)


def test_verify_written_reports_a_digest_mismatch(tmp_path: Path):
    path = tmp_path / "written.bin"
    path.write_bytes(b"what was written")

    dfd = open_root(tmp_path)
    try:
        reason = verify_written(dfd, path.name, hashlib.blake2b(b"what was read").digest())
    finally:
        os.close(dfd)

    assert reason


def test_verify_written_accepts_a_matching_digest(tmp_path: Path):
    path = tmp_path / "written.bin"
    path.write_bytes(b"same bytes")

    dfd = open_root(tmp_path)
    try:
        assert verify_written(dfd, path.name, hashlib.blake2b(b"same bytes").digest()) == ""
    finally:
        os.close(dfd)


def test_an_unreadable_file_fails_with_permission_denied_and_the_rest_copy(
    src: Path, dst: Path, engine: Engine, backend: BackendCase
):
    if backend.name == "dask":
        pytest.skip("Dask workers read with the cluster's rights, which this test cannot drop")
    write_tree(src, {"ok1.txt": "one", "secret.txt": "hidden", "sub/ok2.txt": "two"})
    os.chmod(src / "secret.txt", 0)

    result = engine("run", src, dst, "-w", "1", "--json", **unprivileged())

    assert result.returncode == 1, result.stderr
    assert "secret.txt: permission denied" in result.stderr
    events = file_events(result)
    assert events["secret.txt"]["status"] == "failed"
    assert events["secret.txt"]["error"] == "permission denied"
    assert (dst / "ok1.txt").read_text() == "one"
    assert (dst / "sub/ok2.txt").read_text() == "two"
    assert not (dst / "secret.txt").exists()
    assert temp_files(dst) == []


def test_an_unreadable_folder_fails_and_the_rest_copy(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"ok.txt": "ok", "locked/inside.txt": "hidden", "open/also.txt": "also"})
    os.chmod(src / "locked", 0)
    try:
        result = engine("run", src, dst, "-w", "1", "--json", **unprivileged())
    finally:
        os.chmod(src / "locked", 0o755)

    assert result.returncode == 1, result.stderr
    events = file_events(result)
    assert events["locked"]["status"] == "failed"
    assert "permission denied" in events["locked"]["error"]
    assert "locked: " in result.stderr
    assert (dst / "ok.txt").read_text() == "ok"
    assert (dst / "open/also.txt").read_text() == "also"
    os.chmod(dst / "locked", 0o755)
    assert not (dst / "locked/inside.txt").exists()
