"""Every widget of the window and its dialogs, walked: object names are unique, each view's
keyboard accelerators are unique (with the menu bar's), and screen readers hear what a
control is and says now."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from gui_actions import accessible_name, end_job, start_slow_job
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from engine import FileEvent, Job, StageSpec, Status
from gui.confirm_dialog import ConfirmDialog
from gui.main_window import MainWindow
from gui.preview_dialog import PreviewDialog

RUN_TIMEOUT_MS = 60_000
CONTROLS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)


def ours(widget: QWidget) -> bool:
    """Not a part Qt builds inside its own widgets (a spin box's line edit, a header)."""
    return not widget.objectName().startswith("qt_") and widget.objectName() != ""


def accelerators(texts: list[str]) -> list[str]:
    """The accelerator letter of each text that has one ("&Start" -> "s")."""
    found = (re.search(r"&([^&])", text.replace("&&", "")) for text in texts)
    return [match.group(1).lower() for match in found if match]


def texts_of(root: QWidget) -> list[str]:
    """The texts of every label, button, group and tab under `root`, shown or not."""
    texts = [w.text() for kind in (QLabel, QAbstractButton) for w in root.findChildren(kind)]
    texts += [group.title() for group in root.findChildren(QGroupBox)]
    for tabs in root.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    return texts


def repeated(letters: list[str]) -> list[str]:
    return sorted(letter for letter, count in Counter(letters).items() if count > 1)


def crowded(window: MainWindow) -> None:
    """A chain with a stage twice, so that two option forms of one stage share the window."""
    window.form.stages.set_specs(
        [StageSpec("gzip"), StageSpec("resize", {"max": "800"}), StageSpec("gzip")]
    )


def test_object_names_are_unique_in_the_window(window: MainWindow) -> None:
    crowded(window)
    names = Counter(w.objectName() for w in window.findChildren(QWidget) if ours(w))
    assert [name for name, count in names.items() if count > 1] == []


def test_every_control_has_an_object_name(window: MainWindow) -> None:
    crowded(window)
    controls = [
        w
        for kind in CONTROLS
        for w in window.findChildren(kind)
        if not w.objectName().startswith("qt_") and w.window() is window
    ]
    inside = (QAbstractSpinBox, QComboBox, QAbstractItemView, QLineEdit)  # their own parts
    unnamed = [w for w in controls if not w.objectName() and not isinstance(w.parent(), inside)]
    assert [repr(w) for w in unnamed] == []


def test_accelerators_are_unique_in_the_setup_view_and_the_menu_bar(
    window: MainWindow,
) -> None:
    crowded(window)
    letters = accelerators(texts_of(window.setup_view))
    letters += accelerators([action.text() for action in window.menuBar().actions()])
    assert len(letters) > 20
    assert repeated(letters) == []


def test_accelerators_are_unique_in_the_run_view_and_the_menu_bar(window: MainWindow) -> None:
    window.run_view.pause_button.setText("Res&ume")  # the text it has while paused
    letters = accelerators(texts_of(window.run_view))
    letters += accelerators([action.text() for action in window.menuBar().actions()])
    assert len(letters) > 8
    assert repeated(letters) == []


def test_accelerators_are_unique_in_each_menu(window: MainWindow) -> None:
    for menu in window.menuBar().findChildren(QMenu):
        assert repeated(accelerators([a.text() for a in menu.actions()])) == [], menu.title()


def test_accelerators_are_unique_in_the_mirror_and_move_question(
    qtbot: QtBot, src: Path, dst: Path
) -> None:
    dialog = ConfirmDialog(Job(src, dst, delete=True, move=True))
    qtbot.addWidget(dialog)
    letters = accelerators(texts_of(dialog))
    assert len(letters) >= 3
    assert repeated(letters) == []


def test_accelerators_are_unique_in_the_preview(qtbot: QtBot, src: Path, dst: Path) -> None:
    dialog = PreviewDialog(Job(src, dst))
    qtbot.addWidget(dialog)
    assert repeated(accelerators(texts_of(dialog))) == []


def test_the_mirror_question_makes_cancel_its_default(qtbot: QtBot, src: Path, dst: Path) -> None:
    dialog = ConfirmDialog(Job(src, dst, delete=True))
    qtbot.addWidget(dialog)
    assert dialog.cancel_button.isDefault()
    assert not dialog.confirm_button.isDefault()
    assert not dialog.confirm_button.autoDefault()


def test_the_close_question_has_unique_accelerators(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    start_slow_job(window, src, dst)
    window.show()
    window.close()
    box = window.findChild(QMessageBox, "closeQuestion")
    assert isinstance(box, QMessageBox)
    assert repeated(accelerators([b.text() for b in box.buttons()])) == []
    box.escapeButton().click()
    end_job(qtbot, window)


def test_the_pause_buttons_spoken_name_follows_its_text(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    start_slow_job(window, src, dst)
    pause = window.run_view.pause_button
    assert accessible_name(pause) == "Pause"
    pause.click()
    assert accessible_name(pause) == "Resume"
    pause.click()
    assert accessible_name(pause) == "Pause"
    end_job(qtbot, window)


def test_a_folders_problem_is_spoken_as_the_problem_itself(
    window: MainWindow, tmp_path: Path
) -> None:
    window.source.set_path(str(tmp_path / "nowhere"))
    assert accessible_name(window.source.error_label) == (
        f"source folder '{tmp_path / 'nowhere'}' does not exist"
    )


def test_the_problems_badge_says_what_it_counts(window: MainWindow) -> None:
    window.problems.add_problems([FileEvent("a.txt", Status.FAILED, 0, "denied")])
    fold = window.run_view.problems_fold
    assert (fold.badge.text(), fold.badge.accessibleName()) == ("1", "1 error")
