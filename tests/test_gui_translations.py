"""The Chinese translation is complete, current with the code, and used by the window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from gui.i18n import install_translator
from gui.resources import resource_path

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


@pytest.fixture
def chinese(qapp) -> object:
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    yield qapp
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()


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
    assert form.keeps["sparse"].accessibleName() == "保留稀疏文件的空洞"
    assert [form.reflink.itemText(i) for i in range(form.reflink.count())] == [
        "自动",
        "总是",
        "从不",
    ]


def test_the_mode_box_speaks_chinese(chinese, qtbot) -> None:
    from gui.job_form import JobForm

    form = JobForm()
    qtbot.addWidget(form)
    shown = [form.mode.itemText(i) for i in range(form.mode.count())]
    assert [text.split("\uff08")[0] for text in shown] == ["复制", "镜像", "移动"]
    assert form.mode.accessibleName() == "模式"
