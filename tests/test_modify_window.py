"""Change detection within a modification-time window (`--modify-window`, as rsync's): two
times count as equal when they differ by at most the window; without one only the very same
nanosecond does, unless the target's file system keeps times more coarsely, which the job
finds out once and says. Real files, the real CLI, a real exFAT file system through FUSE."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from helpers import (
    Engine,
    assert_usage_error,
    file_events,
    json_events,
    logs,
    summary_of,
    write_tree,
)

SOURCE_NS = 1_600_000_000_123_456_789
"""A source time with odd nanoseconds and an odd second: no coarse file system keeps it."""
S = 1_000_000_000
ROUNDING = re.compile(r"keeps modification times to \d+ (s|ms|µs|ns);")


def run_json(
    engine: Engine, src: Path, dst: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    result = engine("run", src, dst, "-w", "1", "--json", *options)
    assert result.returncode == 0, result.stderr
    return result


def set_mtime(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(mtime_ns, mtime_ns), follow_symlinks=False)


def copied_once(engine: Engine, src: Path, dst: Path) -> None:
    """`src` holds f.txt from SOURCE_NS, copied to `dst` (with the same time)."""
    write_tree(src, {"f.txt": "same bytes"})
    set_mtime(src / "f.txt", SOURCE_NS)
    run_json(engine, src, dst)
    assert (dst / "f.txt").stat().st_mtime_ns == SOURCE_NS


def rounding_warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [
        e["message"] for e in logs(json_events(result), "warning") if ROUNDING.search(e["message"])
    ]


@pytest.mark.parametrize(
    ("offset_ns", "status", "reason"),
    [
        (1 * S, "skipped", "unchanged"),
        (-1 * S, "skipped", "unchanged"),
        (2 * S, "skipped", "unchanged"),
        (3 * S, "done", ""),
        (-3 * S, "done", ""),
    ],
    ids=["1s later", "1s earlier", "2s later (the window itself)", "3s later", "3s earlier"],
)
def test_a_target_time_within_the_window_counts_as_unchanged_and_beyond_it_is_copied(
    src: Path, dst: Path, engine: Engine, offset_ns: int, status: str, reason: str
) -> None:
    copied_once(engine, src, dst)
    set_mtime(dst / "f.txt", SOURCE_NS + offset_ns)

    result = run_json(engine, src, dst, "--modify-window", "2")

    event = file_events(result)["f.txt"]
    assert (event["status"], event.get("reason", "")) == (status, reason)
    expected_ns = SOURCE_NS + offset_ns if status == "skipped" else SOURCE_NS
    assert (dst / "f.txt").stat().st_mtime_ns == expected_ns


def test_without_a_window_a_target_one_nanosecond_off_is_copied_again(
    src: Path, dst: Path, engine: Engine
) -> None:
    copied_once(engine, src, dst)
    set_mtime(dst / "f.txt", SOURCE_NS + 1)

    result = run_json(engine, src, dst)

    assert file_events(result)["f.txt"]["status"] == "done"
    assert (dst / "f.txt").stat().st_mtime_ns == SOURCE_NS
    assert rounding_warnings(result) == []


def test_within_the_window_a_worker_updates_metadata_without_copying(
    src: Path, dst: Path, engine: Engine
) -> None:
    """A differing mode sends the file past the scanner's quick check to a worker, whose own
    decision heeds the same window."""
    copied_once(engine, src, dst)
    set_mtime(dst / "f.txt", SOURCE_NS + S)
    (src / "f.txt").chmod(0o600)

    result = run_json(engine, src, dst, "--modify-window", "2")

    event = file_events(result)["f.txt"]
    assert event["status"] == "updated"
    assert (dst / "f.txt").stat().st_mode & 0o777 == 0o600
    assert (dst / "f.txt").stat().st_mtime_ns == SOURCE_NS + S


@pytest.mark.parametrize(
    ("newer_by_ns", "status"),
    [(1 * S, "skipped"), (3 * S, "done")],
    ids=["newer by less than the window", "newer by more"],
)
def test_under_if_exists_newer_a_source_must_be_newer_by_more_than_the_window(
    src: Path, dst: Path, engine: Engine, newer_by_ns: int, status: str
) -> None:
    write_tree(src, {"f.txt": "source"})
    set_mtime(src / "f.txt", SOURCE_NS + newer_by_ns)
    write_tree(dst, {"f.txt": "target"})
    set_mtime(dst / "f.txt", SOURCE_NS)

    result = run_json(engine, src, dst, "--if-exists", "newer", "--modify-window", "2")

    event = file_events(result)["f.txt"]
    assert event["status"] == status
    assert (dst / "f.txt").read_text() == ("source" if status == "done" else "target")


def test_a_rerun_onto_exfat_copies_nothing_and_the_first_run_warns_once_of_its_rounding(
    src: Path, case_insensitive_dir: Path, engine: Engine
) -> None:
    write_tree(src, {f"d{i % 2}/f{i}.txt": f"file {i}" for i in range(6)})
    for path in src.rglob("*.txt"):
        set_mtime(path, SOURCE_NS)
    dst = case_insensitive_dir / "target"

    first = run_json(engine, src, dst)
    again = run_json(engine, src, dst)

    assert len(rounding_warnings(first)) == 1, logs(json_events(first), "warning")
    assert summary_of(first)["files_done"] == 6
    assert (dst / "d0" / "f0.txt").stat().st_mtime_ns != SOURCE_NS, "exFAT kept every ns"
    summary = summary_of(again)
    assert (summary["files_done"], summary["files_skipped"]) == (0, 6)
    assert all(e["reason"] == "unchanged" for e in file_events(again).values())


def test_a_window_as_wide_as_the_targets_rounding_needs_no_warning(
    src: Path, case_insensitive_dir: Path, engine: Engine
) -> None:
    write_tree(src, {"f.txt": "x"})
    set_mtime(src / "f.txt", SOURCE_NS)

    result = run_json(engine, src, case_insensitive_dir / "target", "--modify-window", "2")

    assert rounding_warnings(result) == []


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("-1", "modify window must be 0 to 86400 seconds"),
        ("86401", "modify window must be 0 to 86400 seconds"),
        ("nan", "'nan' is not a finite number of seconds"),
        ("soon", "'soon' is not a number of seconds"),
    ],
)
def test_a_bad_modify_window_is_a_usage_error(
    src: Path, dst: Path, engine: Engine, value: str, hint: str
) -> None:
    result = engine("run", src, dst, f"--modify-window={value}")

    assert_usage_error(result, hint)
    assert not dst.exists()


def test_a_job_file_with_a_modify_window_in_words_is_a_usage_error(
    tmp_path: Path, src: Path, dst: Path, engine: Engine
) -> None:
    job = tmp_path / "job.toml"
    job.write_text(f'source = "{src}"\ntarget = "{dst}"\nmodify_window = "two"\n')

    result = engine("run", "--job", job)

    assert_usage_error(result, "'modify_window' must be a finite number of seconds, not 'two'")
    assert not dst.exists()
