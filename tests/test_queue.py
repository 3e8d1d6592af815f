"""`engine run --queue`: a job onto a disk another job is writing to waits for it, listed as
queued, then starts; onto another disk it starts at once; cancelled while it waits, it
writes nothing. Real CLI jobs, real file systems."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from helpers import Launch, Running, json_events, run_engine, tmpfs, wait_for, write_tree

from engine.system import disk_of

KiB = 1024


def state_of(running: Running) -> str | None:
    for line in run_engine("jobs", "--json").stdout.splitlines():
        entry = json.loads(line)
        if entry["pid"] == running.proc.pid:
            return str(entry["state"])
    return None


def writer(launch: Launch, src: Path, dst: Path) -> Running:
    """A job writing to `dst` for a few seconds."""
    write_tree(src, {f"f{i}.bin": os.urandom(128 * KiB) for i in range(6)})
    running = launch("run", src, dst, "-w", "1", "--bwlimit", "256K", "--json")
    wait_for(lambda: state_of(running) is not None, "the first job to register", timeout=20)
    return running


def small_source(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "second", {"a.txt": "alpha", "sub/b.txt": "bravo"})


def test_a_queued_job_onto_the_same_disk_waits_for_the_running_one(
    launch: Launch, tmp_path: Path, src: Path, dst: Path
) -> None:
    first = writer(launch, src, dst)
    later = tmp_path / "later"
    assert disk_of(later) == disk_of(dst)

    second = launch("run", small_source(tmp_path), later, "--queue", "--json")

    wait_for(lambda: state_of(second) == "queued", "the second job to be listed as queued")
    while first.proc.poll() is None:
        assert not later.exists(), "the queued job wrote while the first was writing"
        time.sleep(0.05)
    assert first.finish()[0] == 0
    code, out, stderr = second.finish()
    assert code == 0, stderr
    assert (later / "sub" / "b.txt").read_text() == "bravo"
    said = [e["message"] for e in json_events(out) if e["event"] == "log"]
    assert any(message.startswith("queued: waiting for job") for message in said), said


def test_a_queued_job_onto_another_disk_starts_at_once(
    launch: Launch, tmp_path: Path, src: Path, dst: Path
) -> None:
    first = writer(launch, src, dst)
    with tmpfs(tmp_path / "other", "4m") as other:
        assert disk_of(other) != disk_of(dst)

        code, _, stderr = launch("run", small_source(tmp_path), other / "t", "--queue").finish()

        assert code == 0, stderr
        assert first.proc.poll() is None, "the first job ended before the test could look"
        assert (other / "t" / "a.txt").read_text() == "alpha"
    run_engine("cancel", str(first.proc.pid))
    first.finish()


def test_a_job_cancelled_while_queued_writes_nothing(
    launch: Launch, tmp_path: Path, src: Path, dst: Path
) -> None:
    first = writer(launch, src, dst)
    later = tmp_path / "later"
    second = launch("run", small_source(tmp_path), later, "--queue", "--json")
    wait_for(lambda: state_of(second) == "queued", "the second job to be queued")

    assert run_engine("cancel", str(second.proc.pid)).returncode == 0

    code, out, _ = second.finish()
    assert code == 130
    assert not later.exists()
    assert json_events(out)[-1]["cancelled"] is True
    assert first.proc.poll() is None, "cancelling the queued job touched the running one"
    run_engine("cancel", str(first.proc.pid))
    first.finish()


def test_queued_jobs_start_in_the_order_they_were_queued(
    launch: Launch, tmp_path: Path, src: Path, dst: Path
) -> None:
    first = writer(launch, src, dst)
    second = launch("run", src, tmp_path / "second-copy", "-w", "1", "--bwlimit", "512K", "--queue")
    wait_for(lambda: state_of(second) == "queued", "the second job to be queued")
    third = launch("run", small_source(tmp_path), tmp_path / "third-copy", "--queue")
    wait_for(lambda: state_of(third) == "queued", "the third job to be queued")

    assert first.finish()[0] == 0
    wait_for(lambda: state_of(second) in ("scanning", "running"), "the second job to start")
    assert state_of(third) == "queued"
    assert second.finish()[0] == 0
    assert third.finish()[0] == 0
