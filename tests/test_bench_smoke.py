"""The benchmark's smoke mode still runs end to end and reports every command.

It runs `bench/run.py --smoke` on tiny data in a temporary BENCH_DIR, with pigz and rsync
hidden, so the report must list them as missing rather than drop them. The sparse row must
report, for each copy, the space it takes beside cp -a's, after checking it kept its holes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.commands import HIDE_ENV, PLAN

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
    assert results["startup"]["status"] == "ok"
    assert results["startup"]["first_file_median"] > 0
    assert results["versions"]["pigz"] == "missing"
    assert {t["name"] for t in results["targets"]} >= {"start-up to first file"}
    for key in ("cpu", "cores", "ram_gib", "kernel", "filesystem", "python"):
        assert results["machine"][key], key
