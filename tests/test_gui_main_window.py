"""The main window end to end: validation, drops, job files, and real jobs run from it."""

from __future__ import annotations

import shlex
from importlib.util import find_spec
from pathlib import Path

import pytest
from gui_actions import accessible_name, drag_away, drag_over, drop
from helpers import BackendCase, snapshot, temp_files, worker_processes, write_tree
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QMessageBox,
    QTabBar,
    QWidget,
)

from engine import Job, StageSpec
from engine.command_line import command_line
from engine.job import Backend, backend_problem, dump_job_file
from gui.main_window import SETTINGS_JOB_KEY, MainWindow

RUN_TIMEOUT_MS = 60_000
SCHEDULER = "tcp://scheduler:8786"

needs_dask = pytest.mark.skipif(
    find_spec("distributed") is None, reason="the dask backend needs the [dask] extra"
)


def slow_stage(seconds: float = 0.3) -> StageSpec:
    """A real command that takes a while per file, so a job is still running when we act."""
    script = f'sleep {seconds}; cp "$1" "$2"'
    return StageSpec("exec", {"cmd": f"sh -c {shlex.quote(script)} _ {{in}} {{out}}"})


def test_a_missing_source_is_flagged_in_the_cli_words_and_start_stays_disabled(
    window: MainWindow, tmp_path: Path
) -> None:
    window.source.set_path(str(tmp_path / "nowhere"))
    window.target.set_path(str(tmp_path / "out"))
    assert window.source.error() == f"source folder '{tmp_path / 'nowhere'}' does not exist"
    assert not window.start_button.isEnabled()


def test_a_target_inside_the_source_is_flagged_beside_the_target(
    window: MainWindow, src: Path
) -> None:
    window.source.set_path(str(src))
    window.target.set_path(str(src / "inner"))
    assert "is inside the source folder" in (window.target.error() or "")
    assert not window.start_button.isEnabled()


def test_valid_folders_enable_start(window: MainWindow, src: Path, dst: Path) -> None:
    window.source.set_path(str(src))
    window.target.set_path(str(dst))
    assert window.start_button.isEnabled()
    assert window.start_problem.text() == ""


