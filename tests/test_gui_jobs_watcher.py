"""JobWatcher follows a real CLI job from the app: its events arrive on the UI thread as the
engine's Event objects, through the same signals the bridge emits for the app's own job."""

from __future__ import annotations

from pathlib import Path

from helpers import Launch, run_engine
from pytestqt.qtbot import QtBot
from test_jobs import slow_job

from engine import JobStarted, Progress, Summary, WorkerStatus, registry
from gui.jobs import JobWatcher

FOLLOWED_MS = 60_000


def test_a_watcher_delivers_a_cli_jobs_events_as_event_objects_until_its_summary(
    qtbot: QtBot, launch: Launch, src: Path, dst: Path
) -> None:
    running = slow_job(launch, src, dst)
    (entry,) = [entry for entry in registry.entries() if entry.pid == running.proc.pid]
    watcher = JobWatcher(entry)
    seen: list[object] = []
    for signal in (watcher.started, watcher.progress, watcher.workers, watcher.finished):
        signal.connect(seen.append)

    with qtbot.waitSignal(watcher.finished, timeout=FOLLOWED_MS) as finished:
        watcher.start()

    code, _, stderr = running.finish()
    assert code == 0, stderr
    assert isinstance(seen[0], JobStarted) and seen[0].source == str(src)
    progress = [event for event in seen if isinstance(event, Progress)]
    assert len(progress) >= 2, "the job takes seconds: several updates"
    assert progress == sorted(progress, key=lambda p: p.bytes_done)
    assert any(isinstance(event, WorkerStatus) for event in seen)
    summary = finished.args[0]
    assert isinstance(summary, Summary) and summary.files_done == 10
    assert seen[-1] is summary


def test_a_watcher_of_a_job_that_is_gone_says_it_lost_it(
    qtbot: QtBot, launch: Launch, src: Path, dst: Path
) -> None:
    running = slow_job(launch, src, dst)
    (entry,) = [entry for entry in registry.entries() if entry.pid == running.proc.pid]
    run_engine("cancel", str(running.proc.pid))
    running.finish()
    watcher = JobWatcher(entry)

    with qtbot.waitSignal(watcher.error, timeout=FOLLOWED_MS) as lost:
        watcher.start()

    assert lost.args[0].startswith("Lost the job: ")
