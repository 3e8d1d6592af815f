"""Fault injection: each fault is caused for real (signals, a full disk, lost permissions,
a file changing under the copy, a symlink swapped into the target, hostile names) and the
final trees and the reports are checked, not only the exit status."""

from __future__ import annotations

import contextlib
import gzip
import itertools
import os
import resource
import secrets
import shutil
import signal
import stat
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest
from helpers import (
    RUN_S,
    BackendCase,
    Launch,
    MiB,
    Running,
    alive,
    file_events,
    final_files,
    json_events,
    logs,
    run_engine,
    snapshot,
    summary_of,
    temp_files,
    unprivileged,
    wait_for,
    worker_processes,
    write_tree,
)
from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot

from engine import Job
from gui.main_window import MainWindow

GONE_S = 2.0
"""How soon every process of a killed job must be gone."""
KiB = 1 << 10


def wait_gone(processes: list[psutil.Process], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while (left := [p.pid for p in processes if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert left == [], f"processes of the job still running {timeout} s later: {left}"


def stray_log(events: list[dict[str, Any]]) -> list[str]:
    return [e["message"] for e in logs(events, "info") if "temporary file" in e["message"]]


def failures(events: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {path: e["error"] for path, e in events.items() if e["status"] == "failed"}


# 1, 2: resuming after the job was stopped from outside

SLOW_FILES = {
    **{f"a{i}.bin": 256 * KiB for i in range(4)},
    **{f"sub/b{i}.bin": 256 * KiB for i in range(4)},
}
"""Eight files at 512 KiB/s per worker on two workers: about two seconds of copying."""
SLOW = ("-w", "2", "--bwlimit", "512K", "--json")


def slow_tree(src: Path) -> None:
    write_tree(src, {rel: os.urandom(size) for rel, size in SLOW_FILES.items()})


def stop_mid_job(
    launch: Launch,
    src: Path,
    dst: Path,
    stop: Callable[[Running], None],
    *options: str,
    writing_in: str = "",
) -> tuple[Running, list[psutil.Process]]:
    """Start a slow job, wait until some files are done and one is being written (in the
    folder `writing_in`, when given), stop it; return the run and all the processes it had."""
    running = launch("run", src, dst, *SLOW, *options)

    def in_flight() -> bool:
        writing = temp_files(dst / writing_in) if writing_in else temp_files(dst)
        return len(final_files(dst)) >= 2 and writing != []

    wait_for(
        lambda: in_flight() or running.proc.poll() is not None,
        "two finished files and one being written",
        timeout=20,
    )
    assert running.proc.poll() is None, "the job ended before it could be interrupted"
    processes = running.collect_children()
    assert len([p for p in processes if "spawn_main" in " ".join(p.cmdline())]) == 2
    stop(running)
    return running, processes


def kill_cli(running: Running) -> None:
    running.proc.send_signal(signal.SIGKILL)


def ctrl_c(running: Running) -> None:
    os.killpg(running.proc.pid, signal.SIGINT)


def power_loss(running: Running) -> None:
    os.killpg(running.proc.pid, signal.SIGKILL)


def outputs_of(src_rel: set[str], gzipped: bool) -> set[str]:
    return {f"{rel}.gz" for rel in src_rel} if gzipped else set(src_rel)


def assert_resumed(src: Path, dst: Path, before: set[str], gzipped: bool = False) -> None:
    """A plain re-run exits 0, skips as unchanged exactly what was finished before, copies
    the rest, and leaves a target equal to the source with no temporary file."""
    strays = temp_files(dst)
    options = ("--stage", "gzip") if gzipped else ()
    result = run_engine("run", src, dst, "-w", "2", "--json", *options)
    assert result.returncode == 0, result.stderr
    events = file_events(result)
    assert set(events) == set(SLOW_FILES)
    skipped = {rel for rel, e in events.items() if e["status"] == "skipped"}
    assert outputs_of(skipped, gzipped) == before
    assert all(events[rel]["reason"] == "unchanged" for rel in skipped)
    assert all(e["status"] in ("done", "skipped") for e in events.values())
    removed = stray_log(json_events(result))
    if strays:
        message = f"removed {len(strays)} unfinished temporary file(s) of an interrupted run"
        assert removed == [message]
    else:
        assert removed == []
    assert temp_files(dst) == []
    if gzipped:
        assert final_files(dst) == outputs_of(set(SLOW_FILES), True)
        for rel in SLOW_FILES:
            assert gzip.decompress((dst / f"{rel}.gz").read_bytes()) == (src / rel).read_bytes()
    else:
        assert snapshot(dst) == snapshot(src)


@pytest.mark.parametrize("gzipped", [False, True], ids=["copy", "gzip"])
def test_a_rerun_after_the_cli_is_killed_copies_only_what_was_missing(
    launch: Launch, src: Path, dst: Path, gzipped: bool
) -> None:
    slow_tree(src)
    options = ("--stage", "gzip") if gzipped else ()
    running, processes = stop_mid_job(launch, src, dst, kill_cli, *options)
    assert running.proc.wait(timeout=5) == -signal.SIGKILL
    wait_gone(processes, GONE_S)
    # The workers saw their coordinator go and deleted what they were writing.
    assert temp_files(dst) == []
    before = final_files(dst)
    assert 2 <= len(before) < len(SLOW_FILES)
    assert_resumed(src, dst, before, gzipped)


def test_a_rerun_after_ctrl_c_copies_only_what_was_missing(
    launch: Launch, src: Path, dst: Path
) -> None:
    slow_tree(src)
    running, processes = stop_mid_job(launch, src, dst, ctrl_c)
    code, stdout, stderr = running.finish(timeout=10)
    assert code == 130, stderr
    assert summary_of(stdout)["cancelled"] is True
    assert "Traceback" not in stderr
    wait_gone(processes, GONE_S)
    assert temp_files(dst) == []
    before = final_files(dst)
    assert 2 <= len(before) < len(SLOW_FILES)
    assert_resumed(src, dst, before)


def test_a_rerun_after_a_power_loss_removes_the_leftover_parts_and_finishes(
    launch: Launch, src: Path, dst: Path
) -> None:
    """SIGKILL to the CLI and its workers at once: nobody gets to clean up."""
    slow_tree(src)
    running, processes = stop_mid_job(launch, src, dst, power_loss, "--fsync", writing_in="sub")
    assert running.proc.wait(timeout=5) == -signal.SIGKILL
    wait_gone(processes, GONE_S)
    before = final_files(dst)
    assert 2 <= len(before) < len(SLOW_FILES)
    # What the killed workers were writing is left behind: a part of a file, or a whole one
    # that was still being flushed (`--fsync`) when the kill came, never more than the
    # source's bytes. A file may also have finished in the instant between seeing it written
    # and the kill, leaving nothing; the re-run must clear whatever is there.
    for part in temp_files(dst):
        assert part.stat().st_size <= 256 * KiB
    assert_resumed(src, dst, before)


# 3: a worker killed mid-file


@dataclass
class WorkerKill:
    code: int
    stdout: str
    stderr: str
    pid: int
    held: str
    pool_before: set[int]


def kill_a_worker_mid_file(launch: Launch, src: Path, dst: Path, *options: str) -> WorkerKill:
    names = {f"f{i}.bin": os.urandom(512 * KiB) for i in range(6)}
    write_tree(src, names)
    running = launch("run", src, dst, "-w", "2", "--bwlimit", "1M", "--json", *options)
    seen: dict[str, Any] = {}

    def busy_worker() -> bool:
        pool = [e for e in running.events() if e["event"] == "workers"]
        if not pool or not temp_files(dst):
            return running.proc.poll() is not None
        busy = [w for w in pool[-1]["workers"] if w["current"]]
        if busy:
            seen.update(busy[0], pool={w["pid"] for w in pool[-1]["workers"]})
        return bool(busy)

    wait_for(busy_worker, "a worker on a file", timeout=20)
    assert running.proc.poll() is None, "the job ended before a worker could be killed"
    victim = psutil.Process(seen["pid"])
    assert victim.ppid() == running.proc.pid and "spawn_main" in " ".join(victim.cmdline())
    running.collect_children()
    victim.send_signal(signal.SIGKILL)
    code, stdout, stderr = running.finish()
    return WorkerKill(code, stdout, stderr, seen["pid"], seen["current"], seen["pool"])


def assert_pool_kept_its_size(run: WorkerKill) -> None:
    pools = [
        {w["pid"] for w in e["workers"]} for e in json_events(run.stdout) if e["event"] == "workers"
    ]
    later = [pool for pool in pools if pool - run.pool_before]
    assert later, pools
    assert all(len(pool) == 2 and run.pid not in pool for pool in later), pools


def test_a_file_whose_worker_is_killed_is_retried_and_the_pool_keeps_its_size(
    launch: Launch, src: Path, dst: Path
) -> None:
    run = kill_a_worker_mid_file(launch, src, dst)
    assert run.code == 0, run.stderr
    events = json_events(run.stdout)
    retried = [e for e in logs(events, "warning") if "trying the file again" in e["message"]]
    assert [e["path"] for e in retried] == [run.held]
    assert "SIGKILL" in retried[0]["message"] and str(run.pid) in retried[0]["message"]
    assert file_events(run.stdout)[run.held]["status"] == "done"
    assert snapshot(dst) == snapshot(src)
    assert_pool_kept_its_size(run)


def test_without_retries_the_killed_workers_file_fails_naming_sigkill(
    launch: Launch, src: Path, dst: Path
) -> None:
    run = kill_a_worker_mid_file(launch, src, dst, "--retries", "0")
    assert run.code == 1, run.stderr
    events = file_events(run.stdout)
    assert list(failures(events)) == [run.held]
    reason = events[run.held]["error"]
    assert f"worker process {run.pid}" in reason and "SIGKILL" in reason
    assert f"engine: failed: {run.held}: {reason}" in run.stderr
    assert not (dst / run.held).exists()
    assert temp_files(dst) == []
    for rel in set(events) - {run.held}:
        assert events[rel]["status"] == "done"
        assert (dst / rel).read_bytes() == (src / rel).read_bytes()
    assert_pool_kept_its_size(run)


# 4: a stage that hangs


def sleeping(argument: str) -> list[psutil.Process]:
    """Every process on the system running `sleep <argument>`."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if process.info["cmdline"] == ["sleep", argument] and alive(process):
            found.append(process)
    return found


def test_a_hung_file_is_abandoned_after_the_file_timeout_and_the_rest_are_copied(
    src: Path, dst: Path, backend: BackendCase
) -> None:
    others = {f"ok{i}.txt": f"fine {i}\n" * 100 for i in range(8)}
    write_tree(src, {"hang.txt": "never done", **others})
    # 4 s, not less: a plain file on a loaded two-CPU machine (a whole suite, a Dask cluster)
    # must not be mistaken for a hung one.
    forever = f"600.{secrets.randbelow(10**9)}"  # unique, so only our command matches
    stage = f'exec:cmd="sleep {forever}",match=hang.txt'
    began = time.monotonic()
    result = backend.run_engine(
        "run", src, dst, "-w", "2", "--file-timeout", "4", "--stage", stage, "--json"
    )
    took = time.monotonic() - began
    assert result.returncode == 1, result.stderr
    assert took < 16
    events = file_events(result)
    assert failures(events) == {"hang.txt": "took longer than 4 s; abandoned"}
    assert "engine: failed: hang.txt: took longer than 4 s; abandoned" in result.stderr
    assert final_files(dst) == set(others)
    for rel in others:
        assert events[rel]["status"] == "done"
        assert (dst / rel).read_bytes() == (src / rel).read_bytes()
    assert temp_files(dst) == []
    wait_for(lambda: sleeping(forever) == [], "the hung command to be gone", timeout=2)


# 5: a full target


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", os.fspath(path)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        if subprocess.run(["umount", os.fspath(path)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", os.fspath(path)], check=False)


def remount(path: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", os.fspath(path)], check=True)


def file_size_limit(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


FULL_TREE = {
    "00.bin": 200 * KiB,
    "01.bin": 700 * KiB,
    "02.bin": 700 * KiB,
    "03.bin": 700 * KiB,
    "04_big.bin": 2 * MiB,
    **{f"{n:02}.bin": 100 * KiB for n in range(5, 16)},
}


def assert_stopped_taking_new_work(
    result: subprocess.CompletedProcess[str], src: Path, dst: Path, why: str
) -> dict[str, dict[str, Any]]:
    """Exit 1, the halt logged, each file complete or failed with a reason, the files never
    attempted said to be not copied, no temporary file left."""
    assert result.returncode == 1, result.stderr
    errors = [e["message"] for e in logs(json_events(result), "error")]
    assert any(why in m and "stopped taking new work" in m for m in errors), errors
    events = file_events(result)
    assert set(events) == set(FULL_TREE)
    failed = failures(events)
    assert all(reason for reason in failed.values())
    assert any(reason == why for reason in failed.values()), failed
    not_copied = [rel for rel, reason in failed.items() if reason.startswith("not copied: ")]
    assert not_copied, failed
    assert all(failed[rel] == f"not copied: {why}" for rel in not_copied)
    assert final_files(dst) == {rel for rel, e in events.items() if e["status"] == "done"}
    for rel in final_files(dst):
        assert (dst / rel).read_bytes() == (src / rel).read_bytes(), rel
    assert temp_files(dst) == []
    assert f"engine: failed: {not_copied[0]}: not copied: {why}" in result.stderr
    return events


def test_a_full_target_stops_new_work_and_a_rerun_after_freeing_space_finishes(
    src: Path, tmp_path: Path
) -> None:
    write_tree(src, {rel: os.urandom(size) for rel, size in FULL_TREE.items()})
    with tmpfs(tmp_path / "small", "2m") as mount:
        dst = mount / "dst"
        result = run_engine("run", src, dst, "-w", "2", "--bwlimit", "4M", "--json")
        events = assert_stopped_taking_new_work(
            result, src, dst, "no space left on the target device"
        )
        remount(mount, "16m")
        again = run_engine("run", src, dst, "-w", "2", "--json")
        assert again.returncode == 0, again.stderr
        done_before = {rel for rel, e in events.items() if e["status"] == "done"}
        skipped = {rel for rel, e in file_events(again).items() if e["status"] == "skipped"}
        assert skipped == done_before
        assert snapshot(dst) == snapshot(src)


def test_a_file_over_the_size_limit_stops_new_work_and_a_rerun_without_it_finishes(
    src: Path, dst: Path
) -> None:
    """RLIMIT_FSIZE, inherited by the workers: writes past it fail with EFBIG."""
    write_tree(src, {rel: os.urandom(size) for rel, size in FULL_TREE.items()})
    limited = file_size_limit(1 * MiB)
    result = run_engine("run", src, dst, "-w", "1", "--bwlimit", "8M", "--json", preexec_fn=limited)
    too_large = "the file is too large for the target (its file system or a size limit)"
    events = assert_stopped_taking_new_work(result, src, dst, too_large)
    assert events["04_big.bin"]["error"] == too_large
    again = run_engine("run", src, dst, "-w", "2", "--json")
    assert again.returncode == 0, again.stderr
    assert snapshot(dst) == snapshot(src)


# 6: the source changes under the copy


def appender(
    path: Path, stop: threading.Event, start: Callable[[], bool], chunk: int, once: bool
) -> None:
    """Append `chunk` bytes to path once `start()` holds: once, or every 20 ms until stop."""
    while not stop.is_set() and not start():
        time.sleep(0.005)
    while not stop.is_set():
        with open(path, "ab") as handle:
            handle.write(os.urandom(chunk))
        if once:
            return
        time.sleep(0.02)


def copy_while_appending(
    launch: Launch, src: Path, dst: Path, chunk: int, once: bool, timeout: float = RUN_S
) -> tuple[int, str, str, bytes]:
    """Copy a slow first file (128 KiB at 256 KiB/s) while a thread appends to it; return
    the run and the file's content after the run."""
    write_tree(src, {"a_grows.bin": os.urandom(128 * KiB), "b.txt": "b", "c/d.txt": "d"})
    stop = threading.Event()
    running: Running | None = None

    def copying() -> bool:
        return temp_files(dst) != [] or (running is not None and running.proc.poll() is not None)

    args = (src / "a_grows.bin", stop, copying, chunk, once)
    thread = threading.Thread(target=appender, args=args)
    thread.start()
    try:
        running = launch("run", src, dst, "-w", "1", "--bwlimit", "256K", "--json")
        try:
            code, stdout, stderr = running.finish(timeout)
        except subprocess.TimeoutExpired:
            size = (src / "a_grows.bin").stat().st_size
            parts = [p.stat().st_size for p in temp_files(dst)]
            pytest.fail(
                f"still copying after {timeout} s: the source is {size} bytes by now, "
                f"the temporary copy {parts}"
            )
    finally:
        stop.set()
        thread.join(timeout=10)
    return code, stdout, stderr, (src / "a_grows.bin").read_bytes()


def test_a_file_that_grew_during_its_copy_is_copied_again_in_its_final_state(
    launch: Launch, src: Path, dst: Path
) -> None:
    code, stdout, stderr, final = copy_while_appending(launch, src, dst, 4 * KiB, once=True)
    assert code == 0, stderr
    assert len(final) > 128 * KiB, "the file was not appended to during the copy"
    assert file_events(stdout)["a_grows.bin"]["status"] == "done"
    warnings = [(e["path"], e["message"]) for e in logs(json_events(stdout), "warning")]
    assert ("a_grows.bin", "changed while being copied; trying again (1)") in warnings
    assert (dst / "a_grows.bin").read_bytes() == final
    assert snapshot(dst) == snapshot(src)


def assert_changed_while_copied(code: int, stdout: str, stderr: str, dst: Path) -> None:
    assert code == 1, stderr
    events = file_events(stdout)
    reason = events["a_grows.bin"]["error"]
    assert reason.startswith("changed while being copied, 2 times"), reason
    assert not (dst / "a_grows.bin").exists()
    assert temp_files(dst) == []
    assert final_files(dst) == {"b.txt", "c/d.txt"}
    assert (events["b.txt"]["status"], events["c/d.txt"]["status"]) == ("done", "done")


def test_a_file_that_keeps_growing_fails_as_changed_and_leaves_no_copy(
    launch: Launch, src: Path, dst: Path
) -> None:
    code, stdout, stderr, _final = copy_while_appending(launch, src, dst, 1 * KiB, once=False)
    assert_changed_while_copied(code, stdout, stderr, dst)


def test_a_file_growing_faster_than_the_copy_still_ends_as_changed(
    launch: Launch, src: Path, dst: Path
) -> None:
    """About 400 KiB/s appended, 256 KiB/s copied: a copy that reads to the end of the file
    instead of the size it saw at the start would chase the end for ever."""
    code, stdout, stderr, _final = copy_while_appending(
        launch, src, dst, 8 * KiB, once=False, timeout=10
    )
    assert_changed_while_copied(code, stdout, stderr, dst)


def test_a_file_deleted_after_the_scan_is_reported_vanished_and_the_rest_copied(
    launch: Launch, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.bin": os.urandom(256 * KiB), "b.txt": "gone soon", "c.txt": "stays"})
    running = launch("run", src, dst, "-w", "1", "--bwlimit", "512K", "--json")
    wait_for(lambda: temp_files(dst) != [] or running.proc.poll() is not None, "a.bin being copied")
    assert running.proc.poll() is None, "the job ended before b.txt could be deleted"
    (src / "b.txt").unlink()
    code, stdout, stderr = running.finish()
    assert code == 1, stderr
    events = file_events(stdout)
    assert failures(events) == {"b.txt": "the source file vanished before it could be read"}
    assert final_files(dst) == {"a.bin", "c.txt"}
    assert snapshot(dst) == snapshot(src)


# 7, 8: permissions


def test_an_unreadable_source_file_fails_with_its_path_and_the_rest_copy(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"ok.txt": "ok", "secret.txt": "hidden", "sub/more.txt": "more"})
    os.chmod(src / "secret.txt", 0)
    result = run_engine("run", src, dst, "-w", "2", "--json", **unprivileged())
    assert result.returncode == 1, result.stderr
    assert failures(file_events(result)) == {"secret.txt": "permission denied"}
    assert "engine: failed: secret.txt: permission denied" in result.stderr
    assert final_files(dst) == {"ok.txt", "sub/more.txt"}
    assert (dst / "sub/more.txt").read_text() == "more"


UNLISTED = (
    "cannot list folder: permission denied; "
    "its contents could not be listed, so how many files were not copied is unknown"
)
"""The failure of a source folder that cannot be listed: what it holds is in no count."""


def test_an_unreadable_source_folder_fails_with_its_path_and_the_rest_copy(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"ok.txt": "ok", "locked/inside.txt": "hidden", "z/after.txt": "after"})
    os.chmod(src / "locked", 0)
    try:
        result = run_engine("run", src, dst, "-w", "2", "--json", **unprivileged())
    finally:
        os.chmod(src / "locked", 0o755)
    assert result.returncode == 1, result.stderr
    assert failures(file_events(result)) == {"locked": UNLISTED}
    assert f"engine: failed: locked: {UNLISTED}" in result.stderr
    assert final_files(dst) == {"ok.txt", "z/after.txt"}


def test_files_for_a_read_only_target_folder_fail_and_the_others_copy(src: Path, dst: Path) -> None:
    write_tree(src, {"ok.txt": "ok", "ro/a.txt": "a", "ro/b.txt": "b", "rw/c.txt": "c"})
    (dst / "ro").mkdir(parents=True)
    os.chmod(dst / "ro", 0o555)
    result = run_engine("run", src, dst, "-w", "2", "--json", **unprivileged())
    assert result.returncode == 1, result.stderr
    expected = {"ro/a.txt": "permission denied", "ro/b.txt": "permission denied"}
    assert failures(file_events(result)) == expected
    assert final_files(dst) == {"ok.txt", "rw/c.txt"}
    assert temp_files(dst) == []


def test_a_target_that_is_a_file_is_refused_before_anything_is_written(
    src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    target = tmp_path / "target.txt"
    target.write_text("keep me")
    result = run_engine("run", src, target, "--json")
    assert result.returncode == 2
    assert result.stderr == f"engine: error: target '{target}' exists and is not a folder\n"
    assert result.stdout == ""
    assert target.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src", "target.txt"]


def test_a_folder_that_cannot_be_listed_mid_scan_fails_and_the_scan_goes_on(
    src: Path, dst: Path
) -> None:
    """`b/hidden` may be entered (x) but not listed (no r): the walk reports it and goes on
    to the folders after it."""
    write_tree(
        src,
        {
            "a/one.txt": "1",
            "b/two.txt": "2",
            "b/hidden/three.txt": "3",
            "b/z/four.txt": "4",
            "c/five.txt": "5",
        },
    )
    os.chmod(src / "b/hidden", 0o311)
    try:
        result = run_engine("run", src, dst, "-w", "2", "--json", **unprivileged())
    finally:
        os.chmod(src / "b/hidden", 0o755)
    assert result.returncode == 1, result.stderr
    events = file_events(result)
    assert failures(events) == {"b/hidden": UNLISTED}
    copied = {"a/one.txt", "b/two.txt", "b/z/four.txt", "c/five.txt"}
    assert final_files(dst) == copied
    assert {rel for rel, e in events.items() if e["status"] == "done"} == copied


# 9: a symlink swapped into the target


@dataclass
class SwappedRun:
    code: int
    stdout: str
    stderr: str
    outside: Path
    outside_before: tuple[int, int]
    real: Path


@pytest.fixture
def swapped_run(launch: Launch, src: Path, dst: Path, tmp_path: Path) -> SwappedRun:
    """While the only worker copies a slow first file, `dst/sub` (made by the job) is renamed
    away and a symlink to a folder outside the target put in its place."""
    write_tree(src, {"a.bin": os.urandom(256 * KiB), **{f"sub/x{i}.txt": str(i) for i in range(4)}})
    os.chmod(src / "sub", 0o751)
    os.utime(src / "sub", ns=(1_500_000_000 * 10**9, 1_500_000_000 * 10**9))
    outside = tmp_path / "outside"
    outside.mkdir(mode=0o700)
    os.chmod(outside, 0o700)
    os.utime(outside, ns=(1_400_000_000 * 10**9, 1_400_000_000 * 10**9))
    before = outside.stat()
    running = launch("run", src, dst, "-w", "1", "--bwlimit", "512K", "--json")
    wait_for(
        lambda: (
            (temp_files(dst) != [] and (dst / "sub").is_dir()) or running.proc.poll() is not None
        ),
        "a.bin being copied",
    )
    assert running.proc.poll() is None, "the job ended before the swap"
    real = dst / "sub_real"
    os.rename(dst / "sub", real)
    os.symlink(outside, dst / "sub")
    code, stdout, stderr = running.finish()
    return SwappedRun(
        code, stdout, stderr, outside, (stat.S_IMODE(before.st_mode), before.st_mtime_ns), real
    )


def test_no_file_is_written_through_a_symlink_swapped_into_the_target(
    swapped_run: SwappedRun,
) -> None:
    run = swapped_run
    assert os.listdir(run.outside) == []
    events = file_events(run.stdout)
    for i in range(4):
        rel = f"sub/x{i}.txt"
        if events[rel]["status"] == "failed":
            assert "symbolic link" in events[rel]["error"], events[rel]
        else:
            assert (run.real / f"x{i}.txt").read_text() == str(i)
    assert events["a.bin"]["status"] == "done"
    assert run.code == (1 if failures(events) else 0), run.stderr


def test_folder_modes_and_times_are_not_set_through_a_symlink_swapped_into_the_target(
    swapped_run: SwappedRun,
) -> None:
    after = swapped_run.outside.stat()
    assert (stat.S_IMODE(after.st_mode), after.st_mtime_ns) == swapped_run.outside_before


# 10: hostile names and trees


@pytest.mark.parametrize(
    "name", ["n" * 251 + ".txt", "€" * 85], ids=["255-ascii-bytes", "85-three-byte-characters"]
)
def test_a_255_byte_name_copies(src: Path, dst: Path, name: str) -> None:
    assert len(os.fsencode(name)) == 255
    write_tree(src, {name: "long name", f"sub/{name}": "nested"})
    result = run_engine("run", src, dst, "-w", "2", "--json")
    assert result.returncode == 0, result.stderr
    assert set(file_events(result)) == {name, f"sub/{name}"}
    assert snapshot(dst) == snapshot(src)


DEEP_NAME_BYTES = 200
DEEP_PATH_BYTES = 5000


def build_deep_tree(root: Path) -> list[str]:
    """Nested 200-byte folder names until the path is over 5000 bytes, a file at every
    level; built relative to folder descriptors since the full path is too long for one call.
    Returns the relative paths of the files."""
    files = []
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    rel = ""
    level = 0
    try:
        while len(os.fsencode(f"{root}/{rel}")) <= DEEP_PATH_BYTES:
            name = f"{level:03}" + "d" * (DEEP_NAME_BYTES - 3)
            file_fd = os.open(f"file{level}.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
            os.write(file_fd, f"level {level}\n".encode())
            os.close(file_fd)
            files.append(f"{rel}file{level}.txt")
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
            rel += name + "/"
            level += 1
    finally:
        os.close(fd)
    return files


def read_deep(root: Path, rel: str) -> bytes | None:
    """A file's content, reached one name at a time; None when it is missing."""
    *folders, name = rel.split("/")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in folders:
            child = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
        file_fd = os.open(name, os.O_RDONLY, dir_fd=fd)
    except FileNotFoundError:
        return None
    finally:
        os.close(fd)
    with os.fdopen(file_fd, "rb") as handle:
        return handle.read()


def remove_deep(root: Path) -> None:
    """shutil.rmtree works relative to folder descriptors, so depth is no problem for it."""
    shutil.rmtree(root)


def test_a_tree_deeper_than_path_max_copies_completely(src: Path, dst: Path) -> None:
    files = build_deep_tree(src)
    assert len(os.fsencode(f"{src}/{files[-1]}")) > os.pathconf("/", "PC_PATH_MAX")
    try:
        result = run_engine("run", src, dst, "-w", "2", "--json")
        events = file_events(result)
        assert failures(events) == {}, failures(events)
        assert result.returncode == 0, result.stderr
        assert set(events) == set(files)
        for rel in files:
            assert read_deep(dst, rel) == read_deep(src, rel), rel
    finally:
        remove_deep(src)
        if dst.exists():
            remove_deep(dst)


def test_a_name_with_a_newline_round_trips_and_is_escaped_in_json(src: Path, dst: Path) -> None:
    write_tree(src, {"two\nlines.txt": "newline", "plain.txt": "plain"})
    result = run_engine("run", src, dst, "--json")
    assert result.returncode == 0, result.stderr
    assert '"two\\nlines.txt"' in result.stdout
    assert file_events(result)["two\nlines.txt"]["status"] == "done"
    assert (dst / "two\nlines.txt").read_text() == "newline"
    assert snapshot(dst) == snapshot(src)


@pytest.mark.parametrize("linked", [True, False], ids=["default-linked", "no-preserve"])
def test_hard_links_are_kept_by_default_and_separate_files_without(
    src: Path, dst: Path, linked: bool
) -> None:
    write_tree(src, {"a.txt": "shared", "sub/other.txt": "other"})
    os.link(src / "a.txt", src / "sub/b.txt")
    options = () if linked else ("--no-preserve", "hard-links")
    result = run_engine("run", src, dst, "-w", "2", "--json", *options)
    assert result.returncode == 0, result.stderr
    assert set(file_events(result)) == {"a.txt", "sub/b.txt", "sub/other.txt"}
    first, second = (dst / "a.txt").stat(), (dst / "sub/b.txt").stat()
    assert (dst / "sub/b.txt").read_text() == "shared"
    assert ((first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)) is linked
    assert first.st_nlink == (2 if linked else 1)
    assert snapshot(dst) == snapshot(src)


def test_a_target_inside_the_source_through_a_symlink_is_refused_before_writing(
    src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    (tmp_path / "link").symlink_to(src)
    before = snapshot(src)
    result = run_engine("run", src, tmp_path / "link/inside", "--json")
    assert result.returncode == 2
    assert "is inside the source folder" in result.stderr
    assert result.stdout == ""
    assert snapshot(src) == before


# 11: the app survives


def writing(workers: list[psutil.Process]) -> psutil.Process:
    """The worker with a temporary file open, else the first one."""
    for worker in workers:
        with contextlib.suppress(psutil.Error):
            if any(".conveyor-" in f.path for f in worker.open_files()):
                return worker
    return workers[0]


def test_the_app_shows_failures_stays_responsive_and_runs_the_job_again(
    qtbot: QtBot, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(256 * KiB) for i in range(6)})
    write_tree(src, {"blocked.txt": "later"})
    (dst / "blocked.txt").mkdir(parents=True)
    (dst / "blocked.txt/inside").write_text("in the way")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    try:
        window.set_job(Job(src, dst, workers=2, bwlimit=512 * KiB, retries=0))
        assert window.retries.value() == 0
        timer.start()
        with qtbot.waitSignal(window.bridge.finished, timeout=60_000) as first:
            window.start_button.click()
            qtbot.waitUntil(
                lambda: len(worker_processes()) == 2 and temp_files(dst) != [], timeout=20_000
            )
            writing(worker_processes()).send_signal(signal.SIGKILL)
        timer.stop()
        assert first.args[0].files_failed == 2
        problems = window.problems
        rows = [problems.model.problem(r) for r in range(problems.model.rowCount())]
        failed = {p.rel: p.reason for p in rows if p.failed}
        assert set(failed) == set(problems.failed_paths())
        killed = set(failed) - {"blocked.txt"}
        assert "blocked.txt" in failed and len(killed) == 1, failed
        assert "SIGKILL" in failed[killed.pop()]
        assert window.banner.text.text().startswith("Finished with failures.")
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert len(ticks) > 50 and max(gaps) < 0.5, max(gaps)
        (dst / "blocked.txt/inside").unlink()
        (dst / "blocked.txt").rmdir()
        with qtbot.waitSignal(window.bridge.finished, timeout=60_000) as again:
            window.start_button.click()
        assert again.args[0].files_failed == 0
        assert snapshot(dst) == snapshot(src)
        assert temp_files(dst) == []
    finally:
        timer.stop()
        window.bridge.shutdown()
