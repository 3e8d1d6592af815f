"""The app behaves as a good desktop app does, shown on real widgets: the wheel scrolls
rather than changing a box it passes over, Tab goes through every control in reading order,
the window fits the screen and comes back as it was left, a job file saved gets its suffix,
and the status bar speaks of the target's disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gui_actions import end_job, show_active, start_slow_job
from helpers import write_tree
from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from engine import Job, StageSpec, dump_job_file
from gui.job_form import Mode
from gui.main_window import FRAME_ALLOWANCE, MainWindow, fitted, job_file_path
from gui.system_status import read

RUN_TIMEOUT_MS = 60_000
STATUS_TIMEOUT_MS = 5000


def turn_wheel(widget: QWidget) -> None:
    """One notch of the wheel, down, with the pointer over the middle of `widget`."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


# The wheel


def test_the_wheel_over_a_combo_box_without_focus_leaves_it_alone(
    qtbot: QtBot, window: MainWindow
) -> None:
    show_active(qtbot, window)
    window.form.options.set_open(True)
    box = window.form.if_exists
    window.form.source.line_edit.setFocus()
    turn_wheel(box)
    assert box.currentIndex() == 0


def test_the_wheel_changes_a_combo_box_that_has_the_focus(qtbot: QtBot, window: MainWindow) -> None:
    show_active(qtbot, window)
    window.form.options.set_open(True)
    box = window.form.if_exists
    box.setFocus()
    turn_wheel(box)
    assert box.currentIndex() == 1


def test_the_wheel_over_a_spin_box_without_focus_leaves_it_alone(
    qtbot: QtBot, window: MainWindow
) -> None:
    show_active(qtbot, window)
    window.workers.setValue(2)
    window.form.source.line_edit.setFocus()
    turn_wheel(window.workers)
    assert window.workers.value() == 2


def test_a_wheel_turn_gives_no_combo_or_spin_box_the_focus(
    qtbot: QtBot, window: MainWindow
) -> None:
    show_active(qtbot, window)
    window.form.options.set_open(True)
    boxes = [*window.findChildren(QComboBox), *window.findChildren(QSpinBox)]
    shown = [box for box in boxes if box.isVisible()]
    assert shown
    assert [b.objectName() for b in shown if b.focusPolicy() == Qt.FocusPolicy.WheelFocus] == []
    assert all(b.focusPolicy() == Qt.FocusPolicy.StrongFocus for b in shown)


def test_the_wheel_leaves_alone_a_box_made_after_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    box = QComboBox()
    qtbot.addWidget(box)
    box.addItems(["one", "two"])
    box.show()
    turn_wheel(box)
    assert box.currentIndex() == 0


# Tab


def visited_by_tab(qtbot: QtBot, start: QWidget, limit: int = 80) -> list[QWidget]:
    """The widgets Tab takes the focus to from `start`, until it comes back to it."""
    start.setFocus()
    seen = [start]
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            return seen
        seen.append(focused)
    raise AssertionError("Tab never came back to where it started")


