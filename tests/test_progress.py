"""Rates, ETAs and the collector's coalescing of progress, driven by a fake clock."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from helpers import json_events, run_engine, write_tree

from engine.collector import PROGRESS_EVERY_S, Collector
from engine.events import Event, FileEvent, Progress, WorkerInfo, WorkerStatus
from engine.rate import WINDOW_S, RateMeter, eta
from engine.records import Outcome, Status


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def progress(collector: Collector, workers: tuple[WorkerInfo, ...] = (), **kwargs: bool) -> None:
    collector.progress(
        files_total=10,
        bytes_total=1000,
        partial=0,
        scanning=False,
        paused=False,
        workers=workers,
        **kwargs,
    )


def of_type(events: list[Event], kind: type) -> list[Event]:
    return [e for e in events if isinstance(e, kind)]


def test_rate_is_zero_until_time_has_passed() -> None:
    clock = FakeClock()
    meter = RateMeter(clock)
    assert meter.sample(0) == 0.0
    assert meter.sample(500) == 0.0


def test_rate_is_exact_for_a_steady_flow() -> None:
    clock = FakeClock()
    meter = RateMeter(clock)
    meter.sample(0)
    for second in range(1, 21):
        clock.now += 1
        assert meter.sample(second * 250) == 250.0


def test_rate_forgets_samples_older_than_its_window() -> None:
    clock = FakeClock()
    meter = RateMeter(clock, window_s=5.0)
    total = 0
    meter.sample(total)
    for _ in range(10):
        clock.now += 1
        total += 100
        meter.sample(total)
    for _ in range(5):
        clock.now += 1
        total += 300
        rate = meter.sample(total)
    assert rate == 300.0


def test_rate_mixes_old_and_new_flow_inside_the_window() -> None:
    clock = FakeClock()
    meter = RateMeter(clock, window_s=WINDOW_S)
    meter.sample(0)
    clock.now += 1
    meter.sample(100)
    clock.now += 1
    assert meter.sample(400) == 200.0


def test_eta_divides_remaining_bytes_by_rate() -> None:
    assert eta(1000, 100.0) == 10.0


def test_eta_is_zero_when_nothing_remains() -> None:
    assert eta(0, 0.0) == 0.0
    assert eta(-5, 10.0) == 0.0


def test_eta_is_unknown_without_a_rate() -> None:
    assert eta(1000, 0.0) is None


def test_collector_emits_at_most_one_progress_per_interval() -> None:
    clock = FakeClock()
    events: list[Event] = []
    collector = Collector(events.append, clock)
    start = clock.now
    for step in range(1000):
        clock.now = start + step * 0.01
        progress(collector)
    sent = of_type(events, Progress)
    span = 999 * 0.01
    assert len(sent) <= span / PROGRESS_EVERY_S + 1
    assert len(sent) >= span / PROGRESS_EVERY_S / 2
    gaps = [b.elapsed_s - a.elapsed_s for a, b in itertools.pairwise(sent)]
    assert min(gaps) >= PROGRESS_EVERY_S - 1e-9


def test_collector_emits_progress_every_time_when_forced() -> None:
    clock = FakeClock()
    events: list[Event] = []
    collector = Collector(events.append, clock)
    for _ in range(5):
        progress(collector, force=True)
    assert len(of_type(events, Progress)) == 5


def test_progress_reports_totals_and_eta_from_the_rate() -> None:
    clock = FakeClock()
    events: list[Event] = []
    collector = Collector(events.append, clock)
    progress(collector)
    clock.now += 1
    collector.record(Outcome("a", Status.DONE, 200))
    collector.record(Outcome("b", Status.SKIPPED, 100))
    progress(collector)
    last = of_type(events, Progress)[-1]
    assert isinstance(last, Progress)
    assert (last.files_done, last.files_skipped, last.files_failed) == (1, 1, 0)
    assert (last.bytes_copied, last.bytes_done) == (200, 300)
    assert last.rate == 200.0
    assert last.eta_s == pytest.approx(700 / 200)
    assert last.elapsed_s == 1.0


def test_summary_counts_match_recorded_outcomes() -> None:
    clock = FakeClock()
    events: list[Event] = []
    collector = Collector(events.append, clock)
    outcomes = [
        Outcome("a", Status.DONE, 10),
        Outcome("b", Status.DONE, 20),
        Outcome("c", Status.DONE, 30),
        Outcome("d", Status.SKIPPED, 40, "unchanged"),
        Outcome("e", Status.SKIPPED, 50, "target exists"),
        Outcome("f", Status.FAILED, 60, "permission denied"),
        Outcome("g", Status.FAILED, 0, "a FIFO"),
    ]
    for outcome in outcomes:
        collector.record(outcome)
    clock.now += 2.5
    summary = collector.summary(cancelled=True, dry_run=False)
    assert (summary.files_done, summary.files_skipped, summary.files_failed) == (3, 2, 2)
    assert summary.bytes_done == 60
    assert summary.failures == (("f", "permission denied"), ("g", "a FIFO"))
    assert summary.cancelled is True
    assert summary.dry_run is False
    assert summary.elapsed_s == 2.5
    assert [e.path for e in of_type(events, FileEvent)] == [o.rel for o in outcomes]


def test_worker_status_is_emitted_only_when_the_worker_list_changes() -> None:
    clock = FakeClock()
    events: list[Event] = []
    collector = Collector(events.append, clock)
    idle = (WorkerInfo(11, None), WorkerInfo(12, None))
    busy = (WorkerInfo(11, "a.bin"), WorkerInfo(12, None))
    for workers in (idle, idle, idle, busy, busy, idle, idle):
        clock.now += 1
        progress(collector, workers)
    statuses = of_type(events, WorkerStatus)
    assert [s.workers for s in statuses] == [idle, busy, idle]


def test_worker_status_waits_for_the_next_progress() -> None:
    """A changed worker list within the coalescing interval is held back with the progress."""
    clock = FakeClock()
    events: list[Event] = []
    collector = Collector(events.append, clock)
    progress(collector, (WorkerInfo(1, None),))
    clock.now += PROGRESS_EVERY_S / 4
    progress(collector, (WorkerInfo(1, "x"),))
    assert len(of_type(events, WorkerStatus)) == 1
    clock.now += PROGRESS_EVERY_S
    progress(collector, (WorkerInfo(1, "x"),))
    assert [s.workers for s in of_type(events, WorkerStatus)][-1] == (WorkerInfo(1, "x"),)


def test_the_pool_tells_how_far_each_worker_is_in_its_file(src: Path, dst: Path) -> None:
    write_tree(src, {"big.bin": os.urandom(1 << 20)})

    result = run_engine("run", src, dst, "-w", "1", "--bwlimit", "512K", "--json")

    rows = [
        worker
        for event in json_events(result)
        if event["event"] == "workers"
        for worker in event["workers"]
        if worker["current"] == "big.bin"
    ]
    assert rows, "no worker was seen on the file"
    assert {row["file_size"] for row in rows} == {1 << 20}
    partway = [row["file_done"] for row in rows if 0 < row["file_done"] < 1 << 20]
    assert partway == sorted(partway) and len(partway) >= 2, rows
