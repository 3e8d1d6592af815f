"""The engine used as a library: `run`, `start` and the handle's pause, resume, resize, cancel."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest
from helpers import (
    WAIT_S,
    BackendCase,
    MiB,
    assert_only_complete_copies,
    bytes_on_disk,
    snapshot,
    temp_files,
    wait_for,
    worker_statuses,
    write_tree,
)

from engine import (
    EngineError,
    Event,
    FileEvent,
    Job,
    JobError,
    JobFinished,
    JobStarted,
    LogMessage,
    Progress,
    Status,
    Summary,
    parse_stage,
    run,
    start,
)


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        times = process.cpu_times()
        total += times.user + times.system
    return total


def big_files(root: Path, count: int, size: int) -> dict[str, bytes]:
    files = {f"big/f{i:02}.bin": os.urandom(size) for i in range(count)}
    write_tree(root, files)
    return files


def test_run_returns_the_summary_of_the_copy(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "alpha", "sub/b.txt": "beta", "sub/deeper/c.bin": b"\0" * 999})
    summary = run(Job(src, dst, workers=1), on_event=lambda _event: None)
    assert isinstance(summary, Summary)
    assert (summary.files_done, summary.files_skipped, summary.files_failed) == (3, 0, 0)
    assert summary.bytes_done == 5 + 4 + 999
    assert not summary.cancelled
    assert snapshot(dst) == snapshot(src)


def test_run_delivers_job_started_first_and_job_finished_last(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "alpha", "b.txt": "beta"})
    events: list[Event] = []
    summary = run(Job(src, dst, workers=1), on_event=events.append)
    assert isinstance(events[0], JobStarted)
    assert events[0].source == str(src) and events[0].target == str(dst)
    assert events[-1] == JobFinished(summary)
    assert sum(isinstance(e, JobStarted | JobFinished) for e in events) == 2


def test_run_delivers_one_file_event_per_file(src: Path, dst: Path) -> None:
    names = {f"d{i % 3}/f{i}.txt" for i in range(20)}
    write_tree(src, {name: name for name in names})
    events: list[Event] = []
    run(Job(src, dst, workers=2), on_event=events.append)
    files = [e for e in events if isinstance(e, FileEvent)]
    assert sorted(e.path for e in files) == sorted(names)
    assert {e.status for e in files} == {Status.DONE}


def test_start_without_a_callback_yields_events_from_the_handle(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "alpha", "b/c.txt": "gamma"})
    handle = start(Job(src, dst, workers=1))
    events = list(handle.events(poll_s=0.05))
    summary = handle.wait(timeout=WAIT_S)
    assert isinstance(events[0], JobStarted)
    assert events[-1] == JobFinished(summary)
    assert sorted(e.path for e in events if isinstance(e, FileEvent)) == ["a.txt", "b/c.txt"]
    assert any(isinstance(e, Progress) for e in events)


@pytest.mark.parametrize(
    "make_job",
    [
        pytest.param(lambda src, dst: Job(src / "missing", dst), id="missing-source"),
        pytest.param(lambda src, dst: Job(src, src / "inside"), id="target-inside-source"),
        pytest.param(lambda src, dst: Job(src, dst, workers=0), id="no-workers"),
        pytest.param(
            lambda src, dst: Job(src, dst, stages=(parse_stage("copy:bogus=1"),)),
            id="unknown-stage-option",
        ),
    ],
)
def test_start_rejects_an_invalid_job_before_writing_anything(
    src: Path, dst: Path, make_job: Callable[[Path, Path], Job]
) -> None:
    write_tree(src, {"a.txt": "alpha"})
    before = snapshot(src)
    with pytest.raises(JobError):
        start(make_job(src, dst))
    assert not dst.exists()
    assert snapshot(src) == before


def test_wait_raises_the_job_error_when_the_target_cannot_be_created(
    src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "alpha"})
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should go")
    handle = start(Job(src, blocker / "dst", workers=1), on_event=lambda _event: None)
    with pytest.raises(EngineError, match="cannot create target folder"):
        handle.wait(timeout=WAIT_S)


def test_pause_stops_writing_and_idles_workers_until_resumed(
    src: Path, dst: Path, backend: BackendCase
) -> None:
    files = big_files(src, 4, 4 * MiB)
    total = sum(map(len, files.values()))
    events: list[Event] = []
    handle = start(backend.job(src, dst, workers=2, bwlimit=4 * MiB), on_event=events.append)
    try:
        wait_for(lambda: bytes_on_disk(dst) > 0, "the first bytes in the target")
        wait_for(lambda: any(len(s.workers) == 2 for s in worker_statuses(events)), "two workers")
        status = next(s for s in worker_statuses(events) if len(s.workers) == 2)
        workers = [psutil.Process(w.pid) for w in status.workers]
        handle.pause()
        stable: list[int] = []

        def writing_stopped() -> bool:
            stable.append(bytes_on_disk(dst))
            time.sleep(0.2)
            return bytes_on_disk(dst) == stable[-1]

        wait_for(writing_stopped, "writing to stop after pause", timeout=5)
        paused_at, cpu_before = stable[-1], cpu_seconds(workers)
        window_end = time.monotonic() + 1.0
        while time.monotonic() < window_end:
            assert bytes_on_disk(dst) == paused_at, "the target grew while paused"
            time.sleep(0.05)
        assert cpu_seconds(workers) - cpu_before < backend.idle_cpu_s
        assert paused_at < total
        handle.resume()
        summary = handle.wait(timeout=WAIT_S)
    finally:
        handle.cancel()
    assert summary.files_done == 4 and not summary.cancelled
    assert snapshot(dst) == snapshot(src)


def test_progress_says_paused_while_paused(src: Path, dst: Path, backend: BackendCase) -> None:
    big_files(src, 2, 4 * MiB)
    events: list[Event] = []
    handle = start(backend.job(src, dst, workers=2, bwlimit=4 * MiB), on_event=events.append)
    try:
        wait_for(lambda: bytes_on_disk(dst) > 0, "the first bytes in the target")
        handle.pause()
        seen = len(events)
        wait_for(
            lambda: any(isinstance(e, Progress) and e.paused for e in events[seen:]),
            "a paused Progress",
        )
        handle.resume()
        handle.wait(timeout=WAIT_S)
    finally:
        handle.cancel()
    last = [e for e in events if isinstance(e, Progress)][-1]
    assert not last.paused


def cancelled_run(src: Path, dst: Path, backend: BackendCase) -> tuple[Summary, float, list[Event]]:
    """Copy slowly, cancel once bytes are in flight; the summary and how long wait() took."""
    big_files(src, 6, 4 * MiB)
    events: list[Event] = []
    handle = start(backend.job(src, dst, workers=2, bwlimit=4 * MiB), on_event=events.append)
    try:
        wait_for(lambda: temp_files(dst) != [], "a file in flight")
        handle.cancel()
        began = time.monotonic()
        summary = handle.wait(timeout=WAIT_S)
        return summary, time.monotonic() - began, events
    finally:
        handle.cancel()


def test_cancel_ends_the_job_promptly_with_a_cancelled_summary(
    src: Path, dst: Path, backend: BackendCase
) -> None:
    summary, waited, events = cancelled_run(src, dst, backend)
    assert summary.cancelled
    assert waited < 3.0
    assert summary.files_done < 6
    assert events[-1] == JobFinished(summary)


def test_cancel_leaves_no_temp_files_and_only_complete_files(
    src: Path, dst: Path, backend: BackendCase
) -> None:
    cancelled_run(src, dst, backend)
    assert_only_complete_copies(src, dst)


def test_cancel_logs_no_errors(src: Path, dst: Path, backend: BackendCase) -> None:
    """Cancelling is the user's choice: workers stopping for it are not failures."""
    summary, _waited, events = cancelled_run(src, dst, backend)
    errors = [e for e in events if isinstance(e, LogMessage) and e.level == "error"]
    assert errors == []
    assert summary.failures == ()


