"""Running jobs seen and steered from another process of the same user (`engine jobs`,
`pause`, `resume`, `workers`, `cancel`), and from nobody else's. Real CLI jobs, real sockets,
a real second user."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from pathlib import Path

import psutil
import pytest
from helpers import Launch, Running, run_engine, temp_files, wait_for, write_tree

from engine.registry import runtime_folder

KiB = 1024


def slow_job(launch: Launch, src: Path, dst: Path) -> Running:
    write_tree(src, {f"f{i}.bin": os.urandom(128 * KiB) for i in range(10)})
    running = launch("run", src, dst, "-w", "1", "--bwlimit", "256K", "--json")
    wait_for(lambda: listed(running.proc.pid) is not None, "the job to register", timeout=20)
    return running


def listed(pid: int) -> dict[str, object] | None:
    result = run_engine("jobs", "--json")
    for line in result.stdout.splitlines():
        entry = json.loads(line)
        if entry["pid"] == pid:
            return entry
    return None


def test_a_running_job_is_listed_from_another_process(launch: Launch, src: Path, dst: Path) -> None:
    running = slow_job(launch, src, dst)

    entry = listed(running.proc.pid)

    assert entry is not None
    assert (entry["source"], entry["target"]) == (str(src), str(dst))
    assert entry["state"] in ("running", "scanning")
    run_engine("cancel", str(running.proc.pid))
    running.finish()


def test_pause_stops_the_copying_and_resume_goes_on(launch: Launch, src: Path, dst: Path) -> None:
    running = slow_job(launch, src, dst)

    assert run_engine("pause", str(running.proc.pid)).returncode == 0
    time.sleep(0.5)
    assert (listed(running.proc.pid) or {})["state"] == "paused"
    workers = running.collect_children()
    before = sum(p.cpu_times().user + p.cpu_times().system for p in workers if p.is_running())
    sizes = sum(path.stat().st_size for path in dst.rglob("*") if path.is_file())
    time.sleep(1.0)
    after = sum(p.cpu_times().user + p.cpu_times().system for p in workers if p.is_running())
    assert sum(path.stat().st_size for path in dst.rglob("*") if path.is_file()) == sizes
    assert after - before < 0.2

    assert run_engine("resume", str(running.proc.pid)).returncode == 0
    code, _, stderr = running.finish()
    assert code == 0, stderr
    assert len(list(dst.glob("*.bin"))) == 10


def test_workers_resizes_the_pool(launch: Launch, src: Path, dst: Path) -> None:
    running = slow_job(launch, src, dst)
    entry = listed(running.proc.pid)
    assert entry is not None

    assert run_engine("workers", str(entry["id"]), "2").returncode == 0

    wait_for(lambda: (listed(running.proc.pid) or {}).get("workers") == 2, "two workers")
    run_engine("cancel", str(running.proc.pid))
    running.finish()


def test_cancel_from_another_terminal_is_a_clean_cancel(
    launch: Launch, src: Path, dst: Path
) -> None:
    running = slow_job(launch, src, dst)
    children = running.collect_children()

    assert run_engine("cancel", str(running.proc.pid)).returncode == 0

    code, _, _ = running.finish()
    assert code == 130
    assert temp_files(dst) == []
    _, alive = psutil.wait_procs(children, timeout=10)  # workers end moments after
    assert alive == []
    assert listed(running.proc.pid) is None


def test_an_unknown_job_is_a_usage_error() -> None:
    result = run_engine("pause", "999999")

    assert result.returncode == 2
    assert "no running job '999999'" in result.stderr


def test_an_entry_of_a_process_that_is_gone_is_cleaned_up() -> None:
    folder = runtime_folder()
    stale = folder / "1.1.json"
    stale.write_text(
        json.dumps({"id": "1.1", "pid": 1, "started": 0.0, "source": "/a", "target": "/b"})
    )

    assert run_engine("jobs").stdout == ""
    assert not stale.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="becoming another user needs root")
@pytest.mark.parametrize("op", ["cancel", "watch"])
def test_another_user_can_neither_reach_nor_steer_nor_watch_the_job(
    launch: Launch, src: Path, dst: Path, op: str
) -> None:
    running = slow_job(launch, src, dst)
    entry = listed(running.proc.pid)
    assert entry is not None
    folder = runtime_folder()
    sock = folder / f"{entry['id']}.sock"

    def as_other_user() -> bytes:
        """Connect as uid 1234 from a forked child; what the job answered, or the error.
        The child holds the folder open from before it changed user, so the folders above
        it (private test folders) are no obstacle: only the folder and the socket are."""
        reader, writer = os.pipe()
        child = os.fork()
        if child == 0:
            try:
                held = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
                os.setgid(1234)
                os.setuid(1234)
                with socket.socket(socket.AF_UNIX) as client:
                    client.connect(f"/proc/self/fd/{held}/{sock.name}")
                    with contextlib.suppress(BrokenPipeError):  # turned away before it read
                        client.sendall(json.dumps({"op": op}).encode() + b"\n")
                    os.write(writer, client.recv(4096) or b"closed")
            except OSError as exc:
                os.write(writer, type(exc).__name__.encode())
            finally:
                os._exit(0)
        os.close(writer)
        os.waitpid(child, 0)
        with os.fdopen(reader, "rb") as answer:
            return answer.read()

    assert as_other_user() == b"PermissionError"
    os.chmod(folder, 0o755)  # even let through the folder and the socket ...
    os.chmod(sock, 0o666)
    try:
        answer = as_other_user()
    finally:
        os.chmod(folder, 0o700)
    assert b"not your job" in answer  # ... the job checks who is asking
    assert running.proc.poll() is None, "another user's request cancelled the job"
    run_engine("cancel", str(running.proc.pid))
    running.finish()
