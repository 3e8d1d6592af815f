"""The history: every job that ends is recorded (finished, failed, cancelled), listed by
`engine history`, shown whole by `history show ID`, and run again by `run --again ID`.
Real jobs through the real CLI, a real SQLite database in a data folder of the test's own."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import Launch, run_engine, summary_of, unprivileged, wait_for, write_tree

from engine.events import Summary
from engine.history import _SCHEMA, KEEP, Failure, History, Outcome
from engine.job import Job


@pytest.fixture(autouse=True)
def fresh_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> History:
    """A history of this test alone."""
    monkeypatch.setenv("XDG_DATA_HOME", os.fspath(tmp_path / "data"))
    return History()


def history_json() -> list[dict[str, object]]:
    result = run_engine("history", "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_finished_job_is_recorded_with_its_counts(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "bb"})
    assert run_engine("run", src, dst).returncode == 0

    (record,) = history_json()

    assert record["outcome"] == "finished"
    assert (record["source"], record["target"]) == (str(src), str(dst))
    assert (record["files_done"], record["files_failed"], record["bytes"]) == (2, 0, 3)


def test_a_failed_job_is_recorded_with_its_failures(src: Path, dst: Path) -> None:
    write_tree(src, {"ok.txt": "ok", "locked.txt": "x"})
    (src / "locked.txt").chmod(0)
    assert run_engine("run", src, dst, **unprivileged()).returncode == 1

    (record,) = history_json()
    shown = run_engine("history", "show", str(record["id"]), "--json")

    assert record["outcome"] == "failed"
    failures = json.loads(shown.stdout)["failures"]
    assert [failure["path"] for failure in failures] == ["locked.txt"]
    assert "permission denied" in failures[0]["error"]


def test_a_cancelled_job_is_recorded_as_cancelled(launch: Launch, src: Path, dst: Path) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(128 * 1024) for i in range(8)})
    running = launch("run", src, dst, "-w", "1", "--bwlimit", "128K", "--json")
    wait_for(lambda: any(e["event"] == "file" for e in running.events()), "a first file")
    os.killpg(running.proc.pid, signal.SIGINT)
    running.finish()

    (record,) = history_json()

    assert record["outcome"] == "cancelled"


def test_run_again_repeats_the_job_with_its_settings(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.tmp": "t"})
    assert run_engine("run", src, dst, "--exclude", "*.tmp").returncode == 0
    (first,) = history_json()
    (dst / "a.txt").unlink()

    again = run_engine("run", "--again", str(first["id"]), "--json")

    assert again.returncode == 0, again.stderr
    assert summary_of(again)["files_done"] == 1
    assert not (dst / "b.tmp").exists()


def test_failed_only_runs_just_the_files_that_failed(src: Path, dst: Path) -> None:
    write_tree(src, {"ok.txt": "ok", "sub/locked.txt": "x"})
    (src / "sub/locked.txt").chmod(0)
    assert run_engine("run", src, dst, **unprivileged()).returncode == 1
    (first,) = history_json()
    (src / "sub/locked.txt").chmod(0o644)
    (dst / "ok.txt").unlink()

    again = run_engine("run", "--again", str(first["id"]), "--failed-only", "--json")

    assert again.returncode == 0, again.stderr
    assert (dst / "sub/locked.txt").read_text() == "x"
    assert not (dst / "ok.txt").exists()


def test_an_unknown_run_is_a_usage_error() -> None:
    result = run_engine("run", "--again", "999")

    assert result.returncode == 2
    assert "no run 999 in the history" in result.stderr


def test_failed_only_of_a_run_without_failures_says_so(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    run_engine("run", src, dst)
    (first,) = history_json()

    result = run_engine("run", "--again", str(first["id"]), "--failed-only")

    assert result.returncode == 2
    assert "had no failed files" in result.stderr


def test_the_list_is_newest_first_and_readable(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    run_engine("run", src, dst)
    run_engine("run", src, dst / "second")

    listed = run_engine("history")

    lines = listed.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[0] == "2" and "finished" in lines[0]
    assert str(dst / "second") in lines[0]


def test_jobs_ending_at_once_are_all_recorded(fresh_history: History, tmp_path: Path) -> None:
    job = Job(tmp_path, tmp_path / "t")
    summary = Summary(1, 0, 0, 0, 0, 0, 0, 1, 0.1, False, False, ())

    threads = [
        threading.Thread(
            target=lambda: [fresh_history.record(job, 0.0, summary) for _ in range(10)]
        )
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(fresh_history.recent(1000)) == 80


def test_the_history_is_bounded(fresh_history: History, tmp_path: Path) -> None:
    job = Job(tmp_path, tmp_path / "t")
    summary = Summary(1, 0, 0, 0, 0, 0, 0, 1, 0.1, False, False, ())
    for _ in range(KEEP + 5):
        fresh_history.record(job, 0.0, summary)

    kept = fresh_history.recent(KEEP + 100)

    assert len(kept) == KEEP
    assert kept[0].outcome is Outcome.FINISHED
    assert (fresh_history.path.stat().st_mode & 0o777) == 0o600


def test_a_history_an_older_version_wrote_keeps_its_runs_and_takes_new_ones(
    fresh_history: History, tmp_path: Path
) -> None:
    """A database made before failures knew folders: its runs read as they were (no folder,
    nothing left out), and it records what a new run left out."""
    fresh_history.path.parent.mkdir(parents=True)
    with contextlib.closing(sqlite3.connect(fresh_history.path)) as old:
        old.executescript(_SCHEMA)
        old.execute(
            "INSERT INTO runs VALUES (1, 0, 1, 'failed', '', 's', 't', '', 0, 0, 0, 1, 0, 0, 0)"
        )
        old.execute("INSERT INTO failures VALUES (1, CAST('a.txt' AS BLOB), 'permission denied')")
        old.commit()
    left_out = replace(
        Summary(1, 0, 0, 0, 0, 0, 0, 1, 0.1, False, False, ()),
        files_failed=1,
        failures=(("docs", "cannot create folder"),),
        files_left_out=4,
        failed_folders=("docs",),
    )

    new = fresh_history.record(Job(tmp_path, tmp_path / "t"), 0.0, left_out)

    assert fresh_history.failures(1) == [Failure("a.txt", "permission denied", False)]
    assert fresh_history.failures(new) == [Failure("docs", "cannot create folder", True)]
    assert [run.files_left_out for run in fresh_history.recent()] == [4, 0]
