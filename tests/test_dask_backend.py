"""What only the Dask backend has: its options, its checks of the cluster, a cluster of its own.

Everything a job does on either backend is specified once, in the modules that run on both
(`pytest.mark.usefixtures("backend")`); this file holds the rest.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import (
    CLI_TIMEOUT_S,
    ENGINE,
    assert_usage_error,
    dask_cluster,
    json_events,
    run_engine,
    snapshot,
    summary_of,
    write_tree,
)

from engine import Job, JobError
from engine.command_line import command_line
from engine.job import Backend, dump_job_file, load_job_file

TREE = {"a.txt": "alpha", "sub/b.txt": "beta", "sub/deeper/c.bin": os.urandom(70_000)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def cluster_without(hidden: Path) -> Iterator[str]:
    """A cluster of one worker that runs in a mount namespace where an empty tmpfs covers
    `hidden` (with an empty `dst` folder in it), as a machine without the shared storage
    would see it."""
    if subprocess.run(["unshare", "-m", "true"], check=False).returncode != 0:
        pytest.skip("cannot make a mount namespace here (needs root and unshare)")
    mount = f"mount -t tmpfs none '{hidden}' && mkdir -p '{hidden}/dst' && exec \"$@\""
    prefix = ["unshare", "-m", "--propagation", "private", "sh", "-c", mount, "_"]
    with dask_cluster(workers=1, prefix=prefix) as address:
        yield address


def test_backend_dask_alone_copies_on_a_cluster_of_its_own(src: Path, dst: Path) -> None:
    write_tree(src, TREE)
    result = run_engine("run", "--backend", "dask", "-w", "2", src, dst, "--json")
    assert result.returncode == 0, result.stderr
    assert snapshot(dst) == snapshot(src)
    statuses = [e["workers"] for e in json_events(result) if e["event"] == "workers"]
    assert any(len(workers) == 2 for workers in statuses)
    assert all(w["host"] == "" for workers in statuses for w in workers)


def test_a_scheduler_alone_means_the_dask_backend_on_all_its_workers(
    src: Path, dst: Path, dask_scheduler: str
) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(300_000) for i in range(12)})
    result = run_engine("run", "--scheduler", dask_scheduler, src, dst, "--json")
    assert result.returncode == 0, result.stderr
    assert snapshot(dst) == snapshot(src)
    pids = {w["pid"] for e in json_events(result) if e["event"] == "workers" for w in e["workers"]}
    assert len(pids) == 2
    assert summary_of(result)["files_done"] == 12


def test_an_unreachable_scheduler_exits_2_and_writes_nothing(src: Path, dst: Path) -> None:
    write_tree(src, TREE)
    address = f"tcp://127.0.0.1:{free_port()}"
    result = run_engine("run", "--scheduler", address, src, dst)
    assert_usage_error(result, f"cannot reach the Dask scheduler at {address}")
    assert not dst.exists()


@pytest.mark.parametrize(
    ("options", "hint"),
    [
        (("--scheduler", "127.0.0.1:8786"), "is not a Dask address; write it like tcp://host:8786"),
        (("--backend", "local", "--scheduler", "tcp://h:1"), "needs the dask backend"),
        (("--backend", "spark"), "backend must be one of local, dask, not 'spark'"),
        (("--backend", "local", "-w", "0"), "workers must be at least 1"),
    ],
    ids=["address-without-scheme", "scheduler-with-local", "unknown-backend", "zero-workers-here"],
)
def test_a_bad_backend_choice_exits_2_with_a_one_line_error(
    src: Path, dst: Path, options: tuple[str, ...], hint: str
) -> None:
    write_tree(src, TREE)
    assert_usage_error(run_engine("run", *options, src, dst), hint)
    assert not dst.exists()


def test_without_the_dask_extra_the_error_names_the_extra(src: Path, dst: Path) -> None:
    """The extra is optional: a Python without `distributed` (blocked here) is told what to
    install, before anything is written."""
    write_tree(src, TREE)
    blocked = (
        "import sys; sys.modules['distributed'] = None; "
        "from engine.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocked, "run", "--backend", "dask", os.fspath(src), os.fspath(dst)],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
        check=False,
    )
    assert_usage_error(result, "pip install 'conveyor[dask]'")
    assert not dst.exists()


def test_a_worker_that_does_not_see_the_source_stops_the_job_before_anything_is_written(
    tmp_path: Path,
) -> None:
    source, target = tmp_path / "shared" / "src", tmp_path / "out" / "dst"
    write_tree(source, TREE)
    target.parent.mkdir()
    with cluster_without(source.parent) as address:
        result = run_engine("run", "--scheduler", address, source, target)
    assert_usage_error(result, f"does not see the source folder '{source}'")
    assert "at the same paths" in result.stderr
    assert not target.exists()


def test_a_worker_that_sees_another_target_folder_stops_the_job(tmp_path: Path) -> None:
    """The target exists on the worker too, but it is not the same folder: a probe file the
    engine writes into the target is not there."""
    source, target = tmp_path / "src", tmp_path / "out" / "dst"
    write_tree(source, TREE)
    target.mkdir(parents=True)
    with cluster_without(target.parent) as address:
        result = run_engine("run", "--scheduler", address, source, target)
    assert_usage_error(result, f"does not see the target folder '{target}'")
    assert list(target.iterdir()) == []


def test_backend_and_scheduler_round_trip_through_a_job_file(tmp_path: Path) -> None:
    job = Job(tmp_path / "src", tmp_path / "dst", backend=Backend.DASK, scheduler="tcp://h:8786")
    path = tmp_path / "job.toml"
    path.write_text(dump_job_file(job))
    values = load_job_file(path)
    assert (values["backend"], values["scheduler"]) == (Backend.DASK, "tcp://h:8786")


def test_a_job_file_with_an_unknown_backend_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "job.toml"
    path.write_text('source = "a"\ntarget = "b"\nbackend = "ray"\n')
    with pytest.raises(JobError, match="backend must be one of local, dask, not 'ray'"):
        load_job_file(path)


def test_the_command_line_of_a_dask_job_names_backend_and_scheduler(tmp_path: Path) -> None:
    job = Job(tmp_path / "s", tmp_path / "d", backend=Backend.DASK, scheduler="tcp://h:8786")
    assert "--backend dask --scheduler tcp://h:8786" in command_line(job)


def test_engine_run_help_documents_the_backend_options() -> None:
    result = subprocess.run(
        [*ENGINE, "run", "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    assert "--backend NAME" in result.stdout and "--scheduler ADDRESS" in result.stdout
