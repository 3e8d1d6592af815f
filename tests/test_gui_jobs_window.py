"""The jobs sidebar in the main window, with real jobs: it sits beside the views; Run again
and Retry failed from its history run in the window; a CLI job it lists is followed in the
run view, whose Pause and Cancel then steer that job; the app's own job paused from the
sidebar shows Resume in the run view; and the title carries the job's progress."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_actions import end_job, start_slow_job
from helpers import Launch, run_engine, write_tree
from PySide6.QtCore import QRect, QSettings
from pytestqt.qtbot import QtBot
from test_gui_jobs_sidebar import SEEN_MS, runs_of, select_run, wait_for_card
from test_jobs import listed, slow_job

from engine import Job
from gui.main_window import SIDEBAR_MIN_WIDTH, MainWindow, fitted

pytestmark = pytest.mark.usefixtures("english_locale")

RUN_TIMEOUT_MS = 60_000


def plain(text: str) -> str:
    """A button's text without its accelerator mark."""
    return text.replace("&", "")


def said(window: MainWindow) -> list[str]:
    """Every status-bar message from now on, as it is shown."""
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    return messages


# The pane


def test_the_sidebar_sits_in_the_splitters_second_pane_beside_the_views(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show()
    qtbot.waitExposed(window)

    splitter = window.splitter
    assert [splitter.widget(i) for i in range(splitter.count())] == [window.views, window.jobs]
    assert window.jobs.width() >= SIDEBAR_MIN_WIDTH
    assert window.jobs.x() >= window.views.x() + window.views.width()


def test_the_window_with_the_sidebar_still_fits_a_1280_by_800_screen(window: MainWindow) -> None:
    room = fitted(QRect(0, 0, 1280, 800)).size()

    smallest = window.minimumSizeHint()

    assert smallest.width() <= room.width() and smallest.height() <= room.height()
    assert window.jobs.minimumWidth() == SIDEBAR_MIN_WIDTH


def test_the_sidebars_width_comes_back_with_the_splitter(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.show()
    window.splitter.setSizes([1, 10_000])  # the sidebar as wide as it goes
    kept = window.splitter.sizes()
    window.close()

    again = MainWindow(QSettings(window.settings.fileName(), QSettings.Format.IniFormat))
    fresh = MainWindow(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    for shown in (again, fresh):
        qtbot.addWidget(shown)
        shown.show()
        qtbot.waitExposed(shown)

    assert kept[1] > SIDEBAR_MIN_WIDTH
    assert again.splitter.sizes() == kept
    assert fresh.splitter.sizes() != kept


# The history


def test_run_again_from_a_history_row_starts_that_job(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "alpha"})
    assert run_engine("run", src, dst, "-q", "--exclude", "*.tmp").returncode == 0
    (dst / "a.txt").unlink()
    qtbot.waitUntil(lambda: bool(runs_of(window.jobs, dst)), timeout=SEEN_MS)
    select_run(window.jobs, runs_of(window.jobs, dst)[0])

    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as finished:
        window.jobs.history.again_button.click()

    assert finished.args[0].files_done == 1
    assert (dst / "a.txt").read_text() == "alpha"
    assert (window.source.path(), window.target.path()) == (str(src), str(dst))
    assert window.exclude.text() == "*.tmp"
    assert window.views.currentWidget() is window.run_view


def test_run_again_while_a_job_runs_says_so_and_starts_nothing(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    write_tree(other, {"a.txt": "a"})
    start_slow_job(window, src, dst)
    messages = said(window)

    window.run_again(1, Job(other, tmp_path / "elsewhere"))

    assert messages[-1] == "A job is running: run another once it has ended."
    assert window.target.path() == str(dst)
    end_job(qtbot, window)
    assert not (tmp_path / "elsewhere").exists()


def test_retry_failed_from_a_history_row_copies_the_failed_folders_files_and_says_so(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    """The folder `docs` cannot be made (a file is in its way), so its two files are left
    out; once the way is clear, Retry failed copies them, and only them."""
    write_tree(src, {"docs/a.txt": "a", "docs/deep/b.txt": "b", "ok.txt": "ok"})
    write_tree(dst, {"docs": "a file, not a folder"})
    assert run_engine("run", src, dst, "-q").returncode == 1
    (dst / "docs").unlink()
    (dst / "ok.txt").unlink()  # not retried: it did not fail
    qtbot.waitUntil(lambda: bool(runs_of(window.jobs, dst)), timeout=SEEN_MS)
    failed = runs_of(window.jobs, dst)[0]
    select_run(window.jobs, failed)
    messages = said(window)

    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as finished:
        window.jobs.history.retry_button.click()

    assert finished.args[0].files_done == 2
    assert (dst / "docs/a.txt").read_text() == "a"
    assert (dst / "docs/deep/b.txt").read_text() == "b"
    assert not (dst / "ok.txt").exists()
    assert f"Retrying 1 folder that failed in run {failed.record.id}" in messages
    assert window.target.path() == str(dst)


# Following a job started elsewhere


def test_show_on_a_cli_job_follows_its_progress_in_the_run_view(
    qtbot: QtBot, window: MainWindow, launch: Launch, src: Path, dst: Path
) -> None:
    running = slow_job(launch, src, dst)
    card = wait_for_card(qtbot, window.jobs.running, running.proc.pid)

    card.show_button.click()

    assert window.views.currentWidget() is window.run_view
    assert window.run_view.job_label.text() == f"Following {src} → {dst}"
    qtbot.waitUntil(lambda: window.progress.files_label.text().endswith("of 10"), timeout=SEEN_MS)
    assert window.now_copying.table.rowCount() == 1
    assert window.run_view.pool.isHidden()
    window.cancel_button.click()
    code, _, _ = running.finish()
    assert code == 130
    qtbot.waitUntil(lambda: not window.controller.following, timeout=SEEN_MS)
    assert window.banner.text.text().startswith("Cancelled.")


def test_pause_in_the_run_view_pauses_a_followed_cli_job_and_resume_continues_it(
    qtbot: QtBot, window: MainWindow, launch: Launch, src: Path, dst: Path
) -> None:
    running = slow_job(launch, src, dst)
    wait_for_card(qtbot, window.jobs.running, running.proc.pid).show_button.click()
    qtbot.waitUntil(lambda: window.pause_button.isEnabled(), timeout=SEEN_MS)

    window.pause_button.click()

    qtbot.waitUntil(
        lambda: (listed(running.proc.pid) or {}).get("state") == "paused", timeout=SEEN_MS
    )
    assert plain(window.pause_button.text()) == "Resume"
    window.pause_button.click()
    qtbot.waitUntil(
        lambda: (listed(running.proc.pid) or {}).get("state") == "running", timeout=SEEN_MS
    )
    window.cancel_button.click()
    running.finish()


def test_following_another_job_while_the_apps_own_runs_is_refused_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, launch: Launch, src: Path, dst: Path, tmp_path: Path
) -> None:
    running = slow_job(launch, src, dst)
    card = wait_for_card(qtbot, window.jobs.running, running.proc.pid)
    start_slow_job(window, tmp_path / "own", tmp_path / "own-copy")
    messages = said(window)

    card.show_button.click()

    assert messages[-1] == "Your job is running: follow another job once it has ended."
    assert not window.controller.following
    assert window.run_view.job_label.text().startswith(str(tmp_path / "own"))
    end_job(qtbot, window)
    run_engine("cancel", str(running.proc.pid))
    running.finish()


# The app's own job


def test_the_apps_job_paused_from_the_sidebar_shows_resume_in_the_run_view(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    start_slow_job(window, src, dst)
    card = wait_for_card(qtbot, window.jobs.running, os.getpid())
    assert plain(window.pause_button.text()) == "Pause"

    card.pause_button.click()

    qtbot.waitUntil(lambda: plain(window.pause_button.text()) == "Resume", timeout=SEEN_MS)
    assert window.progress.state_label.text() == "Paused"
    end_job(qtbot, window)


def test_the_window_title_shows_the_share_done_while_the_apps_job_runs_then_plain(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(100_000) for i in range(8)})
    window.set_job(Job(src, dst, workers=1, bwlimit=400_000))
    titles: list[str] = []
    window.windowTitleChanged.connect(titles.append)

    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.start()

    shares = [title for title in titles if title.endswith("% — Conveyor")]
    assert shares, titles
    assert window.windowTitle() == "Conveyor"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_setup_view_with_its_options_open_fits_beside_the_sidebar_on_a_1280_pixel_screen(
    qtbot: QtBot, window: MainWindow, language: str, request: pytest.FixtureRequest
) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
        window = MainWindow(QSettings(window.settings.fileName(), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
    window.setGeometry(fitted(QRect(0, 0, 1280, 800)))
    window.form.options.set_open(True)
    window.show()
    qtbot.waitExposed(window)

    scroll = window.form_scroll

    qtbot.waitUntil(lambda: window.jobs.width() >= SIDEBAR_MIN_WIDTH)
    assert not scroll.horizontalScrollBar().isVisible(), "the setup view scrolls sideways"
    assert window.form.minimumSizeHint().width() <= scroll.viewport().width()
