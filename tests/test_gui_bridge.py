"""EngineBridge: real jobs on real files, observed only through the Qt signals it emits."""

from __future__ import annotations

import bisect
import itertools
import os
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from helpers import MiB, worker_processes, write_tree
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from engine import (
    FileEvent,
    Job,
    JobError,
    JobStarted,
    LogMessage,
    Progress,
    Status,
    Summary,
)
from gui.bridge import EngineBridge

WAIT_MS = 30_000
SLOW = 1 * MiB
"""Per-worker bandwidth limit that keeps a job of a few MiB running for seconds."""


class Recorder:
    """Every signal the bridge emits, in order, as (signal name, argument)."""

    def __init__(self, bridge: EngineBridge) -> None:
        self.log: list[tuple[str, Any]] = []
        self.progress_times: list[float] = []
        for name in ("started", "progress", "workers", "problems", "finished", "error"):
            getattr(bridge, name).connect(lambda value, name=name: self._record(name, value))

    def _record(self, name: str, value: Any) -> None:
        self.log.append((name, value))
        if name == "progress":
            self.progress_times.append(time.monotonic())

    def values(self, name: str) -> list[Any]:
        return [value for kind, value in self.log if kind == name]

    @property
    def latest(self) -> Progress | None:
        progress = self.values("progress")
        return progress[-1] if progress else None

    def problems(self) -> list[FileEvent | LogMessage]:
        return [event for batch in self.values("problems") for event in batch]


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[EngineBridge]:
    bridge = EngineBridge()
    yield bridge
    bridge.shutdown()


@pytest.fixture
def recorder(bridge: EngineBridge) -> Recorder:
    return Recorder(bridge)


def run_to_end(qtbot: QtBot, bridge: EngineBridge, job: Job) -> Summary:
    with qtbot.waitSignal(bridge.finished, timeout=WAIT_MS) as blocker:
        bridge.start(job)
    return blocker.args[0]


def slow_job(src: Path, dst: Path) -> Job:
    """Two 4 MiB files at 1 MiB/s per worker: running for about four seconds."""
    write_tree(src, {f"big/f{i}.bin": os.urandom(4 * MiB) for i in range(2)})
    return Job(src, dst, workers=2, bwlimit=SLOW)


def wait_for_bytes(qtbot: QtBot, recorder: Recorder) -> None:
    qtbot.waitUntil(
        lambda: recorder.latest is not None and recorder.latest.bytes_done > 0, timeout=WAIT_MS
    )


def test_a_job_reports_started_then_progress_then_a_matching_summary(
    qtbot: QtBot, bridge: EngineBridge, recorder: Recorder, src: Path, dst: Path
) -> None:
    write_tree(src, {f"d{i % 7}/f{i}.txt": f"file {i}" for i in range(200)})
    summary = run_to_end(qtbot, bridge, Job(src, dst, workers=2))
    kinds = [kind for kind, _value in recorder.log]
    assert kinds[0] == "started" and kinds.count("started") == 1
    assert kinds[-1] == "finished" and kinds.count("finished") == 1
    started = recorder.values("started")[0]
    assert isinstance(started, JobStarted) and started.target == str(dst)
    last = recorder.latest
    assert last is not None and not last.scanning
    assert last.files_done == last.files_total == 200
    assert last.bytes_done == last.bytes_total
    assert (summary.files_done, summary.files_skipped, summary.files_failed) == (200, 0, 0)
    assert not summary.cancelled


def test_running_is_false_once_finished_is_emitted(
    qtbot: QtBot, bridge: EngineBridge, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "alpha"})
    running_when_finished: list[bool] = []
    bridge.finished.connect(lambda _summary: running_when_finished.append(bridge.running))
    with qtbot.waitSignal(bridge.finished, timeout=WAIT_MS):
        bridge.start(Job(src, dst, workers=1))
        assert bridge.running
    assert running_when_finished == [False]


def test_failed_files_arrive_through_problems(
    qtbot: QtBot, bridge: EngineBridge, recorder: Recorder, src: Path, dst: Path
) -> None:
    write_tree(src, {"blocked": "its target is a non-empty folder", "fine.txt": "ok"})
    # Renaming a file over a non-empty folder fails, even for root.
    write_tree(dst, {"blocked/occupant": "in the way"})
    summary = run_to_end(qtbot, bridge, Job(src, dst, workers=1))
    failed = [p for p in recorder.problems() if isinstance(p, FileEvent)]
    assert [(f.path, f.status, f.reason) for f in failed] == [
        ("blocked", Status.FAILED, "the target is a folder")
    ]
    assert summary.files_failed == 1 and summary.files_done == 1


