"""The jobs sidebar with real jobs: CLI jobs started as processes, listed, paused, resumed and
cancelled from it; a queued one in the queue; finished ones in the history, with what can be
done with them; and a job that never answers, which must not freeze the window."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from helpers import Launch, Running, run_engine, wait_for, write_tree
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from test_jobs import listed, slow_job
from test_queue import state_of, writer

from engine.registry import runtime_folder
from engine.temps import process_token
from gui.jobs import JobsSidebar, JobWatcher
from gui.jobs.history_list import RUN_ROLE
from gui.jobs.job_card import JobCard
from gui.jobs.job_cards import JobCards
from gui.jobs.past import PastRun

pytestmark = pytest.mark.usefixtures("english_locale")

SEEN_MS = 15_000
"""How long a test waits for the sidebar to show what a job did (it polls every second)."""


@pytest.fixture
def sidebar(qtbot: QtBot) -> JobsSidebar:
    bar = JobsSidebar()
    qtbot.addWidget(bar)
    return bar


def card_of(cards: JobCards, pid: int) -> JobCard | None:
    for card in cards.cards():
        if card.job is not None and card.job.entry.pid == pid:
            return card
    return None


def wait_for_card(qtbot: QtBot, cards: JobCards, pid: int) -> JobCard:
    qtbot.waitUntil(lambda: card_of(cards, pid) is not None, timeout=SEEN_MS)
    card = card_of(cards, pid)
    assert card is not None
    return card


def watched_slow_job(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path
) -> tuple[Running, JobCard]:
    """A slow CLI job, once the sidebar shows its card."""
    running = slow_job(launch, src, dst)
    return running, wait_for_card(qtbot, sidebar.running, running.proc.pid)


def cancel(running: Running) -> None:
    """End a job the test is done with."""
    run_engine("cancel", str(running.proc.pid))
    running.finish()


def answer(box: QMessageBox | None, text: str) -> None:
    """Press the question's button that reads `text`."""
    assert box is not None
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def runs_of(sidebar: JobsSidebar, target: Path) -> list[PastRun]:
    view = sidebar.history.view
    runs = [view.item(row).data(RUN_ROLE) for row in range(view.count())]
    return [run for run in runs if isinstance(run, PastRun) and run.record.target == str(target)]


def select_run(sidebar: JobsSidebar, run: PastRun) -> None:
    view = sidebar.history.view
    for row in range(view.count()):
        if view.item(row).data(RUN_ROLE) == run:
            view.setCurrentRow(row)
            return
    pytest.fail(f"run {run.record.id} is not listed")


# Running jobs


def test_a_cli_job_is_listed_with_its_folders_state_and_progress(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path
) -> None:
    running = slow_job(launch, src, dst)

    card = wait_for_card(qtbot, sidebar.running, running.proc.pid)

    assert card.route_label.text() == f"{src} → {dst}"
    qtbot.waitUntil(lambda: card.state_label.text().startswith("Copying, "), timeout=SEEN_MS)
    assert card.state_label.text().endswith("of 10 files")
    assert not card.bar.isHidden()
    assert "/s" in card.speed_label.text()
    assert card.job is not None and not card.job.own
    cancel(running)


def test_pause_in_the_sidebar_pauses_the_job_and_resume_continues_it(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path
) -> None:
    running, card = watched_slow_job(qtbot, sidebar, launch, src, dst)

    card.pause_button.click()

    wait_for(lambda: (listed(running.proc.pid) or {}).get("state") == "paused", "a pause")
    qtbot.waitUntil(lambda: card.pause_button.text() == "Resume", timeout=SEEN_MS)
    assert card.state_label.text().startswith("Paused at ")
    card.pause_button.click()
    wait_for(lambda: (listed(running.proc.pid) or {}).get("state") == "running", "a resume")
    cancel(running)


def test_cancel_asks_first_with_keeping_the_job_as_the_default_then_cancels_it(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path
) -> None:
    running, card = watched_slow_job(qtbot, sidebar, launch, src, dst)

    card.cancel_button.click()

    box = sidebar.question
    assert box is not None and str(dst) in box.text()
    default = box.defaultButton()
    assert default is not None and default.text() == "Keep it running"
    assert running.proc.poll() is None, "the job was cancelled before the answer"
    answer(box, "Cancel the job")
    code, _, _ = running.finish()
    assert code == 130
    qtbot.waitUntil(lambda: card_of(sidebar.running, running.proc.pid) is None, timeout=SEEN_MS)


