"""The widgets that show a run: progress panel, throughput chart, worker table and log panel."""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from engine import FileEvent, LogMessage, Progress, Status, Summary, WorkerInfo, WorkerStatus
from gui.formatting import UNKNOWN, format_duration, format_rate, format_size
from gui.widgets.log_panel import LogPanel
from gui.widgets.progress_panel import BAR_STEPS, ProgressPanel
from gui.widgets.throughput_chart import ThroughputChart
from gui.widgets.worker_table import CPU, FILE, HOST, MEMORY, PID, STATE, WorkerTable

REFRESH_WAIT_MS = 5000  # a few of the worker table's one-second refresh ticks

BASE = Progress(
    files_done=90,
    files_updated=0,
    files_skipped=5,
    files_failed=5,
    files_total=400,
    bytes_done=250_000_000,
    bytes_total=1_000_000_000,
    bytes_copied=240_000_000,
    rate=12_500_000.0,
    eta_s=62.0,
    elapsed_s=20.0,
    scanning=False,
    paused=False,
)

SUMMARY = Summary(
    files_done=390,
    files_updated=0,
    files_skipped=5,
    files_failed=5,
    files_deleted=0,
    files_moved=0,
    deletions_held=0,
    bytes_done=900_000_000,
    elapsed_s=60.0,
    cancelled=False,
    dry_run=False,
    failures=(),
)


@pytest.fixture(autouse=True)
def english_numbers() -> Iterator[None]:
    """Fixed digit grouping and decimal point, whatever locale the machine has."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def sleepers() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Two real child processes that sleep; killed and reaped whatever the test does."""
    children = [
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) for _ in range(2)
    ]
    try:
        yield children
    finally:
        for child in children:
            child.send_signal(signal.SIGCONT)
            child.kill()
            child.wait(timeout=10)


def failed(path: str, reason: str = "permission denied") -> FileEvent:
    return FileEvent(path, Status.FAILED, 0, reason)


def cell(table: WorkerTable, row: int, column: int) -> str:
    item = table.table.item(row, column)
    return item.text() if item is not None else ""


def shown_rows(panel: LogPanel) -> list[tuple[str, str, str]]:
    proxy = panel.proxy
    return [
        tuple(proxy.index(row, column).data() for column in range(3))  # type: ignore[misc]
        for row in range(proxy.rowCount())
    ]


# formatting


def test_sizes_and_rates_use_decimal_units_and_the_locale_decimal_point() -> None:
    assert format_size(999) == "999 B"
    assert format_size(1_500_000) == "1.5 MB"
    assert format_size(999_960) == "1.0 MB"
    assert format_rate(12_300_000) == "12.3 MB/s"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert format_size(1_500_000) == "1,5 MB"


def test_durations_read_like_a_clock_and_unknown_is_a_dash() -> None:
    assert format_duration(42) == "0:42"
    assert format_duration(3723) == "1:02:03"
    assert format_duration(None) == UNKNOWN


# ProgressPanel


