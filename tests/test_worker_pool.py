"""The worker pool: spawned processes, surviving a killed worker, flat memory, batching."""

from __future__ import annotations

import os
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from helpers import (
    WAIT_S,
    BackendCase,
    MiB,
    temp_files,
    wait_for,
    worker_processes,
    worker_statuses,
    write_tree,
)

from engine import (
    Event,
    FileEvent,
    Job,
    JobHandle,
    LogMessage,
    StageSpec,
    Status,
    Summary,
    start,
)
from engine.executor import LocalExecutor, Report
from engine.filters import PathFilter
from engine.records import Batch
from engine.scan import ScanDone, ScanItem, Scanner
from engine.wakeup import Wakeup
from engine.worker.messages import Results


def test_workers_are_started_with_spawn_not_fork(src: Path, dst: Path) -> None:
    write_tree(src, {"a.bin": os.urandom(MiB), "b.bin": os.urandom(MiB)})
    events: list[Event] = []
    handle = start(Job(src, dst, workers=2, bwlimit=MiB), on_event=events.append)
    try:
        wait_for(lambda: any(s.workers for s in worker_statuses(events)), "the worker pool")
        pids = [w.pid for w in worker_statuses(events)[0].workers]
        command_lines = [" ".join(psutil.Process(pid).cmdline()) for pid in pids]
    finally:
        handle.cancel()
        handle.wait(timeout=WAIT_S)
    assert len(pids) == 2
    for command in command_lines:
        assert "multiprocessing.spawn" in command or "from multiprocessing" in command, command


@dataclass
class KilledWorkerRun:
    backend: BackendCase
    source: Path
    target: Path
    names: list[str]
    killed_pid: int
    held: str
    pids_before: set[int]
    summary: Summary
    waited_s: float
    events: list[Event] = field(repr=False)


@pytest.fixture(scope="module")
def killed_worker_run(
    tmp_path_factory: pytest.TempPathFactory, backend: BackendCase
) -> KilledWorkerRun:
    """A slow two-worker copy in which one worker is killed with SIGKILL mid-file, with
    retries off so the held file's fate shows."""
    root = tmp_path_factory.mktemp("killed")
    source, target = root / "src", root / "dst"
    names = [f"f{i}.bin" for i in range(6)]
    write_tree(source, {name: os.urandom(4 * MiB) for name in names})
    events: list[Event] = []
    job = backend.job(source, target, workers=2, bwlimit=4 * MiB, retries=0)
    handle = start(job, on_event=events.append)
    try:
        wait_for(
            lambda: any(w.current for s in worker_statuses(events) for w in s.workers),
            "a worker on a file",
        )
        status = next(s for s in worker_statuses(events) if any(w.current for w in s.workers))
        victim = next(w for w in status.workers if w.current)
        assert victim.current is not None
        os.kill(victim.pid, signal.SIGKILL)
        began = time.monotonic()
        summary = handle.wait(timeout=WAIT_S)
        waited = time.monotonic() - began
    finally:
        handle.cancel()
    return KilledWorkerRun(
        backend,
        source,
        target,
        names,
        victim.pid,
        victim.current,
        {w.pid for w in status.workers},
        summary,
        waited,
        events,
    )


def test_job_finishes_promptly_after_a_worker_is_killed(killed_worker_run: KilledWorkerRun) -> None:
    # Six 4 MiB files at 4 MiB/s per worker take about 3 s on two workers.
    assert killed_worker_run.waited_s < 10.0
    assert not killed_worker_run.summary.cancelled


def test_file_held_by_a_killed_worker_is_reported_failed_naming_the_death(
    killed_worker_run: KilledWorkerRun,
) -> None:
    failures = dict(killed_worker_run.summary.failures)
    assert killed_worker_run.held in failures
    reason = failures[killed_worker_run.held]
    assert "worker process" in reason and killed_worker_run.backend.killed in reason
    assert str(killed_worker_run.killed_pid) in reason


def test_worker_death_is_logged_as_an_error(killed_worker_run: KilledWorkerRun) -> None:
    errors = [
        e for e in killed_worker_run.events if isinstance(e, LogMessage) and e.level == "error"
    ]
    assert any(killed_worker_run.backend.killed in e.message for e in errors)


def test_files_not_held_by_the_killed_worker_are_all_copied(
    killed_worker_run: KilledWorkerRun,
) -> None:
    """Only the file in the dead worker's hands is lost; files queued behind it are not."""
    run = killed_worker_run
    assert [path for path, _reason in run.summary.failures] == [run.held]
    for rel in run.names:
        if rel != run.held:
            assert (run.target / rel).read_bytes() == (run.source / rel).read_bytes(), rel
    assert run.summary.files_done == len(run.names) - 1


def test_a_killed_workers_file_is_retried_on_a_fresh_worker(
    src: Path, dst: Path, backend: BackendCase
) -> None:
    names = [f"f{i}.bin" for i in range(4)]
    write_tree(src, {name: os.urandom(2 * MiB) for name in names})
    events: list[Event] = []
    handle = start(backend.job(src, dst, workers=2, bwlimit=4 * MiB), on_event=events.append)
    try:
        wait_for(lambda: any(w.current for s in worker_statuses(events) for w in s.workers), "work")
        status = next(s for s in worker_statuses(events) if any(w.current for w in s.workers))
        victim = next(w for w in status.workers if w.current)
        os.kill(victim.pid, signal.SIGKILL)
        summary = handle.wait(timeout=WAIT_S)
    finally:
        handle.cancel()
    assert (summary.files_done, summary.files_failed) == (4, 0)
    for name in names:
        assert (dst / name).read_bytes() == (src / name).read_bytes()
    warnings = [e for e in events if isinstance(e, LogMessage) and e.level == "warning"]
    assert any(
        backend.killed in e.message and "trying the file again" in e.message for e in warnings
    )