def test_show_hands_the_window_the_job_for_a_watcher_to_follow(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path
) -> None:
    running, card = watched_slow_job(qtbot, sidebar, launch, src, dst)

    with qtbot.waitSignal(sidebar.attach_requested) as asked:
        card.show_button.click()

    watcher = JobWatcher(asked.args[0])
    with qtbot.waitSignal(watcher.progress, timeout=SEEN_MS) as followed:
        watcher.start()
    watcher.stop()
    cancel(running)
    assert asked.args[0].pid == running.proc.pid
    assert followed.args[0].files_total == 10


def test_a_job_stopped_with_ctrl_z_is_shown_stopped_and_resume_continues_it(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path
) -> None:
    running, card = watched_slow_job(qtbot, sidebar, launch, src, dst)

    os.kill(running.proc.pid, signal.SIGTSTP)

    qtbot.waitUntil(lambda: card.state_label.text() == "Stopped (Ctrl-Z)", timeout=SEEN_MS)
    assert not card.cancel_button.isEnabled()
    assert card.pause_button.text() == "Resume"
    card.pause_button.click()
    wait_for(lambda: (listed(running.proc.pid) or {}).get("state") == "running", "it to go on")
    cancel(running)


def test_a_queued_job_shows_in_the_queue_with_its_place_and_what_it_waits_for(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, tmp_path: Path, src: Path, dst: Path
) -> None:
    first = writer(launch, src, dst)
    second = launch("run", src, tmp_path / "later", "--queue", "--json")
    wait_for(lambda: state_of(second) == "queued", "the second job to be queued", timeout=20)

    card = wait_for_card(qtbot, sidebar.queue, second.proc.pid)

    assert card.state_label.text() == "Queued, number 1 in line"
    assert card.speed_label.text() == f"Waits for the job writing to {dst}"
    assert card.pause_button.isHidden()
    assert card_of(sidebar.running, second.proc.pid) is None
    assert not sidebar.queue_fold.isHidden()
    for job in (second, first):
        run_engine("cancel", str(job.proc.pid))
        job.finish()


def test_a_job_that_never_answers_does_not_freeze_the_sidebar(qtbot: QtBot, tmp_path: Path) -> None:
    """A registered job whose socket accepts and never answers: asking it takes the five
    seconds of the registry's timeout, which the UI thread must not spend waiting."""
    sleeper = subprocess.Popen(["sleep", "60"])
    ident = process_token(sleeper.pid)
    folder = runtime_folder()
    deaf = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    deaf.bind(os.fspath(folder / f"{ident}.sock"))
    deaf.listen(8)
    entry = {"id": ident, "pid": sleeper.pid, "started": time.time(), "source": "/a"}
    (folder / f"{ident}.json").write_text(json.dumps({**entry, "target": str(tmp_path)}))
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(20)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    try:
        sidebar = JobsSidebar()  # its first reading asks the deaf job at once
        qtbot.addWidget(sidebar)
        clock.start()
        ticker.start()
        qtbot.wait(3000)
        ticker.stop()
    finally:
        deaf.close()
        for leftover in (folder / f"{ident}.sock", folder / f"{ident}.json"):
            leftover.unlink(missing_ok=True)
        sleeper.kill()
        sleeper.wait()
    assert len(gaps) > 50
    assert max(gaps) < 500, f"the UI thread was held for {max(gaps)} ms"


# History


def test_a_finished_job_appears_in_the_history_with_its_outcome_and_counts(
    qtbot: QtBot, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "alpha", "sub/b.txt": "bravo"})
    assert run_engine("run", src, dst, "-q").returncode == 0

    sidebar = JobsSidebar()
    qtbot.addWidget(sidebar)

    qtbot.waitUntil(lambda: bool(runs_of(sidebar, dst)), timeout=SEEN_MS)
    (run,) = runs_of(sidebar, dst)
    select_run(sidebar, run)
    text = sidebar.history.view.currentItem().text()
    title, route, counts = text.splitlines()
    assert title.endswith(": finished")
    assert route == f"{src} → {dst}"
    assert counts.startswith("2 copied, 0 failed; 10 B in ")


def test_a_job_that_ends_while_shown_is_added_to_the_history(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path
) -> None:
    running = slow_job(launch, src, dst)
    wait_for_card(qtbot, sidebar.running, running.proc.pid)
    assert runs_of(sidebar, dst) == []

    cancel(running)

    qtbot.waitUntil(lambda: bool(runs_of(sidebar, dst)), timeout=5000)
    assert runs_of(sidebar, dst)[0].record.outcome.value == "cancelled"