def test_progress_panel_shows_counts_bytes_rate_times_and_bar_by_bytes(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(BASE)
    assert panel.bar.value() == 250
    assert panel.bar.text() == "25.0%"
    assert panel.files_label.text() == "100 of 400 (5 skipped, 5 failed)"
    assert panel.bytes_label.text() == "250.0 MB of 1.0 GB"
    assert panel.rate_label.text() == "12.5 MB/s"
    assert panel.eta_label.text() == "1:02"
    assert panel.elapsed_label.text() == "0:20"


def test_eta_is_a_dash_and_totals_end_in_plus_while_scanning(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(dataclasses.replace(BASE, scanning=True))
    assert panel.eta_label.text() == UNKNOWN
    assert panel.files_label.text() == "100 of 400+ (5 skipped, 5 failed)"
    assert panel.bytes_label.text() == "250.0 MB of 1.0 GB+"


def test_paused_progress_says_paused(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(dataclasses.replace(BASE, paused=True))
    assert panel.state_label.text() == "Paused"
    panel.update_progress(BASE)
    assert panel.state_label.text() != "Paused"


def test_bar_counts_files_when_every_file_found_is_empty(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(dataclasses.replace(BASE, bytes_done=0, bytes_total=0))
    assert panel.bar.value() == BAR_STEPS // 4


def test_petabyte_totals_fit_the_bar(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(dataclasses.replace(BASE, bytes_done=3 * 10**15, bytes_total=4 * 10**15))
    assert panel.bar.value() == 750


def test_finish_fills_the_bar_and_shows_the_average_rate(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(BASE)
    panel.finish(SUMMARY)
    assert panel.bar.value() == BAR_STEPS
    assert panel.files_label.text() == "400 of 400 (5 skipped, 5 failed)"
    assert panel.bytes_label.text() == "900.0 MB copied"
    assert panel.rate_label.text() == "15.0 MB/s on average"
    assert panel.eta_label.text() == UNKNOWN
    assert panel.elapsed_label.text() == "1:00"
    assert panel.state_label.text() == "Finished; 5 files failed"


def test_finish_after_cancel_leaves_the_bar_where_it_stopped(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(BASE)
    panel.finish(dataclasses.replace(SUMMARY, files_done=90, cancelled=True))
    assert panel.bar.value() == 250
    assert panel.state_label.text() == "Cancelled"
    assert panel.files_label.text() == "100 of 400 (5 skipped, 5 failed)"


def test_reset_empties_the_panel_and_its_chart(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(BASE)
    panel.reset()
    assert panel.bar.value() == 0
    assert panel.files_label.text() == UNKNOWN
    assert panel.chart.samples() == []


def test_chart_gets_one_sample_per_second_of_job_time(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    for tenth in range(31):
        panel.update_progress(dataclasses.replace(BASE, elapsed_s=tenth / 10, rate=float(tenth)))
    assert panel.chart.samples() == [0.0, 10.0, 20.0, 30.0]


# ThroughputChart


def test_chart_keeps_at_most_its_sample_count_newest_last(qtbot: QtBot) -> None:
    chart = ThroughputChart(max_samples=5)
    qtbot.addWidget(chart)
    for rate in range(12):
        chart.add_sample(float(rate))
    assert chart.samples() == [7.0, 8.0, 9.0, 10.0, 11.0]
    chart.clear()
    assert chart.samples() == []


def test_chart_paints_its_line_in_the_palette_highlight_colour(qtbot: QtBot) -> None:
    chart = ThroughputChart(max_samples=10)
    qtbot.addWidget(chart)
    palette = QPalette(chart.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("black"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(255, 0, 0))
    chart.setPalette(palette)
    chart.resize(chart.sizeHint())
    assert not chart.grab().isNull()  # empty: the placeholder text only
    for rate in (1e6, 5e6, 3e6, 8e6):
        chart.add_sample(rate)
    image = chart.grab().toImage()
    reds = [
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 60
    ]
    assert reds


# WorkerTable


def test_workers_show_pid_and_file_or_idle_at_once(qtbot: QtBot) -> None:
    table = WorkerTable()
    qtbot.addWidget(table)
    table.set_workers(WorkerStatus((WorkerInfo(101, "a/b.txt"), WorkerInfo(102, None))))
    assert [cell(table, r, PID) for r in range(2)] == ["101", "102"]
    assert [cell(table, r, FILE) for r in range(2)] == ["a/b.txt", "idle"]


def test_sleeping_workers_show_state_cpu_and_memory_after_a_refresh(
    qtbot: QtBot, sleepers: list[subprocess.Popen[bytes]]
) -> None:
    table = WorkerTable()
    qtbot.addWidget(table)
    table.set_workers(WorkerStatus(tuple(WorkerInfo(p.pid, None) for p in sleepers)))

    def refreshed() -> bool:
        return all(
            cell(table, r, STATE) == "sleeping" and cell(table, r, CPU).endswith("%")
            for r in range(2)
        )

    qtbot.waitUntil(refreshed, timeout=REFRESH_WAIT_MS)
    for row in range(2):
        assert cell(table, row, MEMORY).endswith("MB")


def test_a_worker_that_vanishes_shows_exited(
    qtbot: QtBot, sleepers: list[subprocess.Popen[bytes]]
) -> None:
    table = WorkerTable()
    qtbot.addWidget(table)
    table.set_workers(WorkerStatus(tuple(WorkerInfo(p.pid, None) for p in sleepers)))
    sleepers[0].kill()
    sleepers[0].wait(timeout=10)
    qtbot.waitUntil(lambda: cell(table, 0, STATE) == "exited", timeout=REFRESH_WAIT_MS)
    assert cell(table, 0, MEMORY) == UNKNOWN
    assert cell(table, 1, STATE) == "sleeping"


def test_a_stopped_worker_shows_stopped(
    qtbot: QtBot, sleepers: list[subprocess.Popen[bytes]]
) -> None:
    table = WorkerTable()
    qtbot.addWidget(table)
    table.set_workers(WorkerStatus(tuple(WorkerInfo(p.pid, None) for p in sleepers)))
    sleepers[1].send_signal(signal.SIGSTOP)
    qtbot.waitUntil(lambda: cell(table, 1, STATE) == "stopped", timeout=REFRESH_WAIT_MS)


def test_clear_empties_the_worker_table(
    qtbot: QtBot, sleepers: list[subprocess.Popen[bytes]]
) -> None:
    table = WorkerTable()
    qtbot.addWidget(table)
    table.set_workers(WorkerStatus(tuple(WorkerInfo(p.pid, None) for p in sleepers)))
    table.clear()
    assert table.table.rowCount() == 0
    refresh = table.findChild(QTimer)
    assert refresh is not None
    assert not refresh.isActive()


def test_a_replaced_worker_shows_its_new_pid_and_state(
    qtbot: QtBot, sleepers: list[subprocess.Popen[bytes]]
) -> None:
    table = WorkerTable()
    qtbot.addWidget(table)
    table.set_workers(WorkerStatus((WorkerInfo(sleepers[0].pid, None),)))
    sleepers[1].send_signal(signal.SIGSTOP)
    table.set_workers(WorkerStatus((WorkerInfo(sleepers[1].pid, "new.txt"),)))
    assert cell(table, 0, PID) == str(sleepers[1].pid)
    qtbot.waitUntil(lambda: cell(table, 0, STATE) == "stopped", timeout=REFRESH_WAIT_MS)


def test_a_remote_worker_shows_its_host_and_no_process_figures(
    qtbot: QtBot, sleepers: list[subprocess.Popen[bytes]]
) -> None:
    """Its pid is a live process here too, yet the table must not report on it."""
    table = WorkerTable()
    qtbot.addWidget(table)
    local, remote = sleepers[0].pid, sleepers[1].pid
    table.set_workers(
        WorkerStatus((WorkerInfo(local, None), WorkerInfo(remote, "a/b.txt", host="node-7")))
    )
    qtbot.waitUntil(lambda: cell(table, 0, CPU).endswith("%"), timeout=REFRESH_WAIT_MS)
    assert (cell(table, 1, PID), cell(table, 1, HOST)) == (str(remote), "node-7")
    assert [cell(table, 1, c) for c in (STATE, CPU, MEMORY)] == [UNKNOWN] * 3
    assert cell(table, 1, FILE) == "a/b.txt"


def test_the_host_column_shows_only_while_a_worker_is_remote(qtbot: QtBot) -> None:
    table = WorkerTable()
    qtbot.addWidget(table)
    table.set_workers(WorkerStatus((WorkerInfo(101, None),)))
    assert table.table.isColumnHidden(HOST)
    table.set_workers(WorkerStatus((WorkerInfo(101, None), WorkerInfo(7, None, host="node-7"))))
    assert not table.table.isColumnHidden(HOST)
    table.clear()
    assert table.table.isColumnHidden(HOST)


# LogPanel


def test_log_lists_failed_files_and_messages_but_not_successes(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    panel.add_problems(
        [
            FileEvent("ok.txt", Status.DONE, 10),
            FileEvent("same.txt", Status.SKIPPED, 10),
            failed("bad.txt", "permission denied"),
            LogMessage("warning", "cannot set folder time", "docs"),
        ]
    )
    assert shown_rows(panel) == [
        ("Error", "bad.txt", "permission denied"),
        ("Warning", "docs", "cannot set folder time"),
    ]


def test_text_filter_matches_path_or_reason_ignoring_case(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("Photos/a.jpg", "disk full"), failed("b.txt", "Permission denied")])
    panel.filter_edit.setText("PHOTOS")
    qtbot.waitUntil(lambda: [r[1] for r in shown_rows(panel)] == ["Photos/a.jpg"])
    panel.filter_edit.setText("permission")
    qtbot.waitUntil(lambda: [r[1] for r in shown_rows(panel)] == ["b.txt"])


def test_level_filter_shows_only_errors_or_only_warnings(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("a.txt"), LogMessage("warning", "odd", "b"), failed("c.txt")])
    panel.level_combo.setCurrentIndex(panel.level_combo.findData("error"))
    assert [r[1] for r in shown_rows(panel)] == ["a.txt", "c.txt"]
    panel.level_combo.setCurrentIndex(panel.level_combo.findData("warning"))
    assert [r[1] for r in shown_rows(panel)] == ["b"]
    panel.level_combo.setCurrentIndex(0)
    assert len(shown_rows(panel)) == 3


def test_failed_paths_are_the_failed_files_in_order(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("z.txt"), LogMessage("error", "worker died"), failed("a/b.txt")])
    assert panel.failed_paths() == ["z.txt", "a/b.txt"]


def test_count_label_counts_errors_and_warnings(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    assert panel.count_label.text() == "No problems"
    panel.add_problems([failed("a"), failed("b"), LogMessage("error", "x")])
    panel.add_problems([LogMessage("warning", "y", "c")])
    assert panel.count_label.text() == "3 errors, 1 warning"


def test_buttons_are_disabled_until_finished_then_emit_their_signals(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("a.txt")])
    assert not panel.retry_button.isEnabled()
    assert not panel.open_button.isEnabled()
    panel.set_finished(True)
    with qtbot.waitSignal(panel.retry_requested, timeout=1000):
        qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.open_target_requested, timeout=1000):
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)


def test_retry_stays_disabled_when_nothing_failed(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    panel.add_problems([LogMessage("warning", "odd", "b")])
    panel.set_finished(True)
    assert not panel.retry_button.isEnabled()
    assert panel.open_button.isEnabled()


def test_clear_empties_the_log_and_disables_the_buttons(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("a.txt")])
    panel.set_finished(True)
    panel.clear()
    assert shown_rows(panel) == []
    assert panel.failed_paths() == []
    assert not panel.open_button.isEnabled()


def test_fifty_thousand_rows_in_batches_keep_the_window_responsive(qtbot: QtBot) -> None:
    panel = LogPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 400)
    panel.show()
    qtbot.waitExposed(panel)
    events = [failed(f"folder {i % 100}/file {i}.txt", "permission denied") for i in range(50_000)]
    started = time.perf_counter()
    worst = 0.0
    for first in range(0, len(events), 1000):
        batch_started = time.perf_counter()
        panel.add_problems(events[first : first + 1000])
        QApplication.processEvents()  # the repaint a real event loop would do between batches
        worst = max(worst, time.perf_counter() - batch_started)
    total = time.perf_counter() - started
    assert panel.proxy.rowCount() == 50_000
    assert worst < 0.5, f"one batch held the UI for {worst:.3f} s"
    assert total < 2.0, f"50,000 rows took {total:.3f} s"
    filter_started = time.perf_counter()
    panel.proxy.set_text("file 4999")
    assert time.perf_counter() - filter_started < 0.5
    assert panel.proxy.rowCount() == 11  # file 4999 and file 49990..49999