def test_a_file_that_kills_its_worker_every_time_fails_after_its_retries(
    src: Path, dst: Path, backend: BackendCase
) -> None:
    """A stage that crashes its worker on one file (here a command killing its parent, as a
    segfault in a native library would) costs that file only, after --retries tries."""
    write_tree(src, {"poison.txt": "boom", **{f"ok{i}.txt": "fine" for i in range(6)}})
    killer = StageSpec("exec", {"cmd": "sh -c 'kill -9 $PPID' _ {in}", "match": "poison.txt"})
    events: list[Event] = []
    job = backend.job(src, dst, workers=2, stages=(killer,), retries=2)
    summary = start(job, on_event=events.append).wait(timeout=WAIT_S)
    assert [path for path, _ in summary.failures] == ["poison.txt"]
    assert backend.killed in dict(summary.failures)["poison.txt"]
    # Outcomes the dead worker never sent are found again: copied, or skipped as unchanged.
    assert summary.files_done + summary.files_skipped == 6
    tries = [
        e
        for e in events
        if isinstance(e, LogMessage)
        and e.path == "poison.txt"
        and "trying the file again" in e.message
    ]
    assert len(tries) == 2


def test_pool_replaces_a_killed_worker(killed_worker_run: KilledWorkerRun) -> None:
    run = killed_worker_run
    later = [s for s in worker_statuses(run.events) if s.workers]
    replacement = [
        s for s in later if len(s.workers) == 2 and {w.pid for w in s.workers} - run.pids_before
    ]
    assert replacement, [s.workers for s in later]
    assert all(run.killed_pid not in {w.pid for w in s.workers} for s in replacement)


def test_killed_worker_leaves_no_temp_file(killed_worker_run: KilledWorkerRun) -> None:
    assert temp_files(killed_worker_run.target) == []


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("large") / "src"
    source.mkdir()
    with open(source / "large.bin", "wb") as handle:
        for _ in range(200):
            handle.write(os.urandom(MiB))
    return source


@pytest.mark.parametrize("verify", [False, True], ids=["kernel-copy", "verify-chunks"])
def test_worker_memory_stays_flat_while_copying_a_large_file(
    large_file: Path, tmp_path: Path, verify: bool
) -> None:
    peak = 0
    samples = 0
    handle = start(Job(large_file, tmp_path / "dst", workers=1, verify=verify), lambda _e: None)
    try:
        deadline = time.monotonic() + WAIT_S
        while handle.running and time.monotonic() < deadline:
            for process in worker_processes():
                try:
                    peak = max(peak, process.memory_info().rss)
                    samples += 1
                except psutil.NoSuchProcess:
                    continue
            time.sleep(0.02)
        summary = handle.wait(timeout=WAIT_S)
    finally:
        handle.cancel()
    assert summary.files_done == 1
    assert samples >= 3, "the copy ended before memory could be sampled"
    assert peak < 100 * MiB, f"a worker peaked at {peak / MiB:.0f} MiB"


def tiny_tree(root: Path, count: int) -> dict[str, bytes]:
    files = {f"d{i % 10}/f{i:04}.txt": f"file {i}\n".encode() for i in range(count)}
    write_tree(root, files)
    return files


def test_scanner_sends_small_files_in_batches(src: Path, tmp_path: Path) -> None:
    tiny_tree(src, 2000)
    items: queue.Queue[ScanItem] = queue.Queue()
    root = os.open(src, os.O_RDONLY | os.O_DIRECTORY)
    scanner = Scanner(
        root,
        None,
        PathFilter((), ()),
        follow_symlinks=False,
        create_dirs=False,
        out=items,
        stop=threading.Event(),
    )
    scanner.run()
    os.close(root)
    sent: list[ScanItem] = []
    while not items.empty():
        sent.append(items.get_nowait())
    batches = [item for item in sent if isinstance(item, Batch)]
    assert isinstance(sent[-1], ScanDone)
    assert sum(len(b.tasks) for b in batches) == 2000
    assert len(batches) <= 2000 / 32


class CountingExecutor(LocalExecutor):
    """The real local executor, counting the Results messages its workers send."""

    def __init__(self) -> None:
        super().__init__()
        self.results = 0

    def _count(self, reports: list[Report]) -> list[Report]:
        self.results += sum(isinstance(r, Results) for r in reports)
        return reports

    def poll(self, timeout: float, wakeup: Wakeup | None = None) -> list[Report]:
        return self._count(super().poll(timeout, wakeup))

    def shutdown(self, grace_s: float) -> list[Report]:
        return self._count(super().shutdown(grace_s))


def test_many_tiny_files_cost_far_fewer_messages_than_files(src: Path, dst: Path) -> None:
    files = tiny_tree(src, 2000)
    executor = CountingExecutor()
    events: list[Event] = []
    summary = JobHandle(Job(src, dst, workers=2), events.append, executor).wait(timeout=WAIT_S)
    assert (summary.files_done, summary.files_failed) == (len(files), 0)
    assert sum(isinstance(e, FileEvent) and e.status is Status.DONE for e in events) == 2000
    assert 0 < executor.results <= len(files) / 10
