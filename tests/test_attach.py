"""`engine attach JOB`: the live display of a job started elsewhere, fed by the job's own
events over its control socket; Ctrl-C detaches and the job goes on."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from helpers import ENGINE, Launch, Running, Terminal, run_engine, wait_for, write_tree

from engine import registry

KiB = 1024


def slow_job(launch: Launch, src: Path, dst: Path, files: int = 10) -> tuple[Running, str]:
    write_tree(src, {f"f{i}.bin": os.urandom(128 * KiB) for i in range(files)})
    running = launch("run", src, dst, "-w", "2", "--bwlimit", "128K", "--json")

    def registered() -> registry.Entry | None:
        return next((e for e in registry.entries() if e.pid == running.proc.pid), None)

    wait_for(lambda: registered() is not None, "the job to register", timeout=20)
    entry = registered()
    assert entry is not None
    return running, entry.id


def test_attach_shows_the_bar_and_a_top_like_row_per_worker_process(
    launch: Launch, src: Path, dst: Path
) -> None:
    running, job = slow_job(launch, src, dst)
    workers = {str(p.pid) for p in running.collect_children()}
    terminal = Terminal([*ENGINE, "attach", job])
    try:
        drawn = terminal.read_until(r"Copied 10 files").string
        _, status = os.waitpid(terminal.pid, 0)
    finally:
        terminal.close()

    assert os.waitstatus_to_exitcode(status) == 0
    assert re.search(r"PID\s+S\s+CPU%\s+MEM\s+FILE", drawn)
    rows = re.findall(r"^\s*(\d+)\s+([RSDTZI])\s+\d+\s+[\d.]+ [kMG]?B\s+(f\d\.bin)", drawn, re.M)
    assert rows, drawn
    assert {pid for pid, _, _ in rows} <= workers
    assert running.finish()[0] == 0


def test_ctrl_c_detaches_and_the_job_goes_on(launch: Launch, src: Path, dst: Path) -> None:
    running, job = slow_job(launch, src, dst)
    terminal = Terminal([*ENGINE, "attach", job])
    try:
        terminal.read_until(r"files, ")

        terminal.type("\x03")

        terminal.read_until(rf"detached from job {re.escape(job)}; it goes on")
        _, status = os.waitpid(terminal.pid, 0)
    finally:
        terminal.close()
    assert os.waitstatus_to_exitcode(status) == 0
    assert running.proc.poll() is None, "detaching stopped the job"
    code, _, stderr = running.finish()
    assert code == 0, stderr
    assert len(list(dst.iterdir())) == 10


def test_attach_ends_with_the_jobs_summary_and_exit_status(
    launch: Launch, src: Path, dst: Path
) -> None:
    running, job = slow_job(launch, src, dst)
    watcher = subprocess.Popen(
        [*ENGINE, "attach", job, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert watcher.stdout is not None
    first = json.loads(watcher.stdout.readline())

    assert run_engine("cancel", job).returncode == 0

    out, _ = watcher.communicate(timeout=30)
    last = json.loads(out.splitlines()[-1])
    assert first["event"] == "start"
    assert (last["event"], last["cancelled"]) == ("summary", True)
    assert watcher.returncode == 130
    assert running.finish()[0] == 130


def test_attach_sees_what_the_job_tells_its_own_display(
    launch: Launch, src: Path, dst: Path
) -> None:
    running, job = slow_job(launch, src, dst, files=4)
    watched = run_engine("attach", job, "--json")
    code, own, _ = running.finish()

    kinds = [json.loads(line)["event"] for line in watched.stdout.splitlines()]
    own_summary = json.loads(own.splitlines()[-1])
    assert code == watched.returncode == 0
    assert kinds[0] == "start" and "progress" in kinds and kinds[-1] == "summary"
    assert json.loads(watched.stdout.splitlines()[-1]) == own_summary


def test_attaching_to_no_such_job_is_a_usage_error() -> None:
    result = run_engine("attach", "424242")

    assert result.returncode == 2
    assert "no running job '424242'" in result.stderr
