"""Steering a running job from the run view, on real jobs: what each worker shows of the big
file it is on, the rows a smaller pool lets go, and the speed limit changed while the job
runs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_actions import end_job
from helpers import MiB, write_tree
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engine import Job, Progress
from gui.main_window import MainWindow
from gui.widgets.now_copying import DONE, PERCENT, STATE, NowCopying

RUN_TIMEOUT_MS = 60_000

pytestmark = pytest.mark.usefixtures("english_locale")


def cell(table: NowCopying, row: int, column: int) -> str:
    item = table.table.item(row, column)
    return item.text() if item is not None else ""


def share(table: NowCopying) -> int:
    """The first worker's share of its file, in percent (0 until one is shown)."""
    text = cell(table, 0, PERCENT).rstrip("%")
    return int(text) if text.isdigit() else 0


class Latest:
    """The latest progress the window's bridge reported."""

    def __init__(self, window: MainWindow) -> None:
        self.progress: Progress | None = None
        window.bridge.progress.connect(self._keep)

    def _keep(self, progress: Progress) -> None:
        self.progress = progress

    @property
    def bytes_done(self) -> int:
        return self.progress.bytes_done if self.progress is not None else 0


@pytest.fixture
def latest(window: MainWindow) -> Iterator[Latest]:
    yield Latest(window)


def start_big_files(
    window: MainWindow, src: Path, dst: Path, *, files: int, size: int, bwlimit: int
) -> None:
    """Start a job of `files` files of `size` random bytes, one worker each, each worker held
    to `bwlimit` bytes per second."""
    write_tree(src, {f"big{i}.bin": os.urandom(size) for i in range(files)})
    window.set_job(Job(src, dst, workers=files, bwlimit=bwlimit))
    window.start()


def set_limit(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type a speed limit into the run view and press Enter, as a user does."""
    field = window.run_view.limit
    field.setText(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_workers_row_shows_the_bytes_and_share_of_its_file_advancing(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    start_big_files(window, src, dst, files=1, size=4 * MiB, bwlimit=2 * MiB)
    table = window.now_copying
    qtbot.waitUntil(lambda: share(table) > 0, timeout=RUN_TIMEOUT_MS)
    first, first_done = share(table), cell(table, 0, DONE)
    qtbot.waitUntil(lambda: share(table) > first, timeout=RUN_TIMEOUT_MS)
    assert first_done.endswith(" of 4.2 MB")
    assert cell(table, 0, DONE) != first_done
    end_job(qtbot, window)


def test_lowering_the_workers_marks_the_rows_that_finish_their_file_then_stop(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path
) -> None:
    start_big_files(window, src, dst, files=2, size=4 * MiB, bwlimit=MiB)
    table = window.now_copying
    qtbot.waitUntil(lambda: share(table) > 0, timeout=RUN_TIMEOUT_MS)
    window.run_view.pool.setValue(1)
    qtbot.waitUntil(
        lambda: (
            [cell(table, row, STATE) for row in range(table.table.rowCount())]
            in (
                ["copying", "finishing this file, then stopping"],
                ["finishing this file, then stopping", "copying"],
            )
        ),
        timeout=10_000,
    )
    end_job(qtbot, window)


def test_lowering_the_speed_limit_while_a_job_runs_slows_it(
    qtbot: QtBot, window: MainWindow, latest: Latest, src: Path, dst: Path
) -> None:
    start_big_files(window, src, dst, files=1, size=32 * MiB, bwlimit=4 * MiB)
    qtbot.waitUntil(lambda: latest.bytes_done > 0, timeout=RUN_TIMEOUT_MS)
    set_limit(qtbot, window, "100k")
    qtbot.wait(500)  # the worker keeps to a new limit from its next chunk
    before = latest.bytes_done
    qtbot.wait(1000)
    assert latest.bytes_done - before < 400_000  # a tenth of a second at the old limit
    end_job(qtbot, window)


def test_lifting_the_speed_limit_lets_the_job_finish_at_once(
    qtbot: QtBot, window: MainWindow, latest: Latest, src: Path, dst: Path
) -> None:
    start_big_files(window, src, dst, files=1, size=8 * MiB, bwlimit=256 * 1024)  # 32 s
    qtbot.waitUntil(lambda: latest.bytes_done > 0, timeout=RUN_TIMEOUT_MS)
    with qtbot.waitSignal(window.bridge.finished, timeout=10_000) as finished:
        set_limit(qtbot, window, "")
    assert finished.args[0].files_done == 1
    assert (dst / "big0.bin").read_bytes() == (src / "big0.bin").read_bytes()


@pytest.mark.parametrize(
    ("typed", "said", "in_force"),
    [
        ("2048k", "Speed limit now 2M/s per worker", "2M"),
        ("fast", "'fast' is not a size (use e.g. 500k, 10M, 1G)", "1M"),
    ],
)
def test_the_status_bar_says_what_became_of_a_typed_limit_and_the_field_the_limit_in_force(
    qtbot: QtBot, window: MainWindow, src: Path, dst: Path, typed: str, said: str, in_force: str
) -> None:
    start_big_files(window, src, dst, files=1, size=4 * MiB, bwlimit=MiB)
    set_limit(qtbot, window, typed)
    assert window.statusBar().currentMessage() == said
    assert window.run_view.limit.text() == in_force
    end_job(qtbot, window)
