"""FIFOs, devices and sockets as `cp -a` treats them, through the real `engine run` CLI:
FIFOs and devices are recreated (never opened), sockets are skipped with a warning."""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path

import pytest
from helpers import Engine, file_events, json_events, logs, summary_of, write_tree

pytestmark = pytest.mark.usefixtures("backend")

BASE_NS = 1_600_000_000_123_456_789
NULL_DEVICE = os.makedev(1, 3)


def make_null_device(path: Path) -> None:
    """A character device like /dev/null at `path`, or skip the test saying why not."""
    if os.geteuid() != 0:
        pytest.skip("making a device file needs root")
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, NULL_DEVICE)
    except OSError as exc:
        if exc.errno in (errno.EPERM, errno.EACCES):
            pytest.skip(f"this system refuses to make device files: {exc.strerror}")
        raise


def test_a_fifo_arrives_as_a_fifo_with_its_mode_and_times_without_blocking(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"plain.txt": "plain", "deep/": ""})
    for fifo in (src / "pipe", src / "deep/pipe"):
        os.mkfifo(fifo)
        os.chmod(fifo, 0o640)
        os.utime(fifo, ns=(BASE_NS, BASE_NS))

    result = engine("run", src, dst, "-w", "2", "--json")  # no writer: opening would hang

    assert result.returncode == 0, result.stderr
    events = file_events(result)
    assert events["pipe"]["status"] == "done"
    assert events["deep/pipe"]["status"] == "done"
    assert "warning" not in result.stderr
    for rel in ("pipe", "deep/pipe"):
        copy = os.lstat(dst / rel)
        assert stat.S_ISFIFO(copy.st_mode)
        assert stat.S_IMODE(copy.st_mode) == 0o640
        assert copy.st_mtime_ns == BASE_NS
    summary = summary_of(result)
    assert (summary["files_done"], summary["files_skipped"], summary["files_failed"]) == (3, 0, 0)
    assert sorted(os.listdir(dst)) == ["deep", "pipe", "plain.txt"]  # no temporary left


def test_a_fifo_keeps_its_owner_as_root(src: Path, dst: Path, engine: Engine) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file another owner needs root")
    os.mkfifo(src / "pipe")
    os.chown(src / "pipe", 4321, 8765)

    result = engine("run", src, dst, "-w", "1")

    assert result.returncode == 0, result.stderr
    copy = os.lstat(dst / "pipe")
    assert (copy.st_uid, copy.st_gid) == (4321, 8765)


def test_a_rerun_reports_the_fifo_unchanged(src: Path, dst: Path, engine: Engine) -> None:
    os.mkfifo(src / "pipe")
    first = engine("run", src, dst, "-w", "1")
    assert first.returncode == 0, first.stderr

    again = engine("run", src, dst, "-w", "1", "--json")

    assert again.returncode == 0, again.stderr
    event = file_events(again)["pipe"]
    assert (event["status"], event["reason"]) == ("skipped", "unchanged")


def test_a_regular_file_in_the_way_is_replaced_by_the_fifo(
    src: Path, dst: Path, engine: Engine
) -> None:
    os.mkfifo(src / "pipe")
    write_tree(dst, {"pipe": "a regular file where the FIFO goes"})

    result = engine("run", src, dst, "-w", "1", "--json")

    assert result.returncode == 0, result.stderr
    assert file_events(result)["pipe"]["status"] == "done"
    assert stat.S_ISFIFO(os.lstat(dst / "pipe").st_mode)


def test_a_dry_run_reports_the_fifo_as_would_be_done(src: Path, dst: Path, engine: Engine) -> None:
    os.mkfifo(src / "pipe")

    result = engine("run", src, dst, "-n", "--json")

    assert result.returncode == 0, result.stderr
    assert file_events(result)["pipe"]["status"] == "done"
    assert not dst.exists()


def test_a_character_device_arrives_with_its_device_number(
    src: Path, dst: Path, engine: Engine
) -> None:
    make_null_device(src / "null")
    os.utime(src / "null", ns=(BASE_NS, BASE_NS))

    result = engine("run", src, dst, "-w", "1", "--json")

    assert result.returncode == 0, result.stderr
    assert file_events(result)["null"]["status"] == "done"
    copy = os.lstat(dst / "null")
    assert stat.S_ISCHR(copy.st_mode)
    assert copy.st_rdev == NULL_DEVICE
    assert stat.S_IMODE(copy.st_mode) == 0o600
    assert copy.st_mtime_ns == BASE_NS

    again = engine("run", src, dst, "-w", "1", "--json")
    assert file_events(again)["null"]["reason"] == "unchanged"


def test_a_socket_is_skipped_with_a_warning(
    src: Path, dst: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(src, {"plain.txt": "plain"})
    monkeypatch.chdir(src)  # a relative bind keeps the socket path under the 108-byte limit
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("sock")

    result = engine("run", src, dst, "-w", "1")

    assert result.returncode == 0, result.stderr
    assert "engine: warning: sock: a socket: never opened or copied" in result.stderr
    assert sorted(os.listdir(dst)) == ["plain.txt"]


def test_no_preserve_specials_skips_fifos_and_devices_with_a_warning(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"plain.txt": "plain"})
    os.mkfifo(src / "pipe")
    device = os.geteuid() == 0
    if device:
        try:
            os.mknod(src / "null", stat.S_IFCHR | 0o600, NULL_DEVICE)
        except PermissionError:
            device = False

    result = engine("run", src, dst, "-w", "1", "--no-preserve", "specials", "--json")

    assert result.returncode == 0, result.stderr
    events = file_events(result)
    assert events["pipe"]["status"] == "skipped"
    assert "FIFO" in events["pipe"]["reason"]
    warned = {e.get("path") for e in logs(json_events(result), "warning")}
    assert "pipe" in warned
    if device:
        assert events["null"]["status"] == "skipped"
        assert "character device" in events["null"]["reason"]
        assert "null" in warned
    assert sorted(os.listdir(dst)) == ["plain.txt"]