def test_set_workers_grows_and_shrinks_the_pool_mid_run(
    src: Path, dst: Path, backend: BackendCase
) -> None:
    # Files of 8 MiB travel alone, so a worker told to stop drains at most two of them.
    big_files(src, 8, 8 * MiB)
    events: list[Event] = []
    handle = start(backend.job(src, dst, workers=1, bwlimit=16 * MiB), on_event=events.append)
    try:
        wait_for(
            lambda: any(len(s.workers) == 1 for s in worker_statuses(events)), "the one-worker pool"
        )
        handle.set_workers(2)
        wait_for(
            lambda: any(len({w.pid for w in s.workers}) == 2 for s in worker_statuses(events)),
            "the pool to grow to two workers",
        )
        grown = next(s for s in worker_statuses(events) if len(s.workers) == 2)
        pids = {w.pid for w in grown.workers}
        seen = len(events)
        handle.set_workers(1)
        wait_for(
            lambda: any(len(s.workers) == 1 for s in worker_statuses(events[seen:])),
            "the pool to shrink to one worker",
        )
        shrunk = next(s for s in worker_statuses(events[seen:]) if len(s.workers) == 1)
        assert shrunk.workers[0].pid in pids
        assert handle.running, "the job ended before the pool shrank; the test proves nothing"
        summary = handle.wait(timeout=WAIT_S)
    finally:
        handle.cancel()
    assert (summary.files_done, summary.files_failed) == (8, 0)
    assert not [e for e in events if isinstance(e, LogMessage) and e.level == "error"]
    assert snapshot(dst) == snapshot(src)
