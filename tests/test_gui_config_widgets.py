"""The job configuration widgets: folder fields with drag-and-drop, generated option forms,
and the stage chain editor, driven as a user would on real widgets and real folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_actions import accessible_name
from helpers import Engine
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from engine import Job, StageSpec, dump_job_file, load_job_file
from engine.stages import available, build
from gui.stage_texts import option_help, option_label, stage_description
from gui.widgets import FolderField, OptionForm, StageChainEditor, folder_from_mime

REFUSED = "Drop one folder here; files and several folders can't be used."
DROP_ACTIONS = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction | Qt.DropAction.LinkAction


def mime_of(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drag_enter(widget: QWidget, mime: QMimeData) -> bool:
    """Send a real drag-enter event; return whether the widget accepted it."""
    event = QDragEnterEvent(
        QPoint(5, 5),
        DROP_ACTIONS,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def drop(widget: QWidget, mime: QMimeData) -> bool:
    """Drag over the widget and drop, as a file manager does; return whether it was taken."""
    drag_enter(widget, mime)
    event = QDropEvent(
        QPointF(5, 5),
        DROP_ACTIONS,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


@pytest.fixture
def field(qtbot: QtBot) -> FolderField:
    widget = FolderField(
        "S&ource", "Drop it here to copy from this folder", "Choose the source folder", "source"
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def editor(qtbot: QtBot) -> StageChainEditor:
    widget = StageChainEditor()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose(combo: QWidget, value: str) -> None:
    """Pick the entry of a choice option's box that stands for `value`, as a user does."""
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(value))


def make_form(qtbot: QtBot, stage: str, values: dict[str, object] | None = None) -> OptionForm:
    form = OptionForm(available()[stage], values)
    qtbot.addWidget(form)
    form.show()
    return form


def add_stage(editor: StageChainEditor, name: str) -> None:
    """Pick a stage from the Add stage menu."""
    (action,) = [a for a in editor.add_menu.actions() if a.data() == name]
    action.trigger()


def names(editor: StageChainEditor) -> list[str]:
    return [spec.name for spec in editor.specs()]


def current_form(editor: StageChainEditor) -> OptionForm:
    form = editor.current_form()
    assert form is not None
    return form


# Folder field


