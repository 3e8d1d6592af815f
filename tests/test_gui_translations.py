"""The Chinese translation is complete, current with the code, and used by the window."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel

from engine import StageSpec
from engine.stages import available
from gui import i18n
from gui.i18n import install_translator
from gui.resources import resource_path
from gui.stage_texts import CHOICES, ENGINE_TEXTS, OPTION_LABELS, TITLES, stage_description

TS = resource_path("translations", "conveyor_zh_CN.ts")
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


def sources(ts: Path) -> set[tuple[str, str]]:
    root = ElementTree.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_message_is_translated() -> None:
    root = ElementTree.parse(TS).getroot()
    unfinished = [
        message.findtext("source")
        for message in root.iter("message")
        if message.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
    ]
    assert unfinished == []


def test_the_translation_covers_every_string_in_the_code(tmp_path: Path) -> None:
    """Someone who adds a tr() string must run lupdate and translate it."""
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p) for p in resource_path().parent.joinpath("gui").rglob("*.py"))
    subprocess.run([LUPDATE, *files, "-ts", fresh], check=True, capture_output=True, timeout=60)
    assert sources(fresh) - sources(TS) == set()


def test_the_window_speaks_chinese_when_asked(chinese, qtbot, tmp_path: Path) -> None:
    from gui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.start_button.text() == "开始(&S)"
    assert window.start_button.accessibleName() == "开始"
    assert QCoreApplication.translate("MainWindow", "&Start") == "开始(&S)"


def test_the_keep_boxes_and_the_clone_box_speak_chinese(chinese, qtbot) -> None:
    from gui.job_form import JobForm

    form = JobForm()
    qtbot.addWidget(form)
    assert form.keeps["owner"].text() == "所有者和组(&G)"
    assert form.keeps["sparse"].text() == "稀疏文件的空洞"
    assert [form.reflink.itemText(i) for i in range(form.reflink.count())] == [
        "自动",
        "总是",
        "从不",
    ]


def test_the_modes_speak_chinese(chinese, qtbot) -> None:
    from gui.job_form import JobForm

    form = JobForm()
    qtbot.addWidget(form)
    assert [button.text() for button in form.mode_buttons.values()] == ["复制", "镜像", "移动"]


def test_the_stage_table_holds_every_text_of_the_built_in_stages() -> None:
    """A reworded description or option help in the engine must be reworded here (and
    translated), or the app would show it in English."""
    for name in TITLES:
        stage = available()[name]
        assert stage.description in ENGINE_TEXTS, name
        for option in stage.all_options():
            assert option.help in ENGINE_TEXTS, (name, option.name)
            assert option.name in OPTION_LABELS, (name, option.name)
            assert set(option.choices) <= CHOICES.keys(), (name, option.name)


def test_every_built_in_stage_has_a_title() -> None:
    built_in = {n for n, s in available().items() if s.__module__.startswith("engine.")}
    assert built_in == TITLES.keys()


def test_stages_their_options_and_summaries_speak_chinese(chinese, qtbot) -> None:
    from gui.widgets import StageChainEditor

    editor = StageChainEditor()
    qtbot.addWidget(editor)
    editor.set_specs([StageSpec("resize", {"max": "1600"}), StageSpec("checksum")])
    assert [(chip.title(), chip.summary()) for chip in editor.chips()] == [
        ("调整图像大小", "1600 像素"),
        ("校验和", "SHA-256"),
    ]
    form = editor.current_form()
    assert form is not None
    labels = {label.text() for label in form.findChildren(QLabel)}
    assert "适应范围\uff1a" in labels  # a full-width colon
    assert stage_description(available()["resize"]).startswith("缩小图像")
    assert form.field_error("max") == ""


def test_accelerators_stay_unique_in_chinese(chinese, qtbot, tmp_path: Path) -> None:
    from gui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    for view in (window.setup_view, window.run_view):
        texts = [w.text() for kind in (QLabel, QAbstractButton) for w in view.findChildren(kind)]
        letters = re.findall(r"&([^&])", "\n".join([*texts, *menus]).replace("&&", ""))
        assert len(letters) == len(set(letters)), view.objectName()


def test_another_copy_of_the_app_with_other_translations_does_not_replace_these(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two versions installed, or two checkouts under test, share the user's cache folder:
    each must load the translation compiled from its own source, whichever was compiled
    last."""
    other = tmp_path / "translations" / "conveyor_zh_CN.ts"
    other.parent.mkdir()
    other.write_text(TS.read_text(encoding="utf-8").replace("开始(&amp;S)", "另一个"))
    for source, expected in ((other, "另一个"), (TS, "开始(&S)")):
        monkeypatch.setattr(i18n, "resource_path", lambda *parts, s=source: s)
        assert install_translator(qapp, "zh_CN") == "zh_CN"
        try:
            assert QCoreApplication.translate("MainWindow", "&Start") == expected
        finally:
            for translator in qapp.findChildren(QTranslator):
                qapp.removeTranslator(translator)
                translator.deleteLater()