def within(view: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """Those of `widgets` that are part of `view` (Tab goes on from a view to the jobs
    sidebar, whose stops come and go with the jobs it lists)."""
    return [w for w in widgets if view.isAncestorOf(w)]


def tab_stops(view: QWidget) -> set[QWidget]:
    """The controls of `view` that Tab may stop at now: shown, enabled, taking the focus by
    Tab (an exclusive group's unchecked buttons do not: arrows move between them)."""
    return {
        w
        for w in view.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    }


def names(widgets: list[QWidget]) -> list[str]:
    return [w.objectName() or type(w).__name__ for w in widgets]


def ready_to_start(qtbot: QtBot, window: MainWindow, src: Path, dst: Path) -> None:
    """A job that may start, its first stage chosen, Options open, the window active."""
    write_tree(src, {"a.txt": "a"})
    window.set_job(Job(src, dst, workers=1, stages=(StageSpec("gzip"), StageSpec("checksum"))))
    window.form.stages.select(0)
    window.form.options.set_open(True)
    show_active(qtbot, window)


def test_tab_goes_through_the_setup_view_in_reading_order(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    ready_to_start(qtbot, window, src, dst)
    form = window.form
    stages = form.stages
    level, force, match = form.stages.current_form().editors()  # type: ignore[union-attr]
    expected = [
        form.source.line_edit,
        form.source.browse_button,
        form.target.line_edit,
        form.target.browse_button,
        form.mode_buttons[Mode.COPY],  # the chosen mode; the arrow keys choose another
        stages.chips()[0],  # the chosen stage; the arrow keys choose another
        stages.add_button,
        level,
        force,
        match,
        stages.later_button,
        stages.remove_button,
        form.workers,
        form.checks["verify"],
        form.checks["dry_run"],
        form.options.header,
        form.include,
        form.exclude,
        form.checks["follow_symlinks"],
        form.if_exists,
        form.reflink,
        *form.keeps.values(),
        form.backend,
        form.bwlimit,
        form.retries,
        form.file_timeout,
        form.checks["fsync"],
        window.controller.preview_button,
        window.controller.start_button,
    ]
    visited = visited_by_tab(qtbot, form.source.line_edit)
    assert names(within(window.setup_view, visited)) == names(expected)
    assert visited[len(expected)] is window.jobs.running_fold.header  # on to the sidebar


def test_tab_reaches_every_control_of_the_setup_view(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    ready_to_start(qtbot, window, src, dst)
    visited = set(visited_by_tab(qtbot, window.form.source.line_edit))
    assert names(sorted(tab_stops(window.setup_view) - visited, key=names_key)) == []


def names_key(widget: QWidget) -> str:
    return widget.objectName()


def test_tab_reaches_every_control_of_the_run_view_at_the_end(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"ok.txt": "fine", "blocked.txt": "later"})
    write_tree(dst, {"blocked.txt/inside": "in the way"})
    window.set_job(Job(src, dst, workers=1))
    show_active(qtbot, window)
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.start_button.click()
    order = within(window.run_view, visited_by_tab(qtbot, window.banner.retry_button))
    assert names(order) == [
        "retryButton",
        "openTargetButton",
        "backButton",
        "problemsHeader",
        "problemFilter",
        "problemLevel",
        "problemTable",
    ]
    assert tab_stops(window.run_view) - set(order) == set()


def test_tab_goes_through_the_run_view_while_a_job_runs(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    show_active(qtbot, window)
    start_slow_job(window, src, dst)
    view = window.run_view
    assert within(view, visited_by_tab(qtbot, view.pool)) == [
        view.pool,
        view.limit,
        view.pause_button,
        view.cancel_button,
        view.now_copying.table,
        view.problems_fold.header,
    ]
    end_job(qtbot, window)


# The screen


def test_a_new_window_fits_the_screens_available_area(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry())


@pytest.mark.parametrize("screen", [QRect(0, 0, 1280, 800), QRect(0, 0, 1920, 1080)])
def test_a_new_window_is_placed_within_the_screen_with_room_for_its_frame(
    screen: QRect,
) -> None:
    framed = fitted(screen).marginsAdded(FRAME_ALLOWANCE)
    assert screen.contains(framed)
    assert abs(framed.center().x() - screen.center().x()) <= 1
    assert abs(framed.center().y() - screen.center().y()) <= 1


def test_a_laptop_screen_gets_a_window_as_large_as_fits() -> None:
    assert fitted(QRect(0, 0, 1280, 800)).size() == QSize(1180, 752)


def test_the_window_can_be_made_as_small_as_a_small_screen(window: MainWindow) -> None:
    smallest = window.minimumSizeHint()
    assert (smallest.width(), smallest.height()) <= (800, 600)
    assert smallest.height() <= 600


def test_the_window_comes_back_where_and_as_large_as_it_was_left(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show()
    window.setGeometry(QRect(10, 50, 780, 540))
    window.form.options.set_open(True)
    window.close()
    again = MainWindow(window.settings)
    qtbot.addWidget(again)
    assert again.geometry() == QRect(10, 50, 780, 540)
    assert again.form.options.is_open()


def test_no_scroll_area_of_the_views_lies_inside_another(window: MainWindow) -> None:
    """The views' rule; the jobs sidebar scrolls as a whole only when its folds outgrow the
    window, and its history list, which takes the height left, scrolls within it."""
    window.form.options.set_open(True)
    areas = [
        a
        for a in window.views.findChildren(QAbstractScrollArea)
        if a.window() is window and not isinstance(a, QHeaderView)  # a table's own part
    ]
    nested = []
    for area in areas:
        parent = area.parentWidget()
        while parent is not None and parent is not window.views:
            if isinstance(parent, QAbstractScrollArea):
                nested.append(area.objectName() or type(area).__name__)
            parent = parent.parentWidget()
    assert len(areas) >= 3
    assert nested == []


# Job files


def test_saving_a_job_under_a_name_without_toml_adds_it(
    window: MainWindow, src: Path, dst: Path, tmp_path: Path
) -> None:
    window.set_job(Job(src, dst, workers=1))
    window.save_job()
    dialog = window.findChild(QFileDialog, "jobFileDialog")
    assert isinstance(dialog, QFileDialog)
    dialog.setDirectory(str(tmp_path))
    dialog.selectFile("nightly")
    dialog.accept()
    assert (tmp_path / "nightly.toml").read_text() == dump_job_file(window.job())


@pytest.mark.parametrize(
    ("chosen", "saved"),
    [("/j/nightly", "/j/nightly.toml"), ("/j/a.toml", "/j/a.toml"), ("/j/v1.2", "/j/v1.2.toml")],
)
def test_a_job_file_name_always_ends_in_toml(chosen: str, saved: str) -> None:
    assert job_file_path(chosen) == Path(saved)


# The status bar


FREE = re.compile(r"^Target disk: [\d.,]+ [kMGTP]?B free$")


def test_the_status_bar_shows_free_space_on_the_targets_disk(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.target.set_path(str(tmp_path / "not" / "made" / "yet"))
    qtbot.waitUntil(lambda: bool(FREE.match(window.disk_label.text())), timeout=STATUS_TIMEOUT_MS)
    assert str(tmp_path / "not" / "made" / "yet") in window.disk_label.toolTip()


def test_the_status_bar_shows_the_load_average_labelled(qtbot: QtBot, window: MainWindow) -> None:
    pattern = re.compile(r"^Load average: \d+\.\d\d$")
    qtbot.waitUntil(lambda: bool(pattern.match(window.load_label.text())), timeout=5000)


def test_a_target_not_made_yet_is_measured_on_the_disk_it_would_go_on(tmp_path: Path) -> None:
    reading = read(str(tmp_path / "a" / "b"))
    assert reading.free_bytes is not None and reading.free_bytes > 0


def test_the_speed_limit_says_it_is_per_worker(window: MainWindow) -> None:
    (label,) = [w for w in window.findChildren(QLabel) if w.buddy() is window.form.bwlimit]
    assert label.text().replace("&", "") == "Speed limit per worker:"
