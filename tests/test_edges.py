"""Safety at the edges: folders known by identity, roots held for the whole run, nothing
written into the source or outside the target, nothing read outside the source, and no
hang on a stuck worker. Each fault is caused for real: bind mounts, folders swapped for
symlinks mid-run, stopped worker processes, refused processes, live jobs side by side."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
from helpers import (
    Launch,
    Running,
    assert_usage_error,
    bind,
    file_events,
    final_files,
    json_events,
    logs,
    run_engine,
    snapshot,
    summary_of,
    temp_files,
    wait_for,
    write_tree,
)

from engine import Job, LogMessage, WorkerStatus
from engine.events import Event
from engine.executor.local import LocalExecutor
from engine.handle import JobHandle
from engine.temps import process_token, temp_name

KiB = 1 << 10
MiB = 1 << 20


def progress_seen(running: Running, done: int) -> bool:
    """At least `done` files finished (or the job ended)."""
    finished = [e for e in running.events() if e["event"] == "file"]
    return len(finished) >= done or running.proc.poll() is not None


# 1. A source inside the target


def test_a_source_inside_the_target_whose_outputs_would_land_in_it_is_refused(
    tmp_path: Path,
) -> None:
    target = tmp_path / "T"
    write_tree(target, {"src/a.txt": "the source's own file", "src/src/a.txt": "nested"})
    before = snapshot(target)

    result = run_engine("run", target / "src", target)

    assert_usage_error(result, "inside the target")
    assert "'src/a.txt' would be written into the source" in result.stderr
    assert snapshot(target) == before


def test_a_source_inside_the_target_is_copied_when_no_output_lands_in_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "T"
    write_tree(target, {"inbox/a.txt": "a", "inbox/sub/b.txt": "b"})
    source_before = snapshot(target / "inbox")

    result = run_engine("run", target / "inbox", target, "--json")

    assert result.returncode == 0, result.stderr
    assert (target / "a.txt").read_text() == "a"
    assert (target / "sub/b.txt").read_text() == "b"
    assert snapshot(target / "inbox") == source_before


# 2. Folders compared by identity, not by path


def test_the_same_folder_through_a_bind_mount_is_refused(src: Path, tmp_path: Path) -> None:
    write_tree(src, {"a.txt": "abc"})
    with bind(src, tmp_path / "mirror") as mirror:
        stage = 'exec:cmd="tr a-z A-Z"'
        result = run_engine("run", src, mirror, "--stage", stage)
    assert_usage_error(result, "target folder is the source folder")
    assert (src / "a.txt").read_text() == "abc"


def test_a_target_inside_the_source_through_a_bind_mount_is_refused(
    src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "abc"})
    with bind(src, tmp_path / "view") as view:
        started = time.monotonic()
        result = run_engine("run", src, view / "out")
        assert_usage_error(result, "inside the source folder")
        assert time.monotonic() - started < 10
    assert sorted(p.name for p in src.iterdir()) == ["a.txt"]


def test_a_mount_of_the_target_inside_the_source_is_not_walked(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "abc"})
    dst.mkdir()
    with bind(dst, src / "mirror"):
        result = run_engine("run", src, dst, "--json")
    assert result.returncode == 0, result.stderr
    mirror = file_events(result)["mirror"]
    assert mirror["status"] == "skipped"
    assert "target folder itself" in mirror["reason"]
    assert sorted(p.name for p in dst.iterdir()) == ["a.txt"]


def test_a_followed_link_to_the_target_is_not_walked(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "abc"})
    dst.mkdir()
    os.symlink(dst, src / "to-target")

    result = run_engine("run", src, dst, "--follow-symlinks", "--json")

    assert result.returncode == 0, result.stderr
    link = file_events(result)["to-target"]
    assert link["status"] == "skipped"
    assert "target folder itself" in link["reason"]
    assert sorted(p.name for p in dst.iterdir()) == ["a.txt"]


# 3. The target root swapped mid-run


SLOW = ("-w", "1", "--bwlimit", "256K", "--json")
"""One worker at 256 KiB/s: a few 128 KiB files take about half a second each."""


def slow_files(src: Path, count: int = 8, size: int = 128 * KiB) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(size) for i in range(count)})


def test_a_target_swapped_for_a_link_mid_run_stops_the_job_and_nothing_lands_elsewhere(
    launch: Launch, src: Path, tmp_path: Path
) -> None:
    slow_files(src)
    dst, moved, outside = tmp_path / "dst", tmp_path / "dst.orig", tmp_path / "outside"
    outside.mkdir(mode=0o700)
    os.utime(outside, ns=(1_000_000_000, 1_000_000_000))
    outside_before = os.stat(outside)
    running = launch("run", src, dst, *SLOW)
    wait_for(lambda: progress_seen(running, 1), "a first file done", timeout=20)
    assert running.proc.poll() is None, "the job ended before its target could be swapped"
    dst.rename(moved)
    dst.symlink_to(outside)

    code, stdout, stderr = running.finish()

    assert code == 1, stderr
    assert "target folder" in stderr and "moved or replaced" in stderr
    assert list(outside.iterdir()) == []
    after = os.stat(outside)
    assert (after.st_mode, after.st_mtime_ns) == (
        outside_before.st_mode,
        outside_before.st_mtime_ns,
    )
    summary = summary_of(stdout)
    assert summary["files_done"] + summary["files_failed"] == 8
    assert temp_files(moved) == []
    for name in final_files(moved):
        assert (moved / name).read_bytes() == (src / name).read_bytes()


# 4. A source folder swapped for a symlink after the scan


def test_a_source_folder_swapped_for_a_link_after_the_scan_is_never_read_through(
    launch: Launch, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a/slow.bin": os.urandom(512 * KiB), "b/x.txt": "mine", "b/y.txt": "mine"})
    private = tmp_path / "private"
    write_tree(private, {"x.txt": "SECRET", "y.txt": "SECRET"})
    running = launch("run", src, dst, *SLOW)
    wait_for(lambda: temp_files(dst / "a") != [] or running.proc.poll() is not None, "a/slow")
    assert running.proc.poll() is None, "the job ended before the folder could be swapped"
    shutil.rmtree(src / "b")
    (src / "b").symlink_to(private)

    code, stdout, stderr = running.finish()

    assert code == 1, stderr
    events = file_events(stdout)
    for name in ("b/x.txt", "b/y.txt"):
        assert events[name]["status"] == "failed"
        assert "symbolic link" in events[name]["error"]
        assert not (dst / name).exists()
    assert all(b"SECRET" not in p.read_bytes() for p in dst.rglob("*") if p.is_file())


# 5. The hard-link pass through a swapped target folder


def test_the_hard_link_pass_never_writes_through_a_target_folder_swapped_for_a_link(
    launch: Launch, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a/first.txt": "shared", "c/slow.bin": os.urandom(384 * KiB)})
    (src / "b").mkdir()
    os.link(src / "a/first.txt", src / "b/second.txt")
    outside = tmp_path / "outside"
    write_tree(outside, {"second.txt": "precious"})
    running = launch("run", src, dst, *SLOW, "--hard-links")
    wait_for(lambda: temp_files(dst / "c") != [] or running.proc.poll() is not None, "c/slow")
    assert running.proc.poll() is None, "the job ended before the folder could be swapped"
    (dst / "b").rmdir()
    (dst / "b").symlink_to(outside)

    code, stdout, _stderr = running.finish()

    assert code == 1
    assert file_events(stdout)["b/second.txt"]["status"] == "failed"
    assert (outside / "second.txt").read_text() == "precious"
    assert os.stat(outside / "second.txt").st_nlink == 1
    assert sorted(p.name for p in outside.iterdir()) == ["second.txt"]


# 7. A stuck worker


def cli_workers(running: Running) -> list[psutil.Process]:
    return [p for p in running.collect_children() if "spawn_main" in " ".join(p.cmdline())]


def test_a_stopped_worker_is_ended_at_the_file_timeout_and_the_others_take_its_files(
    launch: Launch, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i:02}.bin": os.urandom(64 * KiB) for i in range(24)})
    running = launch(
        "run", src, dst, "-w", "2", "--bwlimit", "256K", "--file-timeout", "2", "--json"
    )
    wait_for(lambda: progress_seen(running, 2), "two files done", timeout=20)
    workers = cli_workers(running)
    assert len(workers) == 2
    victim = workers[0]
    victim.send_signal(signal.SIGSTOP)

    code, stdout, stderr = running.finish(timeout=60)

    assert not victim.is_running() or victim.status() == psutil.STATUS_ZOMBIE
    events = file_events(stdout)
    assert len(events) == 24
    failed = {p: e["error"] for p, e in events.items() if e["status"] == "failed"}
    assert len(failed) <= 1, failed
    assert all("took longer than 2 s" in error for error in failed.values())
    assert code == (1 if failed else 0), stderr
    for path, event in events.items():
        if event["status"] == "done":
            assert (dst / path).read_bytes() == (src / path).read_bytes()
    assert temp_files(dst) == []


def test_a_stopped_worker_without_a_time_limit_is_reported_stuck_on_its_file(
    src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(64 * KiB) for i in range(6)})
    events: list[Event] = []
    executor = LocalExecutor()
    executor.stall_s = 1.0
    job = Job(src, dst, workers=1, bwlimit=64 * KiB)
    handle = JobHandle(job, events.append, executor)
    wait_for(
        lambda: any(isinstance(e, WorkerStatus) and e.workers[0].current for e in events),
        "a worker on a file",
    )
    busy = next(e for e in events if isinstance(e, WorkerStatus) and e.workers[0].current)
    worker = psutil.Process(busy.workers[0].pid)
    worker.send_signal(signal.SIGSTOP)
    try:
        wait_for(
            lambda: any(isinstance(e, LogMessage) and "no progress" in e.message for e in events),
            "a stuck worker reported",
        )
        stuck = next(e for e in events if isinstance(e, LogMessage) and "no progress" in e.message)
        assert stuck.level == "warning"
        assert str(worker.pid) in stuck.message and "stopped" in stuck.message
        assert stuck.path.startswith("f") and stuck.path.endswith(".bin")
        wait_for(
            lambda: any(
                isinstance(e, WorkerStatus) and e.workers and e.workers[0].stuck_s >= 1
                for e in events
            ),
            "the worker shown stuck in the pool's status",
        )
    finally:
        worker.send_signal(signal.SIGCONT)
    summary = handle.wait(timeout=60)
    assert summary.files_done == 6
    assert any(isinstance(e, LogMessage) and "moving again" in e.message for e in events)


# 8. Refused processes


def limit_open_files(count: int) -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))


def test_no_worker_process_can_start_is_one_sentence_and_a_summary(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})

    # Enough descriptors for the roots, the lock, the history and the control socket, too few
    # for a worker's pipes.
    result = run_engine("run", src, dst, "-w", "2", preexec_fn=lambda: limit_open_files(15))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "engine: error: cannot start a worker process: too many open files" in result.stderr
    assert "Copied 0 files" in result.stdout and "failed 2" in result.stdout


def test_workers_that_exit_at_start_up_end_the_job_with_a_summary(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})
    hook = tmp_path / "hook"
    # Every spawned worker process ends at once, before it can read its job.
    write_tree(
        hook,
        {
            "sitecustomize.py": "import os, sys\n"
            "if '--multiprocessing-fork' in sys.argv:\n    os._exit(3)\n"
        },
    )
    env = {**os.environ, "PYTHONPATH": os.fspath(hook)}

    result = run_engine("run", src, dst, "-w", "2", "--json", env=env)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "keep dying before finishing any file" in result.stderr
    summary = summary_of(result)
    assert summary["files_failed"] == 2
    assert all("not copied" in f["error"] for f in summary["failures"])


# 10. Clean-up removes only our own strays


def test_a_running_jobs_temporary_file_in_a_folder_another_job_writes_is_kept(
    launch: Launch, tmp_path: Path
) -> None:
    inner_src, outer_src, target = tmp_path / "in", tmp_path / "out", tmp_path / "T"
    write_tree(inner_src, {"big.bin": os.urandom(512 * KiB)})
    write_tree(outer_src, {"inner/other.txt": "other"})
    inner = launch("run", inner_src, target / "inner", *SLOW)
    wait_for(lambda: temp_files(target / "inner") != [] or inner.proc.poll() is not None, "a part")
    assert inner.proc.poll() is None
    part = temp_files(target / "inner")[0]

    outer = run_engine("run", outer_src, target, "--json")

    assert outer.returncode == 0, outer.stderr
    assert logs(json_events(outer), "info") == []
    assert part.exists() or (target / "inner/big.bin").exists()
    code, _stdout, stderr = inner.finish()
    assert code == 0, stderr
    assert (target / "inner/big.bin").read_bytes() == (inner_src / "big.bin").read_bytes()


def test_a_users_own_part_file_in_the_target_is_kept(src: Path, dst: Path) -> None:
    write_tree(src, {"sub/a.txt": "a"})
    write_tree(dst, {"sub/.conveyor-draft.part": "my draft", ".conveyor-x.part": "mine"})

    result = run_engine("run", src, dst)

    assert result.returncode == 0, result.stderr
    assert (dst / "sub/.conveyor-draft.part").read_text() == "my draft"
    assert (dst / ".conveyor-x.part").read_text() == "mine"


def test_a_source_file_named_like_a_temporary_file_is_copied_and_never_deleted(
    src: Path, dst: Path
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    name = temp_name(f"{gone.pid}.1", "abc", 0)
    write_tree(src, {name: "looks like ours", f"sub/{name}": "so does this"})

    first = run_engine("run", src, dst, "--json")
    again = run_engine("run", src, dst, "--json")

    assert first.returncode == 0 and again.returncode == 0, again.stderr
    assert (dst / name).read_text() == "looks like ours"
    assert (dst / "sub" / name).read_text() == "so does this"
    assert {e["status"] for e in file_events(again).values()} == {"skipped"}
    assert logs(json_events(again), "info") == []


def test_the_temporary_files_of_a_job_no_longer_running_are_removed(src: Path, dst: Path) -> None:
    write_tree(src, {"sub/a.txt": "a"})
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stray = temp_name(f"{gone.pid}.1", "deadbeef", 3)
    live = temp_name(process_token(), "deadbeef", 4)
    write_tree(dst, {f"sub/{stray}": "half", f"sub/{live}": "still being written"})

    result = run_engine("run", src, dst, "--json")

    assert result.returncode == 0, result.stderr
    assert not (dst / "sub" / stray).exists()
    assert (dst / "sub" / live).read_text() == "still being written"
    assert [e["message"] for e in logs(json_events(result), "info")] == [
        "removed 1 unfinished temporary file(s) of an interrupted run"
    ]


# 11. Rename on a file system without hard links


def test_rename_keeps_both_on_a_file_system_without_hard_links(
    src: Path, case_insensitive_dir: Path
) -> None:
    dst = case_insensitive_dir / "target"
    write_tree(src, {"a.txt": "new"})
    write_tree(dst, {"a.txt": "old"})
    os.utime(dst / "a.txt", (1_000_000_000, 1_000_000_000))  # not within exFAT's rounding

    result = run_engine("run", src, dst, "--if-exists", "rename", "--json")

    assert result.returncode == 0, result.stderr
    assert (dst / "a.txt").read_text() == "old"
    assert (dst / "a (1).txt").read_text() == "new"
    assert temp_files(dst) == []
