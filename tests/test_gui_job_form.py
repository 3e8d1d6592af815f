"""The job form's Keep boxes (what a copy preserves) and its clone choice, driven on real
widgets: what the user checks and picks is what the job says, and a loaded job shows as
it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from engine import Job, Reflink
from engine.job import PRESERVED
from gui import job_form
from gui.job_form import JobForm
from gui.main_window import MainWindow


@pytest.fixture
def form(qtbot: QtBot, src: Path, dst: Path) -> JobForm:
    widget = JobForm()
    qtbot.addWidget(widget)
    widget.source.set_path(str(src))
    widget.target.set_path(str(dst))
    return widget


def choose_reflink(form: JobForm, reflink: Reflink) -> None:
    """Pick an entry of the clone box, as a user does."""
    form.reflink.setCurrentIndex(form.reflink.findData(reflink.value))


def show_active(qtbot: QtBot, window: MainWindow) -> None:
    """Show the window with its Options open, and wait until it has the keyboard, which
    shortcuts need."""
    window.form.options.set_open(True)
    with qtbot.waitActive(window, timeout=5000):
        window.show()
        window.activateWindow()


def test_the_keep_boxes_are_folded_into_options_until_it_opens(form: JobForm) -> None:
    form.show()
    assert not form.keeps["owner"].isVisible()
    form.options.set_open(True)
    assert form.keeps["owner"].isVisible()


def test_the_options_summary_says_what_the_folded_options_hold(form: JobForm) -> None:
    assert form.options.summary.text() == "everything kept, no filters, no limits"
    form.exclude.setText("*.tmp")
    form.keeps["acls"].setChecked(False)
    form.bwlimit.setText("10M")
    assert form.options.summary.text() == ("leaving out *.tmp; not keeping ACLs; 10M/s per worker")


def test_the_form_has_one_keep_box_per_preserved_word_in_the_engines_order(
    form: JobForm,
) -> None:
    assert list(form.keeps) == list(PRESERVED)


def test_a_new_form_keeps_everything(form: JobForm) -> None:
    assert all(check.isChecked() for check in form.keeps.values())
    assert form.job().no_preserve == ()


def test_unchecking_keep_boxes_leaves_those_words_out_of_the_job(
    qtbot: QtBot, form: JobForm
) -> None:
    form.show()
    form.options.set_open(True)
    for word in ("specials", "xattrs"):
        qtbot.mouseClick(form.keeps[word], Qt.MouseButton.LeftButton)
    assert form.job().no_preserve == ("xattrs", "specials")


def test_set_job_unchecks_the_boxes_of_its_no_preserve_words_and_checks_the_others(
    form: JobForm, src: Path, dst: Path
) -> None:
    form.keeps["owner"].setChecked(False)
    form.set_job(Job(src, dst, no_preserve=("hard-links", "sparse")))
    unchecked = [word for word, check in form.keeps.items() if not check.isChecked()]
    assert unchecked == ["sparse", "hard-links"]


def test_a_preserved_word_without_a_keep_box_text_stops_the_form_at_startup(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(job_form, "PRESERVED", (*PRESERVED, "colour"))
    with pytest.raises(RuntimeError, match="no Keep box text for \\['colour'\\]"):
        JobForm()


@pytest.mark.parametrize("reflink", list(Reflink))
def test_reflink_round_trips_through_set_job_and_job(
    form: JobForm, src: Path, dst: Path, reflink: Reflink
) -> None:
    form.set_job(Job(src, dst, reflink=reflink))
    assert form.reflink.currentData() == reflink.value
    assert form.job().reflink is reflink


def test_choosing_a_clone_entry_reaches_the_job(form: JobForm) -> None:
    assert form.job().reflink is Reflink.AUTO
    choose_reflink(form, Reflink.NEVER)
    assert form.job().reflink is Reflink.NEVER


def test_the_clone_box_offers_automatic_always_and_never_each_with_a_tooltip(
    form: JobForm,
) -> None:
    box = form.reflink
    entries = [(box.itemText(i), box.itemData(i)) for i in range(box.count())]
    assert entries == [("Automatic", "auto"), ("Always", "always"), ("Never", "never")]
    tips = [box.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(box.count())]
    assert all(tips) and len(set(tips)) == len(tips)


def test_always_cloning_with_verify_disables_start_with_the_engines_reason(
    form: JobForm,
) -> None:
    assert form.is_valid()
    form.checks["verify"].setChecked(True)
    choose_reflink(form, Reflink.ALWAYS)
    assert not form.is_valid()
    assert form.problem().startswith("reflink always and verify do not go together")
    choose_reflink(form, Reflink.AUTO)
    assert form.is_valid()


def test_alt_and_a_keep_boxs_letter_toggles_it(qtbot: QtBot, window: MainWindow) -> None:
    show_active(qtbot, window)
    owner = window.form.keeps["owner"]
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not owner.isChecked(), timeout=1000)
    assert owner.hasFocus()


def test_alt_y_moves_the_focus_to_the_clone_box(qtbot: QtBot, window: MainWindow) -> None:
    show_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is window.form.reflink


def test_settings_without_a_control_survive_a_round_trip_through_the_form(
    qtbot, tmp_path: Path
) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir()
    (src / "a.txt").write_text("a")
    form = JobForm()
    qtbot.addWidget(form)
    job = Job(src, dst, delete=True, max_delete=5, modify_window=2.0, move=False)

    form.set_job(job)

    again = form.job()
    assert (again.delete, again.max_delete, again.modify_window) == (True, 5, 2.0)
