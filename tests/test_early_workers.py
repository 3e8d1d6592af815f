"""Workers started before their job: `engine run` into a new target starts them first.

Only once the whole job is checked: a job refused by its check starts none. They import the
engine while the coordinator does; the local executor adopts them when the job starts, and a
job that never starts (refused later, or not local) leaves none behind.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import ENGINE, alive, copied_files, worker_processes, worker_statuses, write_tree

from engine import Job
from engine.cli import main as cli_main
from engine.cli.main import start_workers_early
from engine.cli.parser import EXIT_USAGE, build_parser
from engine.cli.run import checked_job
from engine.events import Event
from engine.executor.launch import EarlyWorkers
from engine.executor.local import LocalExecutor
from engine.handle import JobHandle


def early_for(line: str) -> EarlyWorkers | None:
    """What `engine run` starts early for this command line, once its job passed the check."""
    args = build_parser().parse_args(shlex.split(line))
    return start_workers_early(args, checked_job(args))


def test_a_run_into_a_new_target_starts_its_workers_before_the_job(src: Path, dst: Path) -> None:
    early = early_for(f"run {src} {dst} -w 2")
    try:
        assert early is not None
        assert len(worker_processes()) == 2
    finally:
        if early is not None:
            early.close()
    assert worker_processes() == []


@pytest.mark.parametrize(
    "options",
    [
        pytest.param("-n", id="dry-run"),
        pytest.param("--backend dask", id="dask"),
        pytest.param("--scheduler tcp://127.0.0.1:1", id="scheduler"),
    ],
)
def test_no_worker_starts_early_for_a_run_that_may_not_use_local_workers(
    src: Path, dst: Path, options: str
) -> None:
    assert early_for(f"run {src} {dst} {options}") is None
    assert worker_processes() == []


def test_no_worker_starts_early_for_an_existing_target_which_may_be_complete(
    src: Path, dst: Path
) -> None:
    dst.mkdir()
    assert early_for(f"run {src} {dst}") is None


def test_no_worker_starts_early_for_a_job_file(src: Path, dst: Path, tmp_path: Path) -> None:
    job = tmp_path / "job.toml"
    job.write_text(f"source = {json.dumps(str(src))}\ntarget = {json.dumps(str(dst))}\n")
    assert early_for(f"run --job {job}") is None


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("{src} {dst} -w 0", id="no-workers"),
        pytest.param("{src} {dst} -w 300", id="too-many-workers"),
        pytest.param("{src} {src}/inner -w 300", id="too-many-into-the-source"),
        pytest.param("{src} {dst} --retries -1", id="negative-retries"),
        pytest.param("{src}/missing {dst}", id="missing-source"),
    ],
)
def test_a_job_refused_by_its_check_starts_no_worker(
    src: Path, dst: Path, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`main` checks the job before `start_workers_early` may run: count every start."""
    started: list[int] = []
    monkeypatch.setattr(cli_main, "EarlyWorkers", started.append)
    status = cli_main.main(["run", *shlex.split(line.format(src=src, dst=dst))])
    assert status == EXIT_USAGE
    assert started == []
    assert worker_processes() == []
    assert not dst.exists()
    assert not (src / "inner").exists()


def test_early_workers_that_no_job_takes_end_when_closed() -> None:
    early = EarlyWorkers(2)
    processes = worker_processes()
    assert len(processes) == 2
    early.close()
    assert [p.pid for p in processes if alive(p)] == []
    assert worker_processes() == []


def test_a_job_runs_on_the_workers_started_early(src: Path, dst: Path) -> None:
    write_tree(src, {f"d{n}/f{i}.txt": f"{n}-{i}" for n in range(4) for i in range(30)})
    early = EarlyWorkers(2)
    started = {p.pid for p in worker_processes()}
    events: list[Event] = []
    summary = JobHandle(Job(src, dst, workers=2), events.append, LocalExecutor(early=early)).wait()
    early.close()
    assert summary.files_done == 120
    assert copied_files(dst) == copied_files(src)
    used = {w.pid for status in worker_statuses(events) for w in status.workers}
    assert used and used <= started


def test_early_workers_beyond_what_the_job_wants_are_stopped(src: Path, dst: Path) -> None:
    write_tree(src, {f"f{i}.txt": str(i) for i in range(50)})
    early = EarlyWorkers(3)
    events: list[Event] = []
    summary = JobHandle(Job(src, dst, workers=1), events.append, LocalExecutor(early=early)).wait()
    assert summary.files_done == 50
    assert worker_processes() == []
    busy = [w for status in worker_statuses(events) for w in status.workers if w.current]
    assert len({w.pid for w in busy}) <= 1


ADOPTER = textwrap.dedent(
    """
    import ctypes, subprocess, sys
    import psutil

    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    left = [
        p
        for p in psutil.Process().children()
        if p.status() != psutil.STATUS_ZOMBIE and "spawn_main" in " ".join(p.cmdline())
    ]
    print(code, len(left))
    """
)


def test_a_refused_job_ends_its_early_workers_before_the_command_exits(
    src: Path, dst: Path
) -> None:
    """Run under a subreaper, so that a worker outliving `engine` would be found (not the
    resource tracker: multiprocessing's, it ends by itself once its last client is gone)."""
    write_tree(src, {"a.txt": "a"})
    result = subprocess.run(
        [sys.executable, "-c", ADOPTER, *ENGINE, "run", src, dst, "--if-exists", "bogus"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == ["2", "0"]
    assert not dst.exists()
