"""The speed limit of a running job changed from another terminal (`engine limit`) and from
the library (`JobHandle.set_bwlimit`): real CLI jobs on each backend, their pace measured as
bytes arriving in the target."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import (
    WAIT_S,
    BackendCase,
    Launch,
    MiB,
    Running,
    bytes_on_disk,
    run_engine,
    snapshot,
    wait_for,
    write_tree,
)

from engine import Job, JobError, start

KiB = 1024
WINDOW_S = 1.5
"""How long a pace is measured for."""


def limited_job(launch: Launch, backend: BackendCase, src: Path, dst: Path, limit: str) -> Running:
    """A one-worker CLI job over 32 MiB at `limit`, once it copies and can be steered."""
    write_tree(src, {f"f{i}.bin": os.urandom(8 * MiB) for i in range(4)})
    running = launch("run", *backend.options, src, dst, "-w", "1", "--bwlimit", limit, "--json")
    wait_for(lambda: bytes_on_disk(dst) > 0, "the first bytes in the target", timeout=30)
    return running


def pace(dst: Path) -> float:
    """Bytes per second arriving in the target over the next `WINDOW_S`."""
    before = bytes_on_disk(dst)
    time.sleep(WINDOW_S)
    return (bytes_on_disk(dst) - before) / WINDOW_S


def limit(running: Running, rate: str) -> None:
    result = run_engine("limit", str(running.proc.pid), rate)
    assert (result.returncode, result.stderr) == (0, "")


def finishes_as_a_copy(running: Running, src: Path, dst: Path) -> None:
    limit(running, "none")
    code, _out, err = running.finish()
    assert (code, err) == (0, "")
    assert snapshot(dst) == snapshot(src)


@pytest.mark.parametrize(
    ("first", "then"),
    [(("64K", 64 * KiB), ("8M", 8 * MiB)), (("4M", 4 * MiB), ("64K", 64 * KiB))],
    ids=["raised, it speeds up", "lowered, it slows down"],
)
def test_a_running_job_keeps_to_its_new_limit(
    launch: Launch,
    backend: BackendCase,
    src: Path,
    dst: Path,
    first: tuple[str, int],
    then: tuple[str, int],
) -> None:
    running = limited_job(launch, backend, src, dst, first[0])
    before = pace(dst)
    limit(running, then[0])
    time.sleep(0.5)  # the chunk in flight under the old limit lands
    after = pace(dst)
    assert first[1] / 4 < before < first[1] * 4
    assert then[1] / 4 < after < then[1] * 4
    finishes_as_a_copy(running, src, dst)


def test_limit_none_lifts_the_limit(
    launch: Launch, backend: BackendCase, src: Path, dst: Path
) -> None:
    running = limited_job(launch, backend, src, dst, "64K")
    limit(running, "none")
    code, _out, _err = running.finish(timeout=20)
    assert code == 0
    assert snapshot(dst) == snapshot(src)


def test_a_rate_that_is_not_a_size_is_a_usage_error() -> None:
    result = run_engine("limit", "1", "fast")
    assert result.returncode == 2
    assert "argument RATE: 'fast' is not a size" in result.stderr


def test_the_help_says_the_limit_is_per_worker() -> None:
    assert "per worker" in run_engine("limit", "--help").stdout


def test_set_bwlimit_refuses_a_rate_no_job_could_have(src: Path, dst: Path) -> None:
    write_tree(src, {"a.bin": os.urandom(MiB)})
    handle = start(Job(src, dst, workers=1, bwlimit=256 * KiB))
    try:
        with pytest.raises(JobError, match="bwlimit must not be negative"):
            handle.set_bwlimit(-1)
        handle.set_bwlimit(None)
        summary = handle.wait(timeout=WAIT_S)
    finally:
        handle.cancel()
    assert summary.files_done == 1