def test_a_folder_dropped_on_the_window_fills_the_source_then_the_target(
    window: MainWindow, tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    window.source.set_path("")
    window.target.set_path("")
    drop(window, [first])
    drop(window, [second])
    assert (window.source.path(), window.target.path()) == (str(first), str(second))


def test_a_folder_dragged_over_the_window_lights_up_the_field_it_would_fill(
    window: MainWindow, tmp_path: Path
) -> None:
    window.source.set_path("")
    drag_over(window, [tmp_path])
    assert (window.source.is_lit(), window.target.is_lit()) == (True, False)
    assert not window.source.hint_label.isHidden()
    assert window.source.hint_label.text() == "Drop it here to copy from this folder"
    drag_away(window)
    assert not window.source.is_lit()


def test_once_the_source_is_set_a_drag_lights_up_the_target(
    window: MainWindow, src: Path, tmp_path: Path
) -> None:
    window.source.set_path(str(src))
    drag_over(window, [tmp_path])
    assert (window.source.is_lit(), window.target.is_lit()) == (False, True)
    assert window.target.hint_label.text() == "Drop it here to copy into this folder"


def test_a_folder_dragged_over_a_field_lights_that_field(
    window: MainWindow, src: Path, tmp_path: Path
) -> None:
    window.source.set_path("")
    drag_over(window.target, [tmp_path])
    assert (window.source.is_lit(), window.target.is_lit()) == (False, True)


def test_a_file_dropped_on_the_window_is_explained_not_used(
    window: MainWindow, tmp_path: Path
) -> None:
    a_file = tmp_path / "a.txt"
    a_file.write_text("x")
    window.source.set_path("")
    drop(window, [a_file])
    assert window.source.path() == ""
    assert "Drop one folder" in window.statusBar().currentMessage()


def test_the_form_saves_and_reopens_as_the_same_job_file(
    window: MainWindow, qtbot, src: Path, dst: Path, tmp_path: Path
) -> None:
    job = Job(
        src,
        dst,
        workers=3,
        stages=(StageSpec("gzip", {"level": 9}), StageSpec("checksum")),
        include=("**/*.txt",),
        exclude=("tmp/**",),
        verify=True,
        follow_symlinks=True,
        retries=3,
        file_timeout=30.0,
        fsync=True,
        no_preserve=("xattrs", "hard-links"),
        bwlimit=10 * 1024 * 1024,
    )
    window.set_job(job)
    saved = tmp_path / "job.toml"
    window.save_job_file(saved, window.job())
    fresh = MainWindow(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(fresh)
    fresh.load_job_file(saved)
    assert dump_job_file(fresh.job()) == dump_job_file(window.job()) == saved.read_text()


def choose_backend(window: MainWindow, backend: Backend) -> None:
    """Pick an entry of the Run on box, as a user does."""
    window.backend.setCurrentIndex(window.backend.findData(backend.value))


@needs_dask
def test_the_dask_backend_and_its_scheduler_round_trip_through_a_job_file(
    window: MainWindow, qtbot, src: Path, dst: Path, tmp_path: Path
) -> None:
    window.set_job(Job(src, dst, backend=Backend.DASK, scheduler=SCHEDULER))
    saved = tmp_path / "job.toml"
    window.save_job_file(saved, window.job())
    fresh = MainWindow(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(fresh)
    fresh.load_job_file(saved)
    assert (fresh.job().backend, fresh.job().scheduler) == (Backend.DASK, SCHEDULER)
    assert f'scheduler = "{SCHEDULER}"' in saved.read_text()


@needs_dask
def test_a_dask_job_comes_back_from_the_settings_on_the_next_start(
    window: MainWindow, qtbot, src: Path, dst: Path
) -> None:
    window.settings.setValue(SETTINGS_JOB_KEY, dump_job_file(Job(src, dst, backend=Backend.DASK)))
    again = MainWindow(window.settings)
    qtbot.addWidget(again)
    assert (again.job().backend, again.job().scheduler) == (Backend.DASK, "")
    assert again.scheduler.isEnabled()


def test_the_scheduler_field_is_disabled_for_local_workers(window: MainWindow) -> None:
    choose_backend(window, Backend.LOCAL)
    assert not window.scheduler.isEnabled()
    choose_backend(window, Backend.DASK)
    assert window.scheduler.isEnabled()
    choose_backend(window, Backend.LOCAL)
    assert not window.scheduler.isEnabled()


def test_a_malformed_scheduler_address_disables_start_with_the_engines_message(
    window: MainWindow, src: Path, dst: Path
) -> None:
    window.set_job(Job(src, dst))
    choose_backend(window, Backend.DASK)
    window.scheduler.setText("scheduler:8786")
    assert window.start_problem.text() == backend_problem(Backend.DASK, "scheduler:8786")
    assert not window.start_button.isEnabled()


def test_a_scheduler_left_in_the_disabled_field_is_not_part_of_a_local_job(
    window: MainWindow, src: Path, dst: Path
) -> None:
    window.set_job(Job(src, dst))
    choose_backend(window, Backend.DASK)
    window.scheduler.setText("scheduler:8786")
    choose_backend(window, Backend.LOCAL)
    assert (window.job().backend, window.job().scheduler) == (Backend.LOCAL, "")
    assert window.start_button.isEnabled()
    assert window.scheduler.text() == "scheduler:8786"


def test_copy_command_line_puts_the_equivalent_engine_run_on_the_clipboard(
    window: MainWindow, src: Path, dst: Path
) -> None:
    window.set_job(Job(src, dst, workers=2, exclude=("*.tmp",)))
    window.copy_command_line()
    assert QGuiApplication.clipboard().text() == command_line(window.job())


def test_the_last_job_comes_back_on_the_next_start(
    window: MainWindow, qtbot, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    window.set_job(Job(src, dst, workers=1, exclude=("*.bak",)))
    window.start()
    qtbot.waitUntil(lambda: not window.bridge.running, timeout=RUN_TIMEOUT_MS)
    again = MainWindow(window.settings)
    qtbot.addWidget(again)
    assert (again.source.path(), again.target.path()) == (str(src), str(dst))
    assert again.exclude.text() == "*.bak"
    assert again.workers.value() == 1


def test_a_job_runs_from_the_window_to_completion(
    window: MainWindow, qtbot, src: Path, dst: Path, backend: BackendCase
) -> None:
    write_tree(src, {f"d{i % 4}/f{i}.txt": f"file {i}\n" * 50 for i in range(60)})
    window.set_job(backend.job(src, dst, workers=2))
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as finished:
        window.start_button.click()
    summary = finished.args[0]
    assert (summary.files_done, summary.files_failed) == (60, 0)
    assert snapshot(dst) == snapshot(src)
    assert window.views.currentWidget() is window.run_view
    assert window.banner.text.text().startswith("Done.")
    assert window.start_button.isEnabled()


def test_pause_stops_progress_until_resumed(
    window: MainWindow, qtbot, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i}.txt": "x" for i in range(12)})
    window.set_job(Job(src, dst, workers=1, stages=(slow_stage(),)))
    window.start()
    qtbot.waitUntil(lambda: len(list(dst.glob("f*.txt"))) >= 1, timeout=RUN_TIMEOUT_MS)
    window.pause_button.click()
    qtbot.wait(800)  # the file in hand may still land
    paused_at = len(list(dst.glob("f*.txt")))
    qtbot.wait(1000)
    assert len(list(dst.glob("f*.txt"))) == paused_at
    assert window.pause_button.text().replace("&", "") == "Resume"
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.pause_button.click()
    assert len(list(dst.glob("f*.txt"))) == 12


def test_cancel_leaves_no_partial_files_and_no_workers(
    window: MainWindow, qtbot, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i}.txt": "x" * 1000 for i in range(20)})
    window.set_job(Job(src, dst, workers=2, stages=(slow_stage(),)))
    window.start()
    qtbot.waitUntil(lambda: len(worker_processes()) == 2, timeout=RUN_TIMEOUT_MS)
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as finished:
        window.cancel_button.click()
    assert finished.args[0].cancelled
    assert temp_files(dst) == []
    for path in dst.glob("f*.txt"):
        assert path.read_bytes() == (src / path.name).read_bytes()
    qtbot.waitUntil(lambda: worker_processes() == [], timeout=10_000)


def test_the_pool_grows_while_a_job_runs(window: MainWindow, qtbot, src: Path, dst: Path) -> None:
    write_tree(src, {f"f{i}.txt": "x" for i in range(30)})
    window.set_job(Job(src, dst, workers=1, stages=(slow_stage(0.2),)))
    window.start()
    qtbot.waitUntil(lambda: len(worker_processes()) == 1, timeout=RUN_TIMEOUT_MS)
    window.run_view.pool.setValue(3)
    qtbot.waitUntil(lambda: window.now_copying.table.rowCount() == 3, timeout=10_000)
    window.cancel()
    qtbot.waitUntil(lambda: not window.bridge.running, timeout=RUN_TIMEOUT_MS)


def close_question(window: MainWindow) -> QMessageBox:
    """The question the window asks when closed during a job."""
    box = window.findChild(QMessageBox, "closeQuestion")
    assert isinstance(box, QMessageBox)
    return box


def test_closing_mid_run_asks_then_cancels_cleanly(
    window: MainWindow, qtbot, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i}.txt": "x" for i in range(20)})
    window.set_job(Job(src, dst, workers=2, stages=(slow_stage(),)))
    window.show()
    window.start()
    qtbot.waitUntil(lambda: len(worker_processes()) == 2, timeout=RUN_TIMEOUT_MS)
    assert not window.close()
    box = close_question(window)
    assert "still running" in box.text()
    assert window.bridge.running
    (quit_button,) = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    quit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=RUN_TIMEOUT_MS)
    assert not window.bridge.running
    assert temp_files(dst) == []
    qtbot.waitUntil(lambda: worker_processes() == [], timeout=10_000)


def test_keeping_the_job_running_is_the_close_questions_default(
    window: MainWindow, qtbot, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i}.txt": "x" for i in range(20)})
    window.set_job(Job(src, dst, workers=1, stages=(slow_stage(),)))
    window.show()
    window.start()
    window.close()
    box = close_question(window)
    for answer in (box.defaultButton(), box.escapeButton()):
        assert box.buttonRole(answer) == QMessageBox.ButtonRole.RejectRole
    box.escapeButton().click()
    assert window.isVisible()
    assert window.bridge.running
    window.cancel()
    qtbot.waitUntil(lambda: not window.bridge.running, timeout=RUN_TIMEOUT_MS)


def test_retry_runs_exactly_the_failed_files_again(
    window: MainWindow, qtbot, src: Path, dst: Path
) -> None:
    write_tree(src, {"ok.txt": "fine", "blocked.txt": "later"})
    (dst / "blocked.txt").mkdir(parents=True)
    (dst / "blocked.txt" / "inside").write_text("in the way")
    window.set_job(Job(src, dst, workers=1))
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as first:
        window.start()
    assert first.args[0].files_failed == 1
    assert window.problems.failed_paths() == ["blocked.txt"]
    (dst / "blocked.txt" / "inside").unlink()
    (dst / "blocked.txt").rmdir()
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as retry:
        window.banner.retry_button.click()
    assert (retry.args[0].files_done, retry.args[0].files_skipped) == (1, 0)
    assert (dst / "blocked.txt").read_text() == "later"


def qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (clear buttons, headers, scroll arrows)."""
    inside = (QAbstractSpinBox, QComboBox, QLineEdit, QMenuBar, QAbstractItemView, QTabBar)
    return (
        widget.objectName().startswith("qt_")
        or isinstance(widget, QHeaderView)
        or isinstance(widget.parent(), inside)
    )


def test_every_control_has_a_tooltip_and_an_accessible_name(window: MainWindow) -> None:
    kinds = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)
    controls = [w for kind in kinds for w in window.findChildren(kind)]
    controls = [w for w in controls if not qt_internal(w) and w.window() is window]
    assert len(controls) > 20
    unnamed = [w.objectName() or repr(w) for w in controls if not accessible_name(w)]
    untipped = [w.objectName() or repr(w) for w in controls if not w.toolTip()]
    assert unnamed == []
    assert untipped == []


def test_every_field_label_has_a_buddy(window: MainWindow) -> None:
    labels = [label for label in window.findChildren(QLabel) if label.text().endswith(":")]
    assert labels
    assert [label.text() for label in labels if label.buddy() is None] == []


def test_the_banner_counts_files_whose_metadata_alone_was_updated(
    window: MainWindow, qtbot, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})
    window.set_job(Job(src, dst, workers=1))
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.start_button.click()
    (src / "a.txt").chmod(0o600)

    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.start_button.click()

    assert window.banner.text.text().startswith("Done. 0 copied, 1 metadata updated, 1 skipped")
