"""Stopping a running `engine run` from outside: Ctrl-C, SIGTERM and SIGKILL.

Whatever stops it, no half-written file may remain in the target (only complete files under
their final names) and no worker process may outlive the job.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from helpers import (
    ENGINE,
    Launch,
    alive,
    assert_only_complete_copies,
    run_engine,
    summary_of,
    temp_files,
    wait_for,
    write_tree,
)

SLOW = ("-w", "2", "--bwlimit", "1M", "--json")
FILES = 6
FILE_BYTES = 1 << 20
SIGNAL_EXIT_S = 5.0


def slow_tree(src: Path) -> Path:
    """Six 1 MiB files: at 1 MiB/s per worker on two workers, about three seconds of copying."""
    return write_tree(src, {f"f{i}.bin": os.urandom(FILE_BYTES) for i in range(FILES)})


def final_files(target: Path) -> list[Path]:
    """Files under their final names (renamed into place, hence complete)."""
    if not target.exists():
        return []
    return [p for p in target.rglob("*") if p.is_file() and not p.name.startswith(".conveyor-")]


class Jobs:
    """CLIs started in their own session (as a shell starts a job), and their processes."""

    def __init__(self, options: tuple[str, ...]) -> None:
        self.options = options
        self.started: list[subprocess.Popen[str]] = []
        self.processes: list[psutil.Process] = []

    def start(self, src: Path, dst: Path) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [*ENGINE, "run", *self.options, os.fspath(src), os.fspath(dst), *SLOW],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.started.append(proc)
        return proc

    def processes_once_copying(
        self, proc: subprocess.Popen[str], dst: Path
    ) -> list[psutil.Process]:
        """Wait until a file has been copied, then return the CLI's child processes."""
        wait_for(
            lambda: len(final_files(dst)) >= 1 or proc.poll() is not None,
            "a copied file",
            timeout=30,
        )
        assert proc.poll() is None, "the job ended before it could be interrupted"
        children = psutil.Process(proc.pid).children(recursive=True)
        self.processes += children
        assert len(children) >= 2, "expected at least the two workers"
        return children

    def clean_up(self) -> None:
        """Kill whatever a failed test left running, so one failure does not cascade."""
        for proc in self.started:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=30)
        for process in self.processes:
            if alive(process):
                process.kill()


@pytest.fixture(
    params=[pytest.param((), id="local"), pytest.param(("--backend", "dask"), id="dask-here")]
)
def jobs(request: pytest.FixtureRequest) -> Iterator[Jobs]:
    """Jobs on local workers, or on a Dask cluster the CLI starts for itself (its processes
    are the CLI's children too, and must go with it just the same)."""
    started = Jobs(request.param)
    yield started
    started.clean_up()


def assert_target_complete(src: Path, dst: Path) -> None:
    copied = assert_only_complete_copies(src, dst)
    assert 1 <= len(copied) < FILES, "the interrupt came too late to test anything"


def assert_all_exit(processes: list[psutil.Process], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while (left := [p.pid for p in processes if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert left == [], f"processes still running {timeout_s} s later: {left}"


def stop_and_collect(proc: subprocess.Popen[str], timeout_s: float) -> tuple[float, str, str]:
    """Wait for the stopped CLI; return how long it took and its output."""
    started = time.monotonic()
    stdout, stderr = proc.communicate(timeout=timeout_s + 10)
    return time.monotonic() - started, stdout, stderr


@pytest.mark.parametrize(
    ("signum", "to_group", "exit_status"),
    [
        # What the terminal does on Ctrl-C: SIGINT to every process of the foreground job.
        pytest.param(signal.SIGINT, True, 130, id="ctrl-c-to-group-130"),
        # What `kill PID` does.
        pytest.param(signal.SIGTERM, False, 143, id="sigterm-to-cli-143"),
        # A service manager stopping the job signals every process of it at once.
        pytest.param(signal.SIGTERM, True, 143, id="sigterm-to-group-143"),
    ],
)
def test_a_signal_cancels_cleanly_with_its_exit_status(
    jobs: Jobs, src: Path, dst: Path, signum: signal.Signals, to_group: bool, exit_status: int
) -> None:
    proc = jobs.start(slow_tree(src), dst)
    processes = jobs.processes_once_copying(proc, dst)
    if to_group:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    took, stdout, stderr = stop_and_collect(proc, SIGNAL_EXIT_S)
    assert proc.returncode == exit_status, stderr
    assert took < SIGNAL_EXIT_S
    assert summary_of(stdout)["cancelled"] is True
    assert "Traceback" not in stderr
    assert_target_complete(src, dst)
    assert_all_exit(processes, timeout_s=5)


def test_workers_exit_soon_after_the_cli_is_killed(jobs: Jobs, src: Path, dst: Path) -> None:
    """SIGKILL leaves the CLI no chance to clean up: the workers notice and clean up themselves."""
    proc = jobs.start(slow_tree(src), dst)
    processes = jobs.processes_once_copying(proc, dst)
    workers = [p for p in processes if "resource_tracker" not in " ".join(p.cmdline())]
    assert len(workers) >= 2
    wait_for(lambda: temp_files(dst) != [], "a file being written", timeout=10)
    proc.kill()
    proc.wait(timeout=10)
    assert_all_exit(workers, timeout_s=5)
    for path in final_files(dst):
        assert path.read_bytes() == (src / path.relative_to(dst)).read_bytes(), path
    if jobs.options:
        # Dask ends the workers of a cluster whose parent died at once, without cleanup;
        # their temporary files are strays the next run removes.
        rerun = run_engine("run", *jobs.options, src, dst, "--json")
        assert summary_of(rerun)["files_failed"] == 0, rerun.stderr
    assert_only_complete_copies(src, dst)


def test_sigusr1_prints_a_progress_line_and_the_job_goes_on(
    launch: Launch, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(96 * 1024) for i in range(6)})
    running = launch("run", src, dst, "-w", "1", "--bwlimit", "256K", "--json")
    wait_for(lambda: any(e["event"] == "progress" for e in running.events()), "a progress event")

    os.kill(running.proc.pid, signal.SIGUSR1)
    wait_for(lambda: "engine: progress:" in running.stderr, "the progress line", timeout=5)

    code, stdout, stderr = running.finish()
    assert code == 0, stderr
    assert summary_of(stdout)["files_done"] == 6
    (line,) = [line for line in stderr.splitlines() if line.startswith("engine: progress:")]
    assert re.fullmatch(r"engine: progress: \d+/\d+\+? files, .* ETA .*", line), line
