"""`engine run --json`: JSON Lines on stdout that programs can rely on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import Engine, file_events, json_events, summary_of, write_tree

from engine.events import (
    Event,
    FileEvent,
    JobFinished,
    JobStarted,
    LogMessage,
    Progress,
    Summary,
    WorkerInfo,
    WorkerStatus,
    from_json,
    to_json,
)
from engine.records import Status

pytestmark = pytest.mark.usefixtures("backend")


def mixed_tree(src: Path) -> None:
    """Regular files (nested too), a symlink and a FIFO: every kind of entry the scanner meets."""
    write_tree(src, {"a.txt": "alpha", "deep/er/b.bin": os.urandom(5000), "empty/": ""})
    (src / "link").symlink_to("a.txt")
    os.mkfifo(src / "pipe")


def test_every_stdout_line_is_a_json_object_naming_its_event(
    engine: Engine, src: Path, dst: Path
) -> None:
    mixed_tree(src)
    result = engine("run", src, dst, "-w", "2", "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        event = json.loads(line)
        assert isinstance(event, dict)
        assert isinstance(event.get("event"), str), line
    kinds = {json.loads(line)["event"] for line in lines}
    assert {"start", "file", "progress", "summary"} <= kinds


def test_one_file_event_per_file_symlink_and_special_file(
    engine: Engine, src: Path, dst: Path
) -> None:
    mixed_tree(src)
    result = engine("run", src, dst, "-w", "2", "--json")
    found = file_events(result)
    assert set(found) == {"a.txt", "deep/er/b.bin", "link", "pipe"}
    assert {path: e["status"] for path, e in found.items()} == {
        "a.txt": "done",
        "deep/er/b.bin": "done",
        "link": "done",
        "pipe": "done",
    }
    assert found["a.txt"]["bytes"] == 5
    assert found["deep/er/b.bin"]["bytes"] == 5000
    for event in found.values():
        assert type(event["bytes"]) is int
        assert "error" not in event


def test_failed_file_event_carries_the_error(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"ok.txt": "fine", "blocked": "cannot land"})
    write_tree(dst, {"blocked/occupant": "a non-empty folder in the way"})
    result = engine("run", src, dst, "-w", "2", "--json")
    assert result.returncode == 1
    found = file_events(result)
    assert found["blocked"]["status"] == "failed"
    assert found["blocked"]["error"] == "the target is a folder"
    assert type(found["blocked"]["bytes"]) is int
    assert found["ok.txt"]["status"] == "done"
    assert "error" not in found["ok.txt"]


def test_summary_is_the_last_line_and_matches_the_file_events(
    engine: Engine, src: Path, dst: Path
) -> None:
    mixed_tree(src)
    write_tree(src, {"blocked": "cannot land"})
    write_tree(dst, {"blocked/occupant": "x", "a.txt": "alpha"})
    source_a = (src / "a.txt").stat()
    os.utime(dst / "a.txt", ns=(source_a.st_atime_ns, source_a.st_mtime_ns))
    result = engine("run", src, dst, "-w", "2", "--json")
    summary = summary_of(result)
    found = file_events(result).values()
    by_status = {s: [e for e in found if e["status"] == s] for s in ("done", "skipped", "failed")}
    assert summary["event"] == "summary"
    assert summary["files_done"] == len(by_status["done"]) == 3  # b.bin, link, pipe
    assert summary["files_skipped"] == len(by_status["skipped"]) == 1  # a.txt, unchanged
    assert summary["files_failed"] == len(by_status["failed"]) == 1
    assert summary["bytes_done"] == sum(e["bytes"] for e in by_status["done"]) == 5000
    assert isinstance(summary["elapsed_s"], float) and summary["elapsed_s"] > 0
    assert summary["failures"] == [{"path": "blocked", "error": "the target is a folder"}]
    assert summary["cancelled"] is False


def test_non_utf8_file_name_round_trips_through_json(engine: Engine, src: Path, dst: Path) -> None:
    raw_name = b"caf\xe9 \xff.txt"
    (src / "sub").mkdir()
    Path(os.fsdecode(os.fsencode(src / "sub") + b"/" + raw_name)).write_bytes(b"latin-1 name")
    result = engine("run", src, dst, "-w", "1", "--json")
    assert result.returncode == 0, result.stderr
    [event] = file_events(result).values()
    assert event["status"] == "done"
    assert os.fsencode(event["path"]) == b"sub/" + raw_name
    assert os.listdir(os.fsencode(dst / "sub")) == [raw_name]


def test_progress_events_are_coalesced_to_about_ten_a_second(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"slow.bin": os.urandom(2 << 20), "tiny.txt": "x"})
    result = engine("run", src, dst, "-w", "1", "--bwlimit", "1M", "--json")
    assert result.returncode == 0, result.stderr
    all_events = json_events(result)
    elapsed = all_events[-1]["elapsed_s"]
    progress = [e for e in all_events if e["event"] == "progress"]
    assert elapsed >= 1.5, "the run was too short to show coalescing"
    assert len(progress) >= 5, "progress was not reported during the run"
    assert len(progress) <= 12 * elapsed
    assert progress[-1]["bytes_done"] == progress[-1]["bytes_total"] == (2 << 20) + 1


EVERY_KIND: dict[str, Event] = {
    "start": JobStarted("/s", "/t", 2, ("copy", "gzip"), False),
    "file": FileEvent("a.txt", Status.DONE, 4, output="a.txt.gz", moved=True),
    "failed file": FileEvent("b.txt", Status.FAILED, 0, reason="permission denied"),
    "failed folder": FileEvent(
        "d",
        Status.FAILED,
        0,
        reason="cannot create folder",
        folder=True,
        files_left_out=3,
        bytes_left_out=12,
        counted=False,
    ),
    "progress": Progress(1, 0, 2, 0, 5, 10, 20, 10, 5.5, 2.0, 0.5, False, True, 3, 12),
    "workers": WorkerStatus(
        (WorkerInfo(11, "a.txt"), WorkerInfo(12, "b.bin", "node", 31.0, 4096, 1024, True))
    ),
    "log": LogMessage("warning", "something", "a.txt"),
    "summary": JobFinished(
        Summary(
            1,
            0,
            2,
            2,
            0,
            0,
            0,
            10,
            0.5,
            False,
            False,
            (("b.txt", "denied"), ("d", "no")),
            files_left_out=3,
            bytes_left_out=12,
            failed_folders=("d",),
        )
    ),
}


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_every_kind_of_event_is_rebuilt_from_its_json_whole(kind: str) -> None:
    event = EVERY_KIND[kind]

    line = json.dumps(to_json(event))

    assert from_json(json.loads(line)) == event


def test_a_line_that_is_no_event_is_refused() -> None:
    with pytest.raises(ValueError, match="no event named 'nonsense'"):
        from_json({"event": "nonsense"})
    with pytest.raises(ValueError, match="not a whole 'progress' event"):
        from_json({"event": "progress", "files_done": 1})
