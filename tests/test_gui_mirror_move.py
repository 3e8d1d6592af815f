"""Mirror, Move and Compare from the app, on real widgets and real folders: the mode the
form shows is the job's, a mirror or a move runs only after a dry run's list is confirmed
(Cancel writes nothing), and Job → Compare lists what `engine check` finds in the log."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write_tree
from pytestqt.qtbot import QtBot

from engine import Job
from engine.check import Tally, Verdict
from gui.confirm_dialog import ConfirmDialog
from gui.job_form import JobForm, Mode
from gui.main_window import MainWindow

RUN_TIMEOUT_MS = 60_000


def choose_mode(form: JobForm, mode: Mode) -> None:
    """Pick an entry of the mode box, as a user does."""
    form.mode_buttons[mode].click()


def listed(dialog: ConfirmDialog, section: str) -> list[str]:
    return dialog.sections[section].model.stringList()


def start_and_wait_for_question(qtbot: QtBot, window: MainWindow) -> ConfirmDialog:
    """Press Start; the dry run runs and the dialog asks."""
    window.start_button.click()
    dialog = window.controller.confirmation
    assert dialog is not None
    assert not window.start_button.isEnabled()
    with qtbot.waitSignal(dialog.ready, timeout=RUN_TIMEOUT_MS):
        pass
    return dialog


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


# The mode in the form


@pytest.mark.parametrize(
    ("mode", "delete", "move"),
    [(Mode.COPY, False, False), (Mode.MIRROR, True, False), (Mode.MOVE, False, True)],
)
def test_the_mode_chosen_is_the_jobs_delete_and_move(
    qtbot: QtBot, src: Path, dst: Path, mode: Mode, delete: bool, move: bool
) -> None:
    write_tree(src, {"a.txt": "a"})
    form = JobForm()
    qtbot.addWidget(form)
    form.source.set_path(str(src))
    form.target.set_path(str(dst))
    choose_mode(form, mode)
    job = form.job()
    assert (job.delete, job.move) == (delete, move)


@pytest.mark.parametrize(
    ("delete", "move", "shown"),
    [
        (False, False, Mode.COPY),
        (True, False, Mode.MIRROR),
        (False, True, Mode.MOVE),
        (True, True, Mode.MOVE),
    ],
)
def test_set_job_shows_the_mode_and_job_gives_it_back(
    qtbot: QtBot, src: Path, dst: Path, delete: bool, move: bool, shown: Mode
) -> None:
    write_tree(src, {"a.txt": "a"})
    form = JobForm()
    qtbot.addWidget(form)
    form.set_job(Job(src, dst, delete=delete, move=move))
    assert form.current_mode() is shown
    job = form.job()
    # A job that both mirrors and moves shows as a move and keeps its delete.
    assert (job.delete, job.move) == (delete, move)


def test_a_mirror_of_an_empty_source_is_refused_beside_start(
    window: MainWindow, src: Path, dst: Path
) -> None:
    window.source.set_path(str(src))
    window.target.set_path(str(dst))
    choose_mode(window.form, Mode.MIRROR)
    assert not window.start_button.isEnabled()
    assert "is empty" in window.start_problem.text()
    window.start_button.click()
    assert window.controller.confirmation is None


def test_the_modes_follow_the_target_in_tab_order_and_say_what_they_do(
    qtbot: QtBot,
) -> None:
    form = JobForm()
    qtbot.addWidget(form)
    assert form.target.browse_button.nextInFocusChain() is form.mode_buttons[Mode.COPY]
    choose_mode(form, Mode.MIRROR)
    assert form.mode_note.text() == form.mode_buttons[Mode.MIRROR].toolTip()
    assert "delete" in form.mode_note.text()


# Mirrors


def test_a_mirror_lists_the_extras_and_cancel_deletes_nothing(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"keep.txt": "k", "sub/also.txt": "a"})
    write_tree(dst, {"keep.txt": "old", "extra.txt": "x", "gone/deep.txt": "d", "b\nad": "n"})
    before = files(dst)
    window.set_job(Job(src, dst, delete=True))
    assert window.form.current_mode() is Mode.MIRROR
    dialog = start_and_wait_for_question(qtbot, window)
    assert sorted(listed(dialog, "delete")) == sorted(
        ["extra.txt", "gone/deep.txt", "gone", "b\\nad"]
    )
    assert dialog.question_label.text() == "Delete 4 items in the target?"
    assert dialog.confirm_button.isEnabled()
    with qtbot.waitSignal(dialog.settled, timeout=5000) as settled:
        dialog.cancel_button.click()
    assert settled.args == [False]
    assert window.controller.confirmation is None
    assert not window.bridge.running
    assert files(dst) == before
    assert (dst / "keep.txt").read_text() == "old"
    assert window.start_button.isEnabled()


def test_a_confirmed_mirror_deletes_the_extras(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"keep.txt": "k"})
    write_tree(dst, {"extra.txt": "x", "gone/deep.txt": "d"})
    window.set_job(Job(src, dst, delete=True))
    dialog = start_and_wait_for_question(qtbot, window)
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as finished:
        dialog.confirm_button.click()
    assert finished.args[0].files_deleted == 3
    assert files(dst) == {"keep.txt"}
    assert (dst / "keep.txt").read_text() == "k"


def test_a_mirror_with_nothing_to_delete_starts_without_asking(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    window.set_job(Job(src, dst, delete=True))
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.start_button.click()
    assert files(dst) == {"a.txt"}


def test_a_dry_run_that_cannot_run_shows_why_and_starts_nothing(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"extra.txt": "x"})
    window.set_job(Job(src, dst, delete=True))
    assert window.start_button.isEnabled()
    (src / "a.txt").unlink()  # emptied after the form was checked: a disk that went away
    window.start_button.click()
    assert window.controller.confirmation is None
    assert "is empty" in window.start_problem.text()
    assert not window.bridge.running
    assert files(dst) == {"extra.txt"}


# Moves


def test_a_move_asks_then_moves(qtbot: QtBot, window: MainWindow, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    window.set_job(Job(src, dst, move=True))
    dialog = start_and_wait_for_question(qtbot, window)
    assert sorted(listed(dialog, "move")) == ["a.txt", "sub/b.txt"]
    assert dialog.question_label.text() == "Move 2 files out of the source?"
    assert files(src) == {"a.txt", "sub", "sub/b.txt"}  # the dry run moved nothing
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS) as finished:
        dialog.confirm_button.click()
    assert finished.args[0].files_moved == 2
    assert files(src) == set()
    assert (dst / "sub" / "b.txt").read_text() == "b"


def test_a_cancelled_move_leaves_the_source_alone(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    window.set_job(Job(src, dst, move=True))
    dialog = start_and_wait_for_question(qtbot, window)
    with qtbot.waitSignal(dialog.settled, timeout=5000):
        dialog.reject()
    assert files(src) == {"a.txt"}
    assert not dst.exists()


def test_cancel_during_the_dry_run_waits_for_it_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i:03}.txt": "x" for i in range(200)})
    window.set_job(Job(src, dst, move=True, workers=1))
    window.start_button.click()
    dialog = window.controller.confirmation
    assert dialog is not None and dialog.running
    with qtbot.waitSignal(dialog.settled, timeout=RUN_TIMEOUT_MS) as settled:
        dialog.reject()
        assert not window.start_button.isEnabled()
    assert settled.args == [False]
    assert len(files(src)) == 200
    qtbot.waitUntil(lambda: window.start_button.isEnabled(), timeout=5000)


# Comparing


def test_compare_lists_missing_and_extra_entries_in_the_log(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"same.txt": "s", "missing.txt": "m"})
    write_tree(dst, {"same.txt": "s", "extra.txt": "x"})
    window.set_job(Job(src, dst))
    info = (src / "same.txt").stat()
    os.utime(dst / "same.txt", ns=(info.st_atime_ns, info.st_mtime_ns))
    assert window.compare_action.isEnabled()
    with qtbot.waitSignal(window.controller.comparer.finished, timeout=RUN_TIMEOUT_MS) as done:
        window.compare_action.trigger()
    tally: Tally = done.args[0]
    assert tally.found[Verdict.MISSING] == 1 and tally.found[Verdict.EXTRA] == 1
    model = window.problems.model
    rows = {
        (model.data(model.index(row, 0)), model.data(model.index(row, 1)))
        for row in range(model.rowCount())
    }
    assert rows == {("Missing", "missing.txt"), ("Extra", "extra.txt")}
    assert window.statusBar().currentMessage() == "1 missing, 1 extra; 1 matching"
    assert window.problems.count_label.text() == "2 differences"
    assert window.views.currentWidget() is window.run_view
    assert window.run_view.problems_fold.is_open()
    assert files(dst) == {"same.txt", "extra.txt"}  # nothing written


def test_compare_of_a_missing_target_lists_every_source_file_as_missing(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    window.set_job(Job(src, dst, delete=True))
    with qtbot.waitSignal(window.controller.comparer.finished, timeout=RUN_TIMEOUT_MS):
        window.compare_action.trigger()
    assert window.problems.model.rowCount() == 1
    assert window.statusBar().currentMessage() == "1 missing; 0 matching"
    assert not dst.exists()
