"""The setup view and the run view, on real widgets, real folders and real jobs: Start shows
the run, the end shows the result with what to do next, and a result stops acting on the job
the moment the form describes another."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_actions import drop, end_job, show_active, start_slow_job
from helpers import write_tree
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from engine import Job
from gui.main_window import MainWindow

RUN_TIMEOUT_MS = 60_000


def run(qtbot: QtBot, window: MainWindow) -> None:
    """Press Start and wait for the job's end."""
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.start_button.click()


def run_one_file(qtbot: QtBot, window: MainWindow, src: Path, dst: Path) -> None:
    """Copy a source of one file, which goes well."""
    write_tree(src, {"a.txt": "a"})
    window.set_job(Job(src, dst, workers=1))
    run(qtbot, window)


def failing_job(src: Path, dst: Path) -> Job:
    """Two files, one of which fails: a folder stands where its copy should go."""
    write_tree(src, {"ok.txt": "fine", "blocked.txt": "later"})
    write_tree(dst, {"blocked.txt/inside": "in the way"})
    return Job(src, dst, workers=1)


def test_the_window_opens_on_the_setup_view(window: MainWindow) -> None:
    assert window.views.currentWidget() is window.setup_view


def test_start_replaces_the_setup_view_with_the_run_view(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    run_one_file(qtbot, window, src, dst)
    assert window.views.currentWidget() is window.run_view


def test_back_to_setup_shows_the_form_as_it_was(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    window.set_job(Job(src, dst, workers=1, exclude=("*.tmp",)))
    run(qtbot, window)
    window.banner.back_button.click()
    assert window.views.currentWidget() is window.setup_view
    assert (window.exclude.text(), window.target.path()) == ("*.tmp", str(dst))


def test_the_setup_view_offers_the_last_run_once_there_is_one(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    assert window.controller.last_run_button.isHidden()
    run_one_file(qtbot, window, src, dst)
    window.banner.back_button.click()
    window.controller.last_run_button.click()
    assert window.views.currentWidget() is window.run_view


def test_the_problems_open_by_themselves_at_the_end_with_their_count(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    window.set_job(failing_job(src, dst))
    run(qtbot, window)
    fold = window.run_view.problems_fold
    assert fold.is_open()
    assert fold.badge.text() == "1"
    assert window.run_view.now_section.isHidden()


def test_the_problems_stay_shut_at_the_end_when_there_are_none(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    run_one_file(qtbot, window, src, dst)
    assert not window.run_view.problems_fold.is_open()
    assert window.run_view.problems_fold.badge.isHidden()


def test_the_banner_offers_to_retry_the_files_that_failed(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    window.set_job(failing_job(src, dst))
    run(qtbot, window)
    assert window.banner.text.text().startswith("Finished with failures.")
    assert window.banner.retry_button.isEnabled()
    assert window.banner.open_button.isEnabled()


def test_changing_the_target_marks_the_result_as_the_previous_runs(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path, tmp_path: Path
) -> None:
    window.set_job(failing_job(src, dst))
    run(qtbot, window)
    window.banner.back_button.click()
    window.target.set_path(str(tmp_path / "elsewhere"))
    assert not window.banner.previous.isHidden()
    assert not window.banner.retry_button.isEnabled()
    assert not window.banner.open_button.isEnabled()


def test_retry_does_nothing_once_the_form_describes_another_job(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path, tmp_path: Path
) -> None:
    window.set_job(failing_job(src, dst))
    run(qtbot, window)
    window.target.set_path(str(tmp_path / "elsewhere"))
    window.controller.retry_failed()
    assert not window.bridge.running
    assert not (tmp_path / "elsewhere").exists()


def test_putting_the_job_back_as_it_ran_makes_the_result_current_again(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path, tmp_path: Path
) -> None:
    window.set_job(failing_job(src, dst))
    run(qtbot, window)
    window.exclude.setText("*.bak")
    assert not window.banner.is_current()
    window.exclude.setText("")
    assert window.banner.is_current()
    assert window.banner.retry_button.isEnabled()


def test_a_retry_result_belongs_to_the_job_the_form_still_shows(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    window.set_job(failing_job(src, dst))
    run(qtbot, window)
    (dst / "blocked.txt" / "inside").unlink()
    (dst / "blocked.txt").rmdir()
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.banner.retry_button.click()
    assert window.banner.is_current()
    assert window.banner.text.text().startswith("Done. 1 copied")


def test_a_folder_that_failed_is_retried_with_everything_beneath_it(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"docs/a.txt": "a", "docs/deep/b.txt": "b", "ok.txt": "ok"})
    write_tree(dst, {"docs": "a file where the folder should go"})
    window.set_job(Job(src, dst, workers=1))
    run(qtbot, window)
    assert window.problems.failed_folders() == ["docs"]
    (dst / "docs").unlink()
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as retry:
        window.banner.retry_button.click()
    assert retry.args[0].files_done == 2
    assert (dst / "docs" / "deep" / "b.txt").read_text() == "b"


def test_the_files_a_failed_folder_left_out_are_counted_in_the_totals(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"docs/a.txt": "a" * 1000, "docs/b.txt": "b" * 1000, "ok.txt": "ok"})
    write_tree(dst, {"docs": "a file where the folder should go"})
    window.set_job(Job(src, dst, workers=1))
    run(qtbot, window)
    assert window.progress.left_out_label.text() == "2 files (2.0 kB)"
    assert "Not copied: 2 files (2.0 kB) beneath folders that failed." in (
        window.banner.text.text()
    )


def test_the_left_out_figure_hides_when_nothing_was_left_out(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    run_one_file(qtbot, window, src, dst)
    assert window.progress.left_out_label.isHidden()


def test_open_target_shows_the_target_in_the_file_manager(
    qtbot: QtBot,
    window: MainWindow,
    src: Path,
    dst: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    run_one_file(qtbot, window, src, dst)
    window.banner.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(dst))]
    assert window.findChild(QMessageBox, "notice") is None


def test_open_target_says_so_when_no_file_manager_is_available(
    qtbot: QtBot,
    window: MainWindow,
    src: Path,
    dst: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    run_one_file(qtbot, window, src, dst)
    window.banner.open_button.click()
    notice = window.findChild(QMessageBox, "notice")
    assert isinstance(notice, QMessageBox)
    assert notice.text() == "No file manager could be started to show the target folder."
    assert notice.informativeText() == f"The folder is: {dst}"


def test_after_cancel_the_status_bar_says_cancelled(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    start_slow_job(window, src, dst)
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.cancel_button.click()
    assert window.statusBar().currentMessage() == "Cancelled"
    assert window.banner.text.text().startswith("Cancelled.")


def test_a_dropped_folder_is_refused_while_a_job_runs(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path, tmp_path: Path
) -> None:
    start_slow_job(window, src, dst)
    other = tmp_path / "other"
    other.mkdir()
    drop(window, [other])
    assert window.target.path() == str(dst)
    end_job(qtbot, window)


def test_pause_has_the_keyboard_when_a_job_starts(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    show_active(qtbot, window)
    start_slow_job(window, src, dst)
    assert window.run_view.pause_button.hasFocus()
    end_job(qtbot, window)