def test_dropping_one_folder_fills_the_field(
    qtbot: QtBot, field: FolderField, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    assert drag_enter(field, mime_of(folder))
    with qtbot.waitSignal(field.changed, timeout=1000) as blocker:
        assert drop(field, mime_of(folder))
    assert field.path() == str(folder)
    assert blocker.args == [str(folder)]
    assert field.error() is None


def test_dropping_a_file_is_refused_with_an_explanation(field: FolderField, tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("hello")
    field.set_path("/kept")
    assert not drag_enter(field, mime_of(file))
    assert not drop(field, mime_of(file))
    assert field.path() == "/kept"
    assert field.error() == REFUSED
    assert field.error_label.isVisible()
    assert field.error_label.text() == REFUSED


def test_dropping_two_folders_is_refused_with_an_explanation(
    field: FolderField, tmp_path: Path
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    assert not drag_enter(field, mime_of(first, second))
    assert not drop(field, mime_of(first, second))
    assert field.path() == ""
    assert field.error() == REFUSED


def test_folder_from_mime_accepts_exactly_one_local_folder(tmp_path: Path) -> None:
    folder, other, file = tmp_path / "folder", tmp_path / "other", tmp_path / "file.txt"
    folder.mkdir()
    other.mkdir()
    file.write_text("x")
    web = QMimeData()
    web.setUrls([QUrl("https://example.com/folder")])
    text = QMimeData()
    text.setText(str(folder))
    assert folder_from_mime(mime_of(folder)) == (str(folder), None)
    assert folder_from_mime(mime_of(file)) == (None, REFUSED)
    assert folder_from_mime(mime_of(folder, other)) == (None, REFUSED)
    assert folder_from_mime(mime_of(tmp_path / "gone")) == (None, REFUSED)
    assert folder_from_mime(web) == (None, REFUSED)
    assert folder_from_mime(text) == (None, REFUSED)


def test_a_new_path_clears_a_refused_drop_message(field: FolderField, tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("hello")
    drop(field, mime_of(file))
    field.set_path(str(tmp_path))
    assert field.error() is None
    assert not field.error_label.isVisible()


def test_set_path_shows_the_path_and_emits_changed(qtbot: QtBot, field: FolderField) -> None:
    with qtbot.waitSignal(field.changed, timeout=1000) as blocker:
        field.set_path("/data/photos")
    assert blocker.args == ["/data/photos"]
    assert field.line_edit.text() == "/data/photos"
    assert field.path() == "/data/photos"


def test_typing_a_path_emits_changed_with_the_text(qtbot: QtBot, field: FolderField) -> None:
    with qtbot.waitSignals([field.changed] * 4, timeout=1000):
        qtbot.keyClicks(field.line_edit, "/src")
    assert field.path() == "/src"


def test_set_error_shows_the_problem_under_the_field_until_cleared(field: FolderField) -> None:
    field.set_error("source folder 'x' does not exist")
    assert field.error() == "source folder 'x' does not exist"
    assert field.error_label.isVisible()
    assert field.line_edit.accessibleDescription() == "source folder 'x' does not exist"
    field.set_error(None)
    assert field.error() is None
    assert not field.error_label.isVisible()


def test_folder_field_controls_have_tooltips_and_accessible_names(field: FolderField) -> None:
    for control in (field.line_edit, field.browse_button):
        assert control.toolTip()
    assert accessible_name(field.line_edit) == "Source"
    assert accessible_name(field.browse_button) == "Choose the source folder"
    assert not field.line_edit.acceptDrops()


# Option form


def test_each_option_kind_gets_its_own_kind_of_widget(qtbot: QtBot) -> None:
    gzip, checksum, exec_ = (make_form(qtbot, n) for n in ("gzip", "checksum", "exec"))
    assert isinstance(gzip.editor("level"), QSpinBox)
    assert isinstance(gzip.editor("force"), QCheckBox)
    assert isinstance(gzip.editor("match"), QLineEdit)
    combo = checksum.editor("algo")
    assert isinstance(combo, QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == ["sha256", "sha1", "md5", "blake2b"]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "SHA-256",
        "SHA-1",
        "MD5",
        "BLAKE2b",
    ]
    timeout = exec_.editor("timeout")
    assert (timeout.minimum(), timeout.maximum()) == (0, 7 * 24 * 3600)
    assert isinstance(exec_.editor("cmd"), QLineEdit)


def test_every_option_has_a_label_buddy_tooltip_and_accessible_name(qtbot: QtBot) -> None:
    form = make_form(qtbot, "resize")
    buddies = {label.buddy() for label in form.findChildren(QLabel) if label.buddy()}
    for option in available()["resize"].all_options():
        editor = form.editor(option.name)
        assert editor in buddies, option.name
        assert option_help(option) in editor.toolTip()
        assert editor.accessibleName() == option_label(option)


def test_gzip_level_spin_box_is_bounded_one_to_nine_with_default_six(qtbot: QtBot) -> None:
    spin = make_form(qtbot, "gzip").editor("level")
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 9, 6)


def test_typing_an_out_of_range_level_is_refused_by_the_spin_box(qtbot: QtBot) -> None:
    form = make_form(qtbot, "gzip")
    spin = form.editor("level")
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "12")
    assert spin.value() == 1
    assert form.values() == {"level": 1}
    assert form.error() is None


def test_an_out_of_range_value_from_a_job_is_reported_not_clipped(qtbot: QtBot) -> None:
    form = make_form(qtbot, "gzip", {"level": 12})
    assert form.error() == "option 'level' of stage 'gzip' must be between 1 and 9, not 12"
    assert form.values() == {"level": 12}


def test_a_value_out_of_range_is_explained_at_its_field_from_the_declared_range(
    qtbot: QtBot,
) -> None:
    form = make_form(qtbot, "gzip", {"level": 12})
    assert form.field_error("level") == "Enter a whole number from 1 to 9."
    assert form.field_error("match") == ""


def test_a_bad_text_option_shows_the_command_lines_error(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    form = make_form(qtbot, "resize")
    with qtbot.waitSignal(form.changed, timeout=1000):
        qtbot.keyClicks(form.editor("max"), "big")
    (tmp_path / "src").mkdir()
    cli = engine("run", tmp_path / "src", tmp_path / "dst", "--stage", "resize:max=big")
    assert cli.returncode == 2
    assert cli.stderr == f"engine: error: {form.error()}\n"
    assert "'big'" in (form.error() or "")


def test_a_bad_text_option_is_explained_at_its_field_in_plain_words(qtbot: QtBot) -> None:
    form = make_form(qtbot, "resize")
    qtbot.keyClicks(form.editor("max"), "big")
    assert form.field_error("max") == (
        "Must be WIDTHxHEIGHT or N, like 1920x1080 or 800, with sides of at least 1, not 'big'"
    )
    assert form.error_label.isHidden()


def test_a_missing_required_option_is_explained_at_its_field(qtbot: QtBot) -> None:
    form = make_form(qtbot, "resize")
    assert form.field_error("max") == ("Required: WIDTHxHEIGHT or N, like max=1920x1080 or max=800")


def test_fixing_a_bad_option_clears_the_error(qtbot: QtBot) -> None:
    form = make_form(qtbot, "resize", {"max": "big"})
    assert form.error()
    line = form.editor("max")
    line.clear()
    qtbot.keyClicks(line, "1600")
    assert form.error() is None
    assert form.field_error("max") == ""


def test_values_hold_only_options_that_differ_from_their_defaults(qtbot: QtBot) -> None:
    form = make_form(qtbot, "gzip")
    assert form.values() == {}
    form.editor("level").setValue(9)
    form.editor("force").setChecked(True)
    form.editor("level").setValue(6)
    assert form.values() == {"force": True}


def test_values_round_trip_into_a_stage_spec_the_engine_builds(qtbot: QtBot) -> None:
    form = make_form(qtbot, "resize")
    form.editor("max").setText("1920x1080")
    choose(form.editor("format"), "webp")
    form.editor("quality").setValue(70)
    values = form.values()
    assert values == {"max": "1920x1080", "format": "webp", "quality": 70}
    stage = build(StageSpec("resize", values))
    assert stage.options["quality"] == 70
    again = make_form(qtbot, "resize", values)
    assert again.values() == values


def test_command_line_strings_are_parsed_into_typed_values(qtbot: QtBot) -> None:
    form = make_form(qtbot, "exec", {"cmd": "gzip -c {in}", "timeout": "2.5"})
    assert form.values() == {"cmd": "gzip -c {in}", "timeout": 2.5}
    assert form.error() is None


def test_an_empty_text_field_means_the_default_shown_as_placeholder(qtbot: QtBot) -> None:
    form = make_form(qtbot, "reencode", {"to": "utf-8"})
    line = form.editor("from")
    assert (line.text(), line.placeholderText()) == ("", "auto")
    assert form.values() == {}


def test_an_empty_text_field_without_a_default_hints_with_the_stages_example(
    qtbot: QtBot,
) -> None:
    form = make_form(qtbot, "exec")
    assert form.editor("cmd").placeholderText() == "e.g. pandoc {in} -o {out}"
    assert form.editor("match").placeholderText() == "all files"


def test_an_unknown_option_is_kept_and_reported(qtbot: QtBot) -> None:
    form = make_form(qtbot, "gzip", {"levle": 9})
    assert form.values() == {"levle": 9}
    assert form.error() == "stage 'gzip' has no option levle (it takes: level, force, match)"


def test_each_edit_emits_changed(qtbot: QtBot) -> None:
    form = make_form(qtbot, "checksum")
    with qtbot.waitSignal(form.changed, timeout=1000):
        choose(form.editor("algo"), "md5")
    assert form.values() == {"algo": "md5"}


# Stage chain editor


def chip_words(editor: StageChainEditor) -> list[tuple[str, str]]:
    """What each chip of the pipeline says: the stage's name and its options in brief."""
    return [(chip.title(), chip.summary()) for chip in editor.chips()]


def test_the_chain_starts_with_one_copy_stage(editor: StageChainEditor) -> None:
    assert editor.specs() == (StageSpec("copy"),)
    assert editor.errors() == []
    assert not editor.remove_button.isEnabled()


def test_the_pipeline_shows_each_stage_with_its_options_in_brief(
    editor: StageChainEditor,
) -> None:
    editor.set_specs(
        [StageSpec("copy"), StageSpec("resize", {"max": "1600"}), StageSpec("checksum")]
    )
    assert chip_words(editor) == [
        ("Copy", "every file"),
        ("Resize images", "1600 px"),
        ("Checksum", "SHA-256"),
    ]


def test_a_chip_follows_its_stages_options_as_they_are_edited(
    editor: StageChainEditor,
) -> None:
    add_stage(editor, "gzip")
    current_form(editor).editor("level").setValue(9)
    current_form(editor).editor("match").setText("*.log")
    assert chip_words(editor)[1] == ("Gzip", "level 9, only *.log")


def test_the_add_menu_offers_every_stage_with_its_description(editor: StageChainEditor) -> None:
    tips = {action.data(): action.toolTip() for action in editor.add_menu.actions()}
    assert tips == {name: stage_description(cls) for name, cls in available().items()}


def test_added_stages_go_after_the_selected_one(editor: StageChainEditor) -> None:
    add_stage(editor, "gzip")
    add_stage(editor, "checksum")
    editor.select(0)
    add_stage(editor, "zstd")
    assert names(editor) == ["copy", "zstd", "gzip", "checksum"]
    assert editor.current_index() == 1
    assert current_form(editor).values() == {}


def test_clicking_a_chip_shows_that_stages_options(qtbot: QtBot, editor: StageChainEditor) -> None:
    add_stage(editor, "gzip")
    add_stage(editor, "checksum")
    qtbot.mouseClick(editor.chips()[1], Qt.MouseButton.LeftButton)
    assert editor.current_index() == 1
    assert editor.details.title() == "Stage 2: Gzip"
    assert current_form(editor).editor("level").isVisible()


def test_buttons_reorder_and_remove_stages(qtbot: QtBot, editor: StageChainEditor) -> None:
    add_stage(editor, "gzip")
    add_stage(editor, "checksum")
    earlier, later, remove = editor.earlier_button, editor.later_button, editor.remove_button
    with qtbot.waitSignal(editor.changed, timeout=1000):
        qtbot.mouseClick(earlier, Qt.MouseButton.LeftButton)
    assert names(editor) == ["copy", "checksum", "gzip"]
    qtbot.mouseClick(earlier, Qt.MouseButton.LeftButton)
    assert names(editor) == ["checksum", "copy", "gzip"]
    assert not earlier.isEnabled()
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert names(editor) == ["copy", "checksum", "gzip"]
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert names(editor) == ["copy", "gzip"]
    assert chip_words(editor)[editor.current_index()][0] == "Gzip"


def test_keyboard_moves_and_deletes_the_selected_stage(
    qtbot: QtBot, editor: StageChainEditor
) -> None:
    add_stage(editor, "gzip")
    add_stage(editor, "checksum")
    chip = editor.chips()[2]
    qtbot.keyClick(chip, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert names(editor) == ["copy", "checksum", "gzip"]
    qtbot.keyClick(chip, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert names(editor) == ["copy", "gzip", "checksum"]
    qtbot.keyClick(chip, Qt.Key.Key_Delete)
    assert names(editor) == ["copy", "gzip"]


def test_the_arrow_keys_select_the_next_stage(qtbot: QtBot, editor: StageChainEditor) -> None:
    add_stage(editor, "gzip")
    editor.select(0)
    editor.activateWindow()
    qtbot.waitActive(editor)
    first, second = editor.chips()
    qtbot.waitUntil(lambda: second.x() > first.x(), timeout=1000)  # laid out, left to right
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)
    assert editor.current_index() == 1
    assert current_form(editor).editor("level").isVisible()


def test_the_last_stage_cannot_be_removed(qtbot: QtBot, editor: StageChainEditor) -> None:
    qtbot.keyClick(editor.chips()[0], Qt.Key.Key_Delete)
    assert names(editor) == ["copy"]


def test_option_edits_reach_the_specs_and_emit_changed(
    qtbot: QtBot, editor: StageChainEditor
) -> None:
    add_stage(editor, "gzip")
    with qtbot.waitSignal(editor.changed, timeout=1000):
        current_form(editor).editor("level").setValue(9)
    assert editor.specs() == (StageSpec("copy"), StageSpec("gzip", {"level": 9}))


def test_the_selected_stage_shows_its_description(editor: StageChainEditor) -> None:
    add_stage(editor, "checksum")
    texts = [label.text() for label in editor.pages.currentWidget().findChildren(QLabel)]
    assert stage_description(available()["checksum"]) in texts


def test_specs_round_trip_through_a_job_and_a_job_file(
    qtbot: QtBot, editor: StageChainEditor, tmp_path: Path
) -> None:
    add_stage(editor, "gzip")
    current_form(editor).editor("level").setValue(9)
    current_form(editor).editor("match").setText("*.log;*.txt")
    add_stage(editor, "checksum")
    choose(current_form(editor).editor("algo"), "blake2b")
    add_stage(editor, "exec")
    current_form(editor).editor("cmd").setText("cat {in}")
    current_form(editor).editor("timeout").setValue(2.5)
    (tmp_path / "src").mkdir()
    job = Job(source=tmp_path / "src", target=tmp_path / "dst", stages=editor.specs())
    assert job.validated().stages == editor.specs()
    job_file = tmp_path / "job.toml"
    job_file.write_text(dump_job_file(job))
    loaded = StageChainEditor()
    qtbot.addWidget(loaded)
    loaded.set_specs(load_job_file(job_file)["stages"])
    assert loaded.specs() == editor.specs()
    assert loaded.errors() == []


def test_errors_name_each_invalid_stage_and_its_position(editor: StageChainEditor) -> None:
    editor.set_specs([StageSpec("copy"), StageSpec("resize"), StageSpec("gzip", {"level": 0})])
    assert editor.errors() == [
        "Stage 2 (Resize images): stage 'resize' needs option 'max': WIDTHxHEIGHT or N, "
        "like max=1920x1080 or max=800",
        "Stage 3 (Gzip): option 'level' of stage 'gzip' must be between 1 and 9, not 0",
    ]
    assert editor.chips()[1].toolTip().startswith("stage 'resize' needs option 'max'")


def test_a_stage_that_is_not_installed_is_kept_and_reported(editor: StageChainEditor) -> None:
    specs = (StageSpec("copy"), StageSpec("sharpen", {"amount": 2}))
    editor.set_specs(specs)
    assert editor.specs() == specs
    (error,) = editor.errors()
    assert error.startswith("Stage 2 (sharpen): unknown stage 'sharpen' (available: ")


def test_tab_from_add_stage_reaches_the_selected_stages_options(
    qtbot: QtBot, editor: StageChainEditor
) -> None:
    add_stage(editor, "gzip")
    add_stage(editor, "checksum")
    editor.select(1)
    level = current_form(editor).editor("level")
    editor.activateWindow()
    qtbot.waitActive(editor)
    editor.chips()[1].setFocus()
    qtbot.keyClick(editor.chips()[1], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.add_button
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Tab)
    assert level.hasFocus()