def test_warnings_arrive_through_problems(
    qtbot: QtBot, bridge: EngineBridge, recorder: Recorder, src: Path, dst: Path
) -> None:
    write_tree(src, {"fine.txt": "ok"})
    os.mkfifo(src / "pipe")
    job = Job(src, dst, workers=1, no_preserve=("specials",))  # a skipped FIFO warns
    summary = run_to_end(qtbot, bridge, job)
    warnings = [p for p in recorder.problems() if isinstance(p, LogMessage)]
    assert [(w.level, w.path) for w in warnings] == [("warning", "pipe")]
    assert summary.files_skipped == 1


def test_an_invalid_job_raises_job_error_and_emits_nothing(
    qtbot: QtBot, bridge: EngineBridge, src: Path, dst: Path
) -> None:
    with ExitStack() as stack:
        signals = (bridge.started, bridge.progress, bridge.workers, bridge.problems)
        for signal in (*signals, bridge.finished):
            stack.enter_context(qtbot.assertNotEmitted(signal))
        # Entered last, so it exits first and waits while every other check still listens.
        stack.enter_context(qtbot.assertNotEmitted(bridge.error, wait=300))
        with pytest.raises(JobError, match="does not exist"):
            bridge.start(Job(src / "missing", dst))
    assert not bridge.running
    assert not dst.exists()


def test_a_job_that_cannot_run_reports_its_error(
    qtbot: QtBot, bridge: EngineBridge, recorder: Recorder, src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "alpha"})
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the target's parent folder should be")
    with qtbot.waitSignal(bridge.error, timeout=WAIT_MS) as error:
        bridge.start(Job(src, blocker / "dst", workers=1))
    assert "cannot create target folder" in error.args[0]
    assert recorder.values("finished") == []
    assert not bridge.running


def test_pause_stops_progress_advancing_and_resume_continues(
    qtbot: QtBot, bridge: EngineBridge, recorder: Recorder, src: Path, dst: Path
) -> None:
    bridge.start(slow_job(src, dst))
    wait_for_bytes(qtbot, recorder)
    bridge.pause()

    def settled() -> bool:
        """Three paused reports in a row with the same bytes: the workers have stopped."""
        last = recorder.values("progress")[-3:]
        return len({(p.paused, p.bytes_done) for p in last}) == 1 and last[0].paused

    qtbot.waitUntil(settled, timeout=WAIT_MS)
    seen = len(recorder.values("progress"))
    qtbot.waitUntil(lambda: len(recorder.values("progress")) >= seen + 5, timeout=WAIT_MS)
    while_paused = recorder.values("progress")[seen - 1 :]
    assert len({p.bytes_done for p in while_paused}) == 1
    assert all(p.paused for p in while_paused)
    paused_at = while_paused[0].bytes_done
    bridge.resume()
    qtbot.waitUntil(
        lambda: not recorder.latest.paused and recorder.latest.bytes_done > paused_at,
        timeout=WAIT_MS,
    )
    with qtbot.waitSignal(bridge.finished, timeout=WAIT_MS):
        bridge.cancel()


def test_cancel_finishes_as_cancelled_and_leaves_no_workers(
    qtbot: QtBot, bridge: EngineBridge, recorder: Recorder, src: Path, dst: Path
) -> None:
    bridge.start(slow_job(src, dst))
    wait_for_bytes(qtbot, recorder)
    with qtbot.waitSignal(bridge.finished, timeout=WAIT_MS) as blocker:
        bridge.cancel()
    assert blocker.args[0].cancelled is True
    qtbot.waitUntil(lambda: worker_processes() == [], timeout=10_000)


def test_a_flood_of_tiny_files_is_coalesced_and_never_freezes_the_event_loop(
    qtbot: QtBot, bridge: EngineBridge, recorder: Recorder, src: Path, dst: Path
) -> None:
    for folder in range(20):
        (src / f"d{folder}").mkdir()
        for i in range(1000):
            (src / f"d{folder}" / f"f{i}").touch()
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()
    summary = run_to_end(qtbot, bridge, Job(src, dst, workers=2))
    heartbeat.stop()
    assert summary.files_done == 20_000
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.5
    times = recorder.progress_times
    busiest = max(bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times))
    assert busiest <= 15, f"{busiest} progress signals within one second"


def test_shutdown_mid_job_returns_in_time_and_leaves_no_workers(
    qtbot: QtBot, bridge: EngineBridge, recorder: Recorder, src: Path, dst: Path
) -> None:
    bridge.start(slow_job(src, dst))
    wait_for_bytes(qtbot, recorder)
    began = time.monotonic()
    bridge.shutdown(timeout_s=10.0)
    assert time.monotonic() - began < 10.0
    assert not bridge.running
    qtbot.waitUntil(lambda: worker_processes() == [], timeout=10_000)
