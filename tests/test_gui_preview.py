"""The preview dialog, on real trees with real stages: it fills its table from a pool thread,
keeps the window responsive meanwhile, and closes at once when cancelled."""

from __future__ import annotations

import io
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import write_tree
from PIL import Image
from PySide6.QtCore import QLocale, Qt, QThreadPool, QTimer
from pytestqt.qtbot import QtBot

from engine import Job, StageSpec
from engine.preview import Preview
from gui.formatting import format_percent, format_rate, format_size
from gui.preview_dialog import PreviewDialog, format_seconds

WAIT_MS = 10_000
TEXT = "the quick brown fox jumps over the lazy dog\n"
INPUT, OUTPUT, RATIO, ERROR = 1, 2, 3, 5


@pytest.fixture(autouse=True)
def pool_threads_end() -> Iterator[None]:
    """Every preview a test starts must have ended (and its commands with it) by teardown."""
    yield
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)


def gated_job(src: Path, tmp_path: Path) -> tuple[Job, Path, Path]:
    """A job whose exec stage signals when it starts, then waits until the gate file exists."""
    started, gate = tmp_path / "started", tmp_path / "gate"
    tool = tmp_path / "gated.sh"
    tool.write_text(
        f"touch {shlex.quote(str(started))}\n"
        f"while [ ! -e {shlex.quote(str(gate))} ]; do sleep 0.02; done\n"
        'cat "$1"\n'
    )
    write_tree(src, {"a.txt": TEXT})
    cmd = f"sh {shlex.quote(str(tool))} {{in}}"
    return Job(src, tmp_path / "dst", stages=(StageSpec("exec", {"cmd": cmd}),)), started, gate


def dialog_for(qtbot: QtBot, job: Job) -> PreviewDialog:
    dialog = PreviewDialog(job)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_table_fills_with_the_samples_of_a_gzip_job(
    qtbot: QtBot, src: Path, tmp_path: Path
) -> None:
    write_tree(src, {f"d{i % 2}/f{i}.txt": TEXT * 50 * (i + 1) for i in range(8)})
    dialog = dialog_for(qtbot, Job(src, tmp_path / "dst", workers=4, stages=(StageSpec("gzip"),)))
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS) as blocker:
        dialog.start()
    result: Preview = blocker.args[0]
    assert dialog.table.rowCount() == len(result.samples) == 5
    for row, sample in enumerate(result.samples):
        assert dialog.table.item(row, 0).text() == sample.path
        assert dialog.table.item(row, INPUT).text() == format_size(sample.input_bytes)
        assert dialog.table.item(row, OUTPUT).text() == format_size(sample.output_bytes)
        ratio = 100 * sample.output_bytes / sample.input_bytes
        assert ratio < 100
        assert dialog.table.item(row, RATIO).text() == format_percent(ratio)
        assert dialog.table.item(row, ERROR).text() == ""
    assert dialog.totals_label.text() == f"8 files, {format_size(result.total_bytes)}"
    assert dialog.estimate_label.text().endswith("with 4 workers")
    assert not dialog.busy_bar.isVisible()
    assert dialog.close_button.text() == "Close"
    assert not (tmp_path / "dst").exists()


def test_each_sample_names_the_stages_that_ran_on_it(
    qtbot: QtBot, src: Path, tmp_path: Path
) -> None:
    photo = io.BytesIO()
    Image.effect_noise((300, 200), 50).convert("RGB").save(photo, "JPEG")
    write_tree(src, {"photo.jpg": photo.getvalue(), **{f"t{i}.txt": TEXT * i for i in range(9)}})
    job = Job(src, tmp_path / "dst", stages=(StageSpec("resize", {"max": "50"}),))
    dialog = dialog_for(qtbot, job)
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS):
        dialog.start()
    tips = {
        dialog.table.item(row, 0).text(): dialog.table.item(row, 0).toolTip()
        for row in range(dialog.table.rowCount())
    }
    assert tips.pop("photo.jpg") == "photo.jpg\nthrough resize\nwritten as photo.jpg"
    assert tips
    assert all(tip.endswith("\nno stage applies: copied as it is") for tip in tips.values())


def test_a_speed_limit_is_named_with_the_estimate(qtbot: QtBot, src: Path, tmp_path: Path) -> None:
    write_tree(src, {f"f{i}.txt": TEXT * 100 for i in range(4)})
    dialog = dialog_for(qtbot, Job(src, tmp_path / "dst", workers=2, bwlimit=1 << 20))
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS):
        dialog.start()
    assert dialog.estimate_label.text() == (
        f"Under a second with 2 workers, each held to {format_rate(1 << 20)}"
    )


def test_the_window_stays_responsive_while_the_preview_runs(
    qtbot: QtBot, src: Path, tmp_path: Path
) -> None:
    job, started, gate = gated_job(src, tmp_path)
    dialog = dialog_for(qtbot, job)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    dialog.start()
    qtbot.waitUntil(started.exists, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=WAIT_MS)
    assert dialog.running
    assert dialog.busy_bar.isVisible()
    assert dialog.close_button.text() == "Cancel"
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS):
        gate.touch()
    timer.stop()
    assert dialog.table.item(0, 0).text() == "a.txt"
    assert dialog.table.item(0, OUTPUT).text() == format_size(len(TEXT))


def test_cancel_closes_at_once_and_stops_the_running_command(
    qtbot: QtBot, src: Path, tmp_path: Path
) -> None:
    job, started, _gate = gated_job(src, tmp_path)
    dialog = dialog_for(qtbot, job)
    dialog.start()
    qtbot.waitUntil(started.exists, timeout=WAIT_MS)
    with qtbot.assertNotEmitted(dialog.ready, wait=100):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        assert not dialog.running
        qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)


def test_a_failing_sample_shows_its_error_in_the_table(
    qtbot: QtBot, src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": TEXT})
    job = Job(src, tmp_path / "dst", stages=(StageSpec("exec", {"cmd": "false"}),))
    dialog = dialog_for(qtbot, job)
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS):
        dialog.start()
    assert "exited with status 1" in dialog.table.item(0, ERROR).text()
    assert dialog.table.item(0, OUTPUT).text() == "—"
    assert "1 of 1 samples failed" in dialog.status_label.text()
    assert dialog.estimate_label.text().startswith("No estimate")


def test_an_invalid_job_says_why_in_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, Job(tmp_path / "missing", tmp_path / "dst"))
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as blocker:
        dialog.start()
    assert "does not exist" in blocker.args[0]
    assert "does not exist" in dialog.status_label.text()
    assert not dialog.busy_bar.isVisible()
    assert dialog.table.rowCount() == 0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0004, "0.4 ms"),
        (0.25, "250 ms"),
        (4.24, "4.2 s"),
        (200, "3 min 20 s"),
        (7500, "2 h 5 min"),
    ],
)
def test_times_read_in_the_unit_that_suits_them(seconds: float, text: str) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        assert format_seconds(seconds) == text
    finally:
        QLocale.setDefault(previous)
