"""The benchmark's smoke mode still runs end to end and reports every command.

It runs `bench/run.py --smoke` on tiny data in a temporary BENCH_DIR, with pigz and rsync
hidden, so the report must list them as missing rather than drop them. The sparse row must
report, for each copy, the space it takes beside cp -a's, after checking it kept its holes.
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
from pathlib import Path

import pytest

from bench import datasets, hygiene
from bench.commands import CHECK_COMMANDS, HIDE_ENV, MIRROR_COMMANDS, PLAN

REPO = Path(__file__).resolve().parent.parent
HIDDEN = {"pigz", "rsync"}


def test_smoke_run_reports_every_command(tmp_path: Path) -> None:
    env = {**os.environ, "BENCH_DIR": str(tmp_path), HIDE_ENV: ",".join(sorted(HIDDEN))}
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--smoke",
            "--datasets",
            "small,mixed,text,sparse",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "smoke" / "results" / "latest.json").read_text())
    assert (tmp_path / "smoke" / "results" / "latest.md").exists()

    rows = {(r["dataset"], r["command"]): r for r in results["rows"]}
    names = ("small", "mixed", "text", "sparse")
    expected = [(dataset, c) for dataset in names for c in PLAN[dataset]]
    for dataset, command in expected:
        row = rows[(dataset, command.key)]
        if set(command.requires) & HIDDEN:
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

    noop = {r["command"]: r["status"] for r in results["noop"]}
    assert noop == {
        "conveyor-w1-noop": "ok",
        "conveyor-w2-noop": "ok",
        "rsync-noop": "missing",
        "python-noop-floor": "ok",
    }
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
