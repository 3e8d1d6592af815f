"""The scanner's quick check: files already up to date are settled without a worker.

A plain copy whose target passes the if-exists policy's check (rsync's quick check for
`changed`) is reported skipped by the scanner itself, with the outcome a worker would have
sent; everything else still goes to the workers. The pool starts with the first batch, so a
re-run of a finished copy starts no worker process at all.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
from helpers import (
    ANSI,
    ENGINE,
    SUMMARY,
    Engine,
    file_events,
    json_events,
    run_engine,
    run_on_terminal,
    snapshot,
    summary_of,
    temp_files,
    write_tree,
)

from engine.control import Control
from engine.filters import PathFilter
from engine.job import IfExists
from engine.records import Batch, FileTask, Outcome
from engine.roots import Roots
from engine.scan import QuickCheck, ScanItem, Scanner, UpToDate
from engine.stages import StageSpec, build
from engine.worker.inflight import TempFiles
from engine.worker.metadata import Keeper
from engine.worker.pacing import Pacer
from engine.worker.settings import TransferSettings
from engine.worker.transfer import Transfer

OLD_NS = 1_500_000_000_000_000_000
NEW_NS = 1_700_000_000_000_000_000
SOURCE_NS = 1_600_000_000_000_000_000


class Watched(subprocess.CompletedProcess[str]):
    """A CLI run, and whether it started any worker process."""

    started_workers: bool = False


def run_json(engine: Engine, src: Path, dst: Path, *options: str) -> Watched:
    """Run the CLI as `engine` would, watching its children: a worker process lives at least
    as long as its interpreter takes to start, far longer than two looks apart, so one that
    was started is seen."""
    assert engine is run_engine, "worker processes are watched on this machine only"
    args = [*ENGINE, "run", os.fspath(src), os.fspath(dst), "-w", "2", "--json", *options]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    job, seen = psutil.Process(proc.pid), False
    while not seen and proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            seen = any("spawn_main" in " ".join(c.cmdline()) for c in job.children())
        time.sleep(0.002)
    out, err = proc.communicate(timeout=60)
    result = Watched(args, proc.returncode, out, err)
    result.started_workers = seen
    assert result.returncode == 0, result.stderr
    return result


def set_mtime(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(mtime_ns, mtime_ns), follow_symlinks=False)


# The CLI, end to end


def test_a_rerun_of_a_finished_copy_skips_every_file_and_starts_no_worker(
    src: Path, dst: Path, engine: Engine
) -> None:
    files = {"a.txt": "a", "sub/b.bin": b"\0" * 5000, "sub/deeper/c.txt": "ccc", "empty/": ""}
    write_tree(src, files)
    first = run_json(engine, src, dst)
    assert first.started_workers, "the first run copies with workers"
    before = snapshot(dst)

    again = run_json(engine, src, dst)

    events = file_events(again)
    assert events == {
        "a.txt": {
            "event": "file",
            "path": "a.txt",
            "status": "skipped",
            "bytes": 1,
            "reason": "unchanged",
        },
        "sub/b.bin": {
            "event": "file",
            "path": "sub/b.bin",
            "status": "skipped",
            "bytes": 5000,
            "reason": "unchanged",
        },
        "sub/deeper/c.txt": {
            "event": "file",
            "path": "sub/deeper/c.txt",
            "status": "skipped",
            "bytes": 3,
            "reason": "unchanged",
        },
    }
    summary = summary_of(again)
    assert (summary["files_done"], summary["files_skipped"], summary["files_failed"]) == (0, 3, 0)
    assert summary["bytes_done"] == 0
    assert not again.started_workers
    assert snapshot(dst) == before


def test_the_last_progress_of_a_rerun_counts_every_file_and_byte(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {f"d{i % 3}/f{i}.txt": "x" * i for i in range(30)})
    run_json(engine, src, dst)

    again = run_json(engine, src, dst)

    last = [e for e in json_events(again) if e["event"] == "progress"][-1]
    assert (last["files_total"], last["files_skipped"], last["files_done"]) == (30, 30, 0)
    assert last["bytes_total"] == last["bytes_done"] == sum(range(30))
    assert last["scanning"] is False


def test_changed_files_still_go_to_workers_among_unchanged_ones(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"same.txt": "same", "grown.txt": "short", "touched.txt": "touch", "n/x": "x"})
    run_json(engine, src, dst)
    (src / "grown.txt").write_text("much longer now")
    set_mtime(src / "grown.txt", SOURCE_NS)
    set_mtime(src / "touched.txt", SOURCE_NS)
    write_tree(src, {"n/new.txt": "new"})

    again = run_json(engine, src, dst)

    statuses = {path: e["status"] for path, e in file_events(again).items()}
    assert statuses == {
        "same.txt": "skipped",
        "grown.txt": "done",
        "touched.txt": "done",
        "n/x": "skipped",
        "n/new.txt": "done",
    }
    assert again.started_workers
    assert snapshot(dst) == snapshot(src)


def test_a_target_that_is_not_a_regular_file_is_left_to_the_workers(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"link-now.txt": "data", "folder-now.txt": "data"})
    set_mtime(src / "link-now.txt", SOURCE_NS)
    dst.mkdir()
    (dst / "elsewhere.txt").write_text("data")
    set_mtime(dst / "elsewhere.txt", SOURCE_NS)
    os.symlink("elsewhere.txt", dst / "link-now.txt")
    set_mtime(dst / "link-now.txt", SOURCE_NS)
    (dst / "folder-now.txt").mkdir()

    result = engine("run", src, dst, "-w", "1", "--json")

    events = file_events(result)
    assert events["link-now.txt"]["status"] == "done"
    assert (dst / "link-now.txt").is_file() and not (dst / "link-now.txt").is_symlink()
    assert events["folder-now.txt"]["status"] == "failed"
    assert events["folder-now.txt"]["error"] == "the target is a folder"


@pytest.mark.parametrize(
    ("policy", "target_ns", "status", "reason"),
    [
        ("skip", OLD_NS, "skipped", "target exists"),
        ("newer", NEW_NS, "skipped", "target is as new or newer"),
        ("newer", OLD_NS, "done", ""),
        ("rename", SOURCE_NS, "skipped", "unchanged"),
        ("overwrite", SOURCE_NS, "done", ""),
    ],
)
def test_each_policy_settles_a_differing_target_as_before(
    src: Path, dst: Path, engine: Engine, policy: str, target_ns: int, status: str, reason: str
) -> None:
    write_tree(src, {"f.txt": "source"})
    set_mtime(src / "f.txt", SOURCE_NS)
    write_tree(dst, {"f.txt": "target"})
    set_mtime(dst / "f.txt", target_ns)

    result = run_json(engine, src, dst, "--if-exists", policy)

    event = file_events(result)["f.txt"]
    assert (event["status"], event.get("reason", "")) == (status, reason)
    assert "output" not in event
    expected = "source" if status == "done" else "target"
    assert (dst / "f.txt").read_text() == expected


def test_a_dry_run_rerun_reports_unchanged_files_as_skipped_and_writes_nothing(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    run_json(engine, src, dst)
    write_tree(src, {"sub/new.txt": "new", "fresh/c.txt": "c"})
    before = snapshot(dst)

    result = run_json(engine, src, dst, "--dry-run")

    statuses = {path: e["status"] for path, e in file_events(result).items()}
    assert statuses == {
        "a.txt": "skipped",
        "sub/b.txt": "skipped",
        "sub/new.txt": "done",
        "fresh/c.txt": "done",
    }
    assert summary_of(result)["dry_run"] is True
    assert snapshot(dst) == before


def test_a_dry_run_into_a_missing_target_plans_every_file(
    src: Path, tmp_path: Path, engine: Engine
) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    missing = tmp_path / "nowhere"

    result = run_json(engine, src, missing, "--dry-run")

    assert {p: e["status"] for p, e in file_events(result).items()} == {
        "a.txt": "done",
        "sub/b.txt": "done",
    }
    assert not missing.exists()


def test_a_transformed_chain_is_still_decided_by_the_workers(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"a.txt": "a" * 100, "b.txt": "b" * 100})
    run_json(engine, src, dst, "--stage", "gzip")

    again = run_json(engine, src, dst, "--stage", "gzip")

    events = file_events(again)
    assert {e["status"] for e in events.values()} == {"skipped"}
    assert {e["output"] for e in events.values()} == {"a.txt.gz", "b.txt.gz"}
    assert again.started_workers, "the stamp check is a worker's"


def test_files_a_stage_leaves_alone_are_settled_beside_transformed_ones(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"a.log": "l" * 100, "b.txt": "plain"})
    run_json(engine, src, dst, "--stage", "gzip:match=*.log")

    again = run_json(engine, src, dst, "--stage", "gzip:match=*.log")

    events = file_events(again)
    assert events["a.log"]["output"] == "a.log.gz"
    assert events["b.txt"] == {
        "event": "file",
        "path": "b.txt",
        "status": "skipped",
        "bytes": 5,
        "reason": "unchanged",
    }
    assert sorted(p.name for p in dst.iterdir()) == ["a.log.gz", "b.txt"]


def test_a_rerun_with_verify_skips_unchanged_files_too(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})
    run_json(engine, src, dst, "--verify")

    again = run_json(engine, src, dst, "--verify")

    assert {e["reason"] for e in file_events(again).values()} == {"unchanged"}
    assert not again.started_workers


def test_hard_links_follow_a_first_name_the_scanner_settled(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"first.txt": "shared", "other.txt": "alone", "z/": ""})
    os.link(src / "first.txt", src / "z/second.txt")
    run_json(engine, src, dst, "--hard-links")

    again = run_json(engine, src, dst, "--hard-links")

    events = file_events(again)
    assert {p: e["reason"] for p, e in events.items()} == {
        "first.txt": "unchanged",
        "z/second.txt": "unchanged",
        "other.txt": "unchanged",
    }
    assert os.path.samefile(dst / "first.txt", dst / "z/second.txt")
    assert temp_files(dst) == []


def test_a_new_later_name_is_linked_to_a_settled_first_name(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"first.txt": "shared", "z/": ""})
    run_json(engine, src, dst, "--hard-links")
    os.link(src / "first.txt", src / "z/second.txt")

    again = run_json(engine, src, dst, "--hard-links")

    events = file_events(again)
    assert events["first.txt"]["reason"] == "unchanged"
    assert events["z/second.txt"]["status"] == "done"
    assert events["z/second.txt"]["reason"] == "hard link to 'first.txt'"
    assert os.path.samefile(dst / "first.txt", dst / "z/second.txt")


# The scanner's outcome against the worker's, file by file


def _target_states() -> dict[str, Any]:
    def regular(content: str, mtime_ns: int) -> Any:
        def make(path: Path) -> None:
            path.write_text(content)
            set_mtime(path, mtime_ns)

        return make

    def symlink(path: Path) -> None:
        (path.parent / "pointee").write_text("source")
        set_mtime(path.parent / "pointee", SOURCE_NS)
        os.symlink("pointee", path)

    return {
        "missing": None,
        "identical": regular("source", SOURCE_NS),
        "other-size": regular("longer target", SOURCE_NS),
        "older": regular("source", OLD_NS),
        "newer": regular("source", NEW_NS),
        "folder": lambda path: path.mkdir(),
        "symlink": symlink,
    }


TARGET_STATES = _target_states()


def scan_one(src: Path, dst: Path, policy: IfExists) -> list[ScanItem]:
    items: queue.Queue[ScanItem] = queue.Queue()
    stages = (build(StageSpec("copy")),)
    roots = Roots(src, dst)
    try:
        Scanner(
            roots.source,
            roots.target,
            PathFilter((), ()),
            follow_symlinks=False,
            create_dirs=True,
            out=items,
            stop=threading.Event(),
            quick=QuickCheck.for_job(stages, policy, Keeper()),
        ).run()
    finally:
        roots.close()
    found = []
    while not items.empty():
        found.append(items.get_nowait())
    return found


def worker_outcome(src: Path, dst: Path, policy: IfExists, task: FileTask) -> Outcome:
    control = Control(multiprocessing.get_context("spawn"))
    settings = TransferSettings(src, dst, policy, verify=False, dry_run=False, bwlimit=0)
    pacer = Pacer(control, lambda _n: None)
    roots = Roots(src, dst)
    stages = (build(StageSpec("copy")),)
    transfer = Transfer(
        settings,
        stages,
        control,
        TempFiles(),
        pacer,
        "t",
        source_root=roots.source,
        target_root=roots.target,
    )
    try:
        return transfer.run(task)
    finally:
        transfer.end_batch()
        roots.close()


@pytest.mark.parametrize("state", sorted(TARGET_STATES))
@pytest.mark.parametrize("policy", list(IfExists), ids=str)
def test_the_scanner_settles_a_file_exactly_as_a_worker_would(
    tmp_path: Path, policy: IfExists, state: str
) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    write_tree(src, {"sub/f.txt": "source"})
    set_mtime(src / "sub/f.txt", SOURCE_NS)
    (dst / "sub").mkdir(parents=True)
    make = TARGET_STATES[state]
    if make is not None:
        make(dst / "sub/f.txt")

    items = scan_one(src, dst, policy)

    settled = [o for item in items if isinstance(item, UpToDate) for o in item.outcomes]
    queued = [t for item in items if isinstance(item, Batch) for t in item.tasks]
    info = os.lstat(src / "sub/f.txt")
    task = FileTask("sub/f.txt", "file", info.st_size, info.st_mtime_ns, info.st_atime_ns, 0o644)
    by_worker = worker_outcome(src, dst, policy, task)
    if settled:
        assert queued == []
        assert settled == [by_worker]
    else:
        assert [t.rel for t in queued] == ["sub/f.txt"]
        # Left to the workers only where a regular file at the name would not be skipped.
        regular_skip = (
            by_worker.status == "skipped"
            and not by_worker.output
            and state
            in {
                "identical",
                "other-size",
                "older",
                "newer",
            }
        )
        assert not regular_skip, by_worker


def test_files_in_folders_the_scan_made_go_to_workers_marked_fresh(tmp_path: Path) -> None:
    """Fresh: nothing can stand at their names, so workers need not look before writing."""
    src, dst = tmp_path / "src", tmp_path / "dst"
    write_tree(src, {"new/a.txt": "a", "new/deeper/b.txt": "b", "old/c.txt": "c", "d.txt": "d"})
    (dst / "old").mkdir(parents=True)

    items = scan_one(src, dst, IfExists.CHANGED)

    fresh = {t.rel: t.fresh for item in items if isinstance(item, Batch) for t in item.tasks}
    assert fresh == {
        "new/a.txt": True,
        "new/deeper/b.txt": True,
        "old/c.txt": False,
        "d.txt": False,
    }


def test_overwrite_never_looks_at_the_target_in_the_scanner(tmp_path: Path) -> None:
    stages = (build(StageSpec("copy")),)
    assert QuickCheck.for_job(stages, IfExists.OVERWRITE, Keeper()) is None
    assert QuickCheck.for_job(stages, IfExists.CHANGED, Keeper()) is not None


# The terminal display, built while the job already runs


def test_a_job_that_ends_before_the_terminal_display_is_ready_still_shows_everything(
    src: Path, dst: Path
) -> None:
    """The live display is attached after the job started; what happened meanwhile (here,
    possibly the whole job) is replayed to it in order."""
    write_tree(src, {"a.txt": "a", "b.txt": "b", "gone/": ""})
    write_tree(dst, {"gone": "a file where a folder goes"})

    returncode, drawn = run_on_terminal(["run", src, dst, "-w", "1"], timeout_s=60)

    assert returncode == 1
    plain = ANSI.sub("", drawn)
    last = [line for line in plain.replace("\r", "\n").splitlines() if line.strip()][-1]
    assert SUMMARY.match(last.strip()), last
    assert "Copied 2 files" in last and "failed 1" in last


# Spawning workers from a script


def test_workers_do_not_run_the_main_script_again(tmp_path: Path) -> None:
    """Spawn re-runs a script's top level in every child unless told otherwise; a worker
    needs nothing from it, and the main module's own spec is back once workers started."""
    write_tree(tmp_path / "src", {"a.txt": "a", "b.txt": "b"})
    script = tmp_path / "host.py"
    script.write_text(
        textwrap.dedent(
            """
            import os, sys
            from pathlib import Path
            print("top level ran in", os.getpid(), flush=True)
            if __name__ == "__main__":
                from engine import Job, run
                here = Path(sys.argv[1])
                summary = run(Job(here / "src", here / "dst", workers=2))
                print("copied", summary.files_done, flush=True)
                print("spec", __spec__, flush=True)
            """
        )
    )

    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len([line for line in lines if line.startswith("top level ran")]) == 1, lines
    assert "copied 2" in lines
    assert "spec None" in lines
