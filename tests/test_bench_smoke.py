"""The benchmark's smoke mode still runs end to end and reports every command.

It runs `bench/run.py --smoke` on tiny data in a temporary BENCH_DIR, with pigz and rsync
hidden, so the report must list them as missing rather than drop them (fpsync, which needs
rsync, too; rclone runs where it is installed). The sparse row must report, for each copy,
the space it takes beside cp -a's, after checking it kept its holes. A tiny `huge` (2,000
files in 20 folders) is copied and re-run onto, and the targets of "A million files" are
computed from those runs: the time to the first file, memory against `small`.
The mirror re-run and the check run again with rsync present, so both sides are measured
and each result checked; the tree comparison behind those checks is tested on its own.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import datasets, hygiene
from bench.commands import CHECK_COMMANDS, HIDE_ENV, MIRROR_COMMANDS, NOOP_COMMANDS, PLAN, Command
from bench.first_file import FirstFile
from bench.report import MILLION

REPO = Path(__file__).resolve().parent.parent
HIDDEN = {"pigz", "rsync"}


def _absent(command: Command) -> bool:
    """Whether the smoke run must report `command` as missing: hidden, or not installed."""
    return bool(set(command.requires) & HIDDEN or command.missing())


def test_smoke_run_reports_every_command(tmp_path: Path) -> None:
    env = {**os.environ, "BENCH_DIR": str(tmp_path), HIDE_ENV: ",".join(sorted(HIDDEN))}
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--smoke",
            "--datasets",
            "small,mixed,text,sparse,huge",
            "--noop-datasets",
            "small,huge",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "smoke" / "results" / "latest.json").read_text())
    assert (tmp_path / "smoke" / "results" / "latest.md").exists()

    rows = {(r["dataset"], r["command"]): r for r in results["rows"]}
    names = ("small", "mixed", "text", "sparse", "huge")
    expected = [(dataset, c) for dataset in names for c in PLAN[dataset]]
    for dataset, command in expected:
        row = rows[(dataset, command.key)]
        if _absent(command):
            assert row["status"] == "missing", row
            assert row["missing"], row
        else:
            assert row["status"] == "ok", row
            assert row["wall_median"] > 0 and row["cpu_median"] >= 0, row
            assert row["peak_rss_max"] > 0, row
    assert len(rows) == len(expected)

    source = results["datasets"]["sparse"]
    holes = source["allocated"] < source["bytes"]  # as the file system under tmp_path allows
    for command in PLAN["sparse"]:
        row = rows[("sparse", command.key)]
        assert row["allocated_median"] >= 0 and row["allocated_ratio"] >= 0, row
        if holes:
            assert row["allocated_median"] < source["bytes"], row
    assert "allocated x cp -a" in (tmp_path / "smoke" / "results" / "latest.md").read_text()

    assert results["datasets"]["huge"]["files"] == datasets.SMOKE.huge_files
    assert rows[("huge", "conveyor-w2")]["first_file_median"] > 0
    assert rows[("huge", "cp")]["first_file_median"] >= 0
    noop = {(r["dataset"], r["command"]): r["status"] for r in results["noop"]}
    assert noop == {
        (dataset, c.key): "missing" if _absent(c) else "ok"
        for dataset in ("small", "huge")
        for c in NOOP_COMMANDS
    }
    million = {t["name"]: t for t in results["targets"] if t["group"] == MILLION}
    assert len(million) == 7, million
    for name, target in million.items():
        if "no-op" in name:  # beside rsync, hidden here
            assert target["passed"] is None and "not measured" in target["value"], target
        else:
            assert target["passed"] is not None, target
    assert "### Targets: A million files" in (tmp_path / "smoke/results/latest.md").read_text()
    for extra, commands in (("mirror", MIRROR_COMMANDS), ("check", CHECK_COMMANDS)):
        statuses = {r["command"]: r["status"] for r in results[extra]["rows"]}
        assert statuses == {
            c.key: "missing" if set(c.requires) & HIDDEN else "ok" for c in commands
        }, results[extra]
    assert results["startup"]["status"] == "ok"
    assert results["startup"]["first_file_median"] > 0
    assert results["versions"]["pigz"] == "missing"
    assert {t["name"] for t in results["targets"]} >= {"start-up to first file"}
    for key in ("cpu", "cores", "ram_gib", "kernel", "filesystem", "python"):
        assert results["machine"][key], key


def test_bad_options_get_one_line(tmp_path: Path) -> None:
    for bad in (["--datasets", "small,nope"], ["--only", "cp,nope"], ["--noop-datasets", "x"]):
        done = subprocess.run(
            [sys.executable, str(REPO / "bench" / "run.py"), "--smoke", *bad],
            env={**os.environ, "BENCH_DIR": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.returncode == 2, done
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "unknown" in done.stderr and bad[1].split(",")[-1] in done.stderr
    assert not (tmp_path / "smoke").exists()  # nothing generated or measured


def test_first_file_is_a_regular_file_under_its_own_name(tmp_path: Path) -> None:
    watcher = FirstFile(tmp_path / "none")
    watcher.start()
    (tmp_path / "none" / "a").mkdir(parents=True)
    (tmp_path / "none" / "a" / ".partial").write_bytes(b"x")  # a temporary name
    (tmp_path / "none" / "link").symlink_to("a")
    assert watcher.stop() is None
    assert watcher.error == ""

    watcher = FirstFile(tmp_path / "copy")
    watcher.start()
    before = time.perf_counter()
    (tmp_path / "copy" / "a" / "b").mkdir(parents=True)
    (tmp_path / "copy" / "a" / "b" / "f").write_bytes(b"x")
    seen = watcher.stop()
    assert seen is not None and before <= seen <= time.perf_counter()


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_smoke_mirror_and_check_beside_rsync(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--smoke",
            "--only-extras",
            "--extras",
            "mirror,check",
            "--bench-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "smoke" / "results" / "latest.json").read_text())
    mirror, check = results["mirror"], results["check"]
    assert mirror["changed"] == mirror["removed"] == mirror["added"] == 1  # of 120 files
    for extra, commands, baseline in (
        (mirror, MIRROR_COMMANDS, "rsync-mirror"),
        (check, CHECK_COMMANDS, "rsync-check"),
    ):
        rows = {r["command"]: r for r in extra["rows"]}
        assert set(rows) == {c.key for c in commands}
        for row in rows.values():
            assert row["status"] == "ok", row
            assert row["wall_median"] > 0 and row["ratio"] > 0, row
            assert row["baseline"] == baseline
        assert rows[baseline]["ratio"] == 1.0
    markdown = (tmp_path / "smoke" / "results" / "latest.md").read_text()
    assert "### Mirror re-run of small: 1 files changed, 1 removed, 1 added" in markdown
    assert "### Check of small against an exact copy" in markdown
    assert "| x rsync |" in markdown
    assert not (tmp_path / "smoke" / "out" / "check").exists()  # copies cleaned up

    # The mirror's source really differs from `small`, and rsync's check would say so.
    old, new = (tmp_path / "smoke" / "data" / name for name in ("small", "small-mirror"))
    assert hygiene.compare_trees(old, new)
    listed = subprocess.run(
        ["rsync", "-an", "--delete", "-i", f"{new}/", f"{old}/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert sum(line.startswith("*deleting") for line in listed) == 1  # the added file
    assert sum(line.startswith(">f") for line in listed) == 2  # the changed one, the removed one


def test_mutation_is_seeded_and_compare_trees_catches_differences(tmp_path: Path) -> None:
    trees = []
    for name in ("a", "b"):
        tree = datasets.ensure(tmp_path / name, "small", scale=datasets.SMOKE, log=lambda _: None)
        datasets.mutate(tree, random.Random("mutation"), datasets.SMOKE, 0.05)
        trees.append(tree)
    a, b = trees
    assert hygiene.compare_trees(a, b) == ""  # same seeds, same names, bytes and times
    path = next(p for p in sorted(b.rglob("*")) if p.is_file())
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    times = path.stat()
    path.write_bytes(bytes(data))
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert "bytes differ" in hygiene.compare_trees(a, b)
    path.unlink()
    assert "missing from the target" in hygiene.compare_trees(a, b)
    (a / "extra").mkdir()
    assert "does not have" in hygiene.compare_trees(b, a)
