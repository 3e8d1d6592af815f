"""The widgets that show a run: the progress panel and its gauge, the list of what each
worker is doing, the problems list, the result banner, and how the run view shares its room
among them."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_actions import accessible_name
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from engine import FileEvent, Job, LogMessage, Progress, Status, Summary, WorkerInfo, WorkerStatus
from gui.formatting import UNKNOWN, format_duration, format_rate, format_size
from gui.run_view import RunView
from gui.widgets.now_copying import (
    DONE,
    FILE,
    PERCENT,
    SPEED,
    STATE,
    TIME,
    WORKER,
    NowCopying,
)
from gui.widgets.problems_panel import ProblemsPanel
from gui.widgets.progress_gauge import BAR_STEPS, ProgressGauge, nice_ceiling
from gui.widgets.progress_panel import ProgressPanel
from gui.widgets.result_banner import Outcome, ResultBanner

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


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def failed(path: str, reason: str = "permission denied") -> FileEvent:
    return FileEvent(path, Status.FAILED, 0, reason)


def cell(table: NowCopying, row: int, column: int) -> str:
    item = table.table.item(row, column)
    return item.text() if item is not None else ""


def shown_rows(panel: ProblemsPanel) -> list[tuple[str, str, str]]:
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


def test_reset_empties_the_panel_and_its_gauge(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(BASE)
    panel.reset()
    assert panel.bar.value() == 0
    assert panel.files_label.text() == UNKNOWN
    assert panel.bar.rates() == []


def test_the_gauge_gets_one_speed_point_per_second_of_job_time(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    for tenth in range(31):
        panel.update_progress(dataclasses.replace(BASE, elapsed_s=tenth / 10, rate=float(tenth)))
    assert panel.bar.rates() == [0.0, 10.0, 20.0, 30.0]


def test_a_finished_jobs_speed_curve_reaches_the_end_of_the_bar(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(BASE)
    panel.finish(SUMMARY)
    assert panel.bar.rates() == [BASE.rate, BASE.rate]


def test_figures_are_read_out_by_their_values_not_their_captions(qtbot: QtBot) -> None:
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.update_progress(BASE)
    assert accessible_name(panel.files_label) == "100 of 400 (5 skipped, 5 failed)"
    assert accessible_name(panel.rate_label) == "12.5 MB/s"
    panel.update_progress(dataclasses.replace(BASE, rate=1_000_000.0))
    assert accessible_name(panel.rate_label) == "1.0 MB/s"


# ProgressGauge


@pytest.mark.parametrize(
    ("peak", "top"),
    [(0.0, 1.0), (0.7, 1.0), (3.0, 5.0), (12_300_000.0, 20_000_000.0), (25.0, 25.0)],
)
def test_the_speed_scale_ends_on_a_round_number(peak: float, top: float) -> None:
    assert nice_ceiling(peak) == top


def test_the_gauge_paints_its_speed_curve_in_the_palette_highlight_colour(
    qtbot: QtBot,
) -> None:
    gauge = ProgressGauge()
    qtbot.addWidget(gauge)
    palette = QPalette(gauge.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("black"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(255, 0, 0))
    gauge.setPalette(palette)
    gauge.resize(gauge.sizeHint())

    def red_pixels() -> int:
        image = gauge.grab().toImage()
        return sum(
            1
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 60
        )

    empty = red_pixels()
    gauge.set_total(100)
    for done, rate in ((10, 1e6), (30, 5e6), (50, 3e6), (70, 8e6)):
        gauge.add_sample(done, rate)
    assert red_pixels() > empty + 100


def test_the_speed_curve_reaches_the_latest_measure_between_points(qtbot: QtBot) -> None:
    gauge = ProgressGauge()
    qtbot.addWidget(gauge)
    gauge.resize(400, 200)
    gauge.set_total(100)
    gauge.setValue(BAR_STEPS // 2)
    gauge.add_sample(0, 1e6)
    gauge.add_sample(10, 1e6)
    before = gauge.grab().toImage()
    gauge.set_live(50, 1e6)
    after = gauge.grab().toImage()
    assert before != after
    assert gauge.rates() == [1e6, 1e6]


def test_the_gauge_tells_screen_readers_the_speed_now_and_at_its_highest(qtbot: QtBot) -> None:
    gauge = ProgressGauge()
    qtbot.addWidget(gauge)
    gauge.add_sample(10, 2_000_000.0)
    gauge.add_sample(20, 1_000_000.0)
    assert gauge.accessibleDescription() == "Speed now 1.0 MB/s, highest 2.0 MB/s"


# NowCopying


def on_file(done: int, of: int = 100_000_000, name: str = "big.bin") -> WorkerInfo:
    """Worker 101 on `name`, a file of `of` bytes, `done` of them done."""
    return WorkerInfo(101, name, file_size=of, file_done=done)


def now_copying(qtbot: QtBot, clock: Clock | None = None) -> NowCopying:
    widget = NowCopying(clock or Clock())
    qtbot.addWidget(widget)
    return widget


def test_each_worker_shows_its_file_or_that_it_waits(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    table.set_workers(WorkerStatus((WorkerInfo(101, "a/b.txt"), WorkerInfo(102, None))))
    assert [cell(table, r, WORKER) for r in range(2)] == ["1", "2"]
    assert [cell(table, r, FILE) for r in range(2)] == ["a/b.txt", ""]
    assert [cell(table, r, STATE) for r in range(2)] == ["copying", "waiting for a file"]


def test_a_worker_copying_shows_copying_rather_than_its_kernel_state(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    table.set_workers(WorkerStatus((WorkerInfo(101, "big.iso"),)))
    assert cell(table, 0, STATE) == "copying"


def test_the_time_on_a_file_counts_from_when_the_worker_began_it(qtbot: QtBot) -> None:
    clock = Clock()
    table = now_copying(qtbot, clock)
    table.set_workers(WorkerStatus((WorkerInfo(101, "a.txt"),)))
    clock.now += 42
    table.set_workers(WorkerStatus((WorkerInfo(101, "a.txt"),)))
    assert cell(table, 0, TIME) == "0:42"
    table.set_workers(WorkerStatus((WorkerInfo(101, "b.txt"),)))
    assert cell(table, 0, TIME) == "0:00"


def test_the_time_on_a_file_goes_on_between_reports(qtbot: QtBot) -> None:
    clock = Clock()
    table = now_copying(qtbot, clock)
    table.set_workers(WorkerStatus((WorkerInfo(101, "a.txt"),)))
    clock.now += 7
    qtbot.waitUntil(lambda: cell(table, 0, TIME) == "0:07", timeout=3000)


def test_a_stuck_worker_says_how_long_it_has_made_no_progress(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    table.set_workers(WorkerStatus((WorkerInfo(101, "nfs/file", stuck_s=12.0),)))
    assert cell(table, 0, STATE) == "no progress for 12 s"


def test_workers_of_a_paused_job_say_paused(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    table.set_workers(WorkerStatus((WorkerInfo(101, "a.txt"),)))
    table.set_paused(True)
    assert cell(table, 0, STATE) == "paused"
    table.set_paused(False)
    assert cell(table, 0, STATE) == "copying"


def test_a_remote_worker_names_its_host(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    table.set_workers(WorkerStatus((WorkerInfo(7, "a/b.txt", host="node-7"),)))
    assert cell(table, 0, WORKER) == "1 · node-7"
    item = table.table.item(0, WORKER)
    assert item is not None and item.toolTip() == "Process 7 on node-7"


def test_a_worker_shows_how_much_of_its_file_is_done(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    table.set_workers(WorkerStatus((on_file(1_500_000, of=6_000_000),)))
    assert (cell(table, 0, DONE), cell(table, 0, PERCENT)) == ("1.5 MB of 6.0 MB", "25%")


def test_a_file_of_unknown_size_shows_no_share(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    table.set_workers(WorkerStatus((on_file(0, of=0),)))
    assert (cell(table, 0, DONE), cell(table, 0, PERCENT)) == (UNKNOWN, UNKNOWN)


def test_the_speed_on_a_file_is_its_bytes_done_over_the_time_taken(qtbot: QtBot) -> None:
    clock = Clock()
    table = now_copying(qtbot, clock)
    table.set_workers(WorkerStatus((on_file(0),)))
    assert cell(table, 0, SPEED) == UNKNOWN
    for second in range(1, 3):
        clock.now += 1
        table.set_workers(WorkerStatus((on_file(second * 2_000_000),)))
    assert cell(table, 0, SPEED) == "2.0 MB/s"


def test_the_speed_follows_the_last_seconds_of_the_file(qtbot: QtBot) -> None:
    clock = Clock()
    table = now_copying(qtbot, clock)
    done = 0
    for rate in (10_000_000, 10_000_000, 10_000_000, 1_000_000, 1_000_000, 1_000_000):
        clock.now += 1
        done += rate
        table.set_workers(WorkerStatus((on_file(done),)))
    assert cell(table, 0, SPEED) == "1.0 MB/s"


def test_a_worker_that_stops_advancing_shows_its_speed_falling_to_nothing(
    qtbot: QtBot,
) -> None:
    clock = Clock()
    table = now_copying(qtbot, clock)
    table.set_workers(WorkerStatus((on_file(0),)))
    clock.now += 1
    table.set_workers(WorkerStatus((on_file(1_000_000),)))
    clock.now += 10
    qtbot.waitUntil(lambda: cell(table, 0, SPEED) == "0 B/s", timeout=3000)


def test_a_new_file_starts_its_speed_afresh(qtbot: QtBot) -> None:
    clock = Clock()
    table = now_copying(qtbot, clock)
    table.set_workers(WorkerStatus((on_file(0),)))
    clock.now += 1
    table.set_workers(WorkerStatus((on_file(5_000_000),)))
    table.set_workers(WorkerStatus((on_file(0, name="next.bin"),)))
    assert cell(table, 0, SPEED) == UNKNOWN


def test_a_worker_a_smaller_pool_lets_go_finishes_its_file_then_stops(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    leaving = dataclasses.replace(on_file(100), pid=102, stopping=True)
    table.set_workers(WorkerStatus((on_file(100), leaving)))
    assert [cell(table, r, STATE) for r in range(2)] == [
        "copying",
        "finishing this file, then stopping",
    ]


def test_clear_empties_the_list_and_stops_its_clock(qtbot: QtBot) -> None:
    table = now_copying(qtbot)
    table.set_workers(WorkerStatus((WorkerInfo(101, "a.txt"),)))
    table.clear()
    assert table.table.rowCount() == 0
    clock = table.findChild(QTimer)
    assert clock is not None and not clock.isActive()


# ProblemsPanel


def test_log_lists_failed_files_and_messages_but_not_successes(qtbot: QtBot) -> None:
    panel = ProblemsPanel()
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
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("Photos/a.jpg", "disk full"), failed("b.txt", "Permission denied")])
    panel.filter_edit.setText("PHOTOS")
    qtbot.waitUntil(lambda: [r[1] for r in shown_rows(panel)] == ["Photos/a.jpg"])
    panel.filter_edit.setText("permission")
    qtbot.waitUntil(lambda: [r[1] for r in shown_rows(panel)] == ["b.txt"])


def test_level_filter_shows_only_errors_or_only_warnings(qtbot: QtBot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("a.txt"), LogMessage("warning", "odd", "b"), failed("c.txt")])
    panel.level_combo.setCurrentIndex(panel.level_combo.findData("error"))
    assert [r[1] for r in shown_rows(panel)] == ["a.txt", "c.txt"]
    panel.level_combo.setCurrentIndex(panel.level_combo.findData("warning"))
    assert [r[1] for r in shown_rows(panel)] == ["b"]
    panel.level_combo.setCurrentIndex(0)
    assert len(shown_rows(panel)) == 3


def test_failed_paths_are_the_failed_files_in_order(qtbot: QtBot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("z.txt"), LogMessage("error", "worker died"), failed("a/b.txt")])
    assert panel.failed_paths() == ["z.txt", "a/b.txt"]


def test_count_label_counts_errors_and_warnings(qtbot: QtBot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    assert panel.count_label.text() == "No problems"
    panel.add_problems([failed("a"), failed("b"), LogMessage("error", "x")])
    panel.add_problems([LogMessage("warning", "y", "c")])
    assert panel.count_label.text() == "3 errors, 1 warning"


def test_clear_empties_the_problems(qtbot: QtBot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.add_problems([failed("a.txt")])
    panel.clear()
    assert shown_rows(panel) == []
    assert panel.failed_paths() == []
    assert panel.count_label.text() == "No problems"


def test_the_count_goes_to_whoever_shows_a_badge(qtbot: QtBot) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.counted, timeout=1000) as counted:
        panel.add_problems([failed("a"), LogMessage("warning", "y", "c")])
    assert counted.args == [2, "1 error, 1 warning"]


def test_fifty_thousand_rows_in_batches_keep_the_window_responsive(qtbot: QtBot) -> None:
    panel = ProblemsPanel()
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


# ResultBanner


def banner(qtbot: QtBot) -> ResultBanner:
    widget = ResultBanner()
    qtbot.addWidget(widget)
    return widget


def test_the_banner_offers_retry_only_when_files_failed(qtbot: QtBot) -> None:
    shown = banner(qtbot)
    shown.show_result("Done.", Outcome.DONE, failed=0)
    assert not shown.retry_button.isEnabled()
    shown.show_result("Finished with failures.", Outcome.FAILURES, failed=2)
    assert shown.retry_button.isEnabled()


def test_the_banners_buttons_emit_their_signals(qtbot: QtBot) -> None:
    shown = banner(qtbot)
    shown.show_result("Finished with failures.", Outcome.FAILURES, failed=1)
    for button, signal in (
        (shown.retry_button, shown.retry_requested),
        (shown.open_button, shown.open_target_requested),
        (shown.back_button, shown.back_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_result_no_longer_the_forms_says_so_and_cannot_be_acted_on(qtbot: QtBot) -> None:
    shown = banner(qtbot)
    shown.show_result("Finished with failures.", Outcome.FAILURES, failed=1)
    shown.set_current(False)
    assert not shown.previous.isHidden()
    assert not shown.retry_button.isEnabled()
    assert not shown.open_button.isEnabled()
    assert shown.back_button.isEnabled()


# RunView: where the room goes at the end


def ended_with(qtbot: QtBot, problems: int) -> RunView:
    """A run view of 1000x700 at the end of a job that met this many problems."""
    view = RunView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show_running(Job(Path("/src"), Path("/dst")))
    view.problems.add_problems([failed(f"f{i}") for i in range(problems)])
    view.show_ended()
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_few_problems_leave_the_room_to_the_progress(qtbot: QtBot) -> None:
    view = ended_with(qtbot, 2)
    rows = view.problems.view.verticalHeader().defaultSectionSize()
    assert view.problems.view.height() < 5 * rows
    assert view.progress.height() > 300


def test_many_problems_take_the_room_from_the_progress(qtbot: QtBot) -> None:
    view = ended_with(qtbot, 40)
    assert view.problems.view.height() > view.progress.height()