def test_retry_failed_is_offered_only_for_a_run_that_had_failures(
    qtbot: QtBot, tmp_path: Path, src: Path
) -> None:
    write_tree(src, {"blocked.txt": "b", "fine.txt": "f"})
    clean, blocked = tmp_path / "clean", tmp_path / "blocked"
    write_tree(blocked, {"blocked.txt/inside": "in the way"})
    assert run_engine("run", src, clean, "-q").returncode == 0
    assert run_engine("run", src, blocked, "-q").returncode == 1
    sidebar = JobsSidebar()
    qtbot.addWidget(sidebar)
    qtbot.waitUntil(lambda: bool(runs_of(sidebar, blocked)), timeout=SEEN_MS)

    select_run(sidebar, runs_of(sidebar, clean)[0])
    offered_for_clean = sidebar.history.retry_button.isEnabled()
    failed_run = runs_of(sidebar, blocked)[0]
    select_run(sidebar, failed_run)

    assert not offered_for_clean
    assert sidebar.history.retry_button.isEnabled()
    assert sidebar.history.again_button.isEnabled()
    with qtbot.waitSignal(sidebar.retry_failed) as asked:
        sidebar.history.retry_button.click()
    assert asked.args[0] == failed_run.record.id
    assert asked.args[1].target == blocked


def test_run_again_hands_the_window_the_job_as_it_ran(qtbot: QtBot, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "alpha"})
    assert run_engine("run", src, dst, "-q", "--exclude", "*.tmp").returncode == 0
    sidebar = JobsSidebar()
    qtbot.addWidget(sidebar)
    qtbot.waitUntil(lambda: bool(runs_of(sidebar, dst)), timeout=SEEN_MS)
    run = runs_of(sidebar, dst)[0]
    select_run(sidebar, run)

    with qtbot.waitSignal(sidebar.run_again) as asked:
        sidebar.history.again_button.click()

    assert asked.args[0] == run.record.id
    job = asked.args[1]
    assert (job.source, job.target, job.exclude) == (src, dst, ("*.tmp",))


def test_open_target_without_a_file_manager_says_so(qtbot: QtBot, src: Path, dst: Path) -> None:
    """The offscreen platform, like a machine without a desktop, can start no file manager:
    `QDesktopServices.openUrl` returns False."""
    write_tree(src, {"a.txt": "alpha"})
    assert run_engine("run", src, dst, "-q").returncode == 0
    sidebar = JobsSidebar()
    qtbot.addWidget(sidebar)
    qtbot.waitUntil(lambda: bool(runs_of(sidebar, dst)), timeout=SEEN_MS)
    select_run(sidebar, runs_of(sidebar, dst)[0])

    sidebar.history.open_button.click()

    qtbot.waitUntil(lambda: sidebar.findChild(QMessageBox, "notice") is not None, timeout=5000)
    box = sidebar.findChild(QMessageBox, "notice")
    assert box.text() == "No file manager could be started to show the target folder."
    assert box.informativeText() == f"The folder is: {dst}"


# Reaching it


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def test_every_control_has_a_name_and_a_tooltip_and_tab_follows_the_reading_order(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(tmp_path / "small", {"a.txt": "a"})
    assert run_engine("run", tmp_path / "small", tmp_path / "out", "-q").returncode == 0
    running, card = watched_slow_job(qtbot, sidebar, launch, src, dst)
    sidebar.monitor.refresh_runs()
    qtbot.waitUntil(lambda: sidebar.history.view.count() > 0, timeout=SEEN_MS)

    kinds = (QAbstractButton, QLineEdit, QAbstractItemView)
    controls = [w for kind in kinds for w in sidebar.findChildren(kind) if not w.isHidden()]
    reading = [
        sidebar.running_fold.header,
        *card.buttons(),
        sidebar.schedule_fold.header,
        sidebar.schedule.add_button,
        sidebar.history_fold.header,
        sidebar.history.view,
        *sidebar.history.buttons(),
    ]
    chain: list[QWidget] = []
    widget: QWidget = reading[0]
    while widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    cancel(running)

    assert [w.objectName() for w in controls if not accessible_name(w)] == []
    assert [w.objectName() for w in controls if not w.toolTip()] == []
    assert [w for w in chain if w in reading] == reading


def test_the_sidebar_fits_a_pane_260_pixels_wide_without_clipping(
    qtbot: QtBot, sidebar: JobsSidebar, launch: Launch, src: Path, dst: Path
) -> None:
    running, card = watched_slow_job(qtbot, sidebar, launch, src, dst)
    sidebar.resize(260, 900)
    sidebar.show()
    qtbot.waitExposed(sidebar)
    qtbot.wait(100)

    buttons = [b for b in sidebar.findChildren(QAbstractButton) if b.isVisible()]
    clipped = [b.objectName() for b in buttons if b.width() < b.sizeHint().width() or b.x() < 0]
    outside = [
        b.objectName()
        for b in buttons
        if b.mapTo(sidebar, b.rect().topRight()).x() >= sidebar.width()
    ]
    cancel(running)

    assert sidebar.minimumSizeHint().width() <= 260
    assert card.width() <= 260
    assert clipped == []
    assert outside == []
