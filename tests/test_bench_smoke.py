"""The benchmark's smoke mode still runs end to end and reports every command.

It runs `bench/run.py --smoke` on tiny data in a temporary BENCH_DIR, with pigz and rsync
hidden, so the report must list them as missing rather than drop them.
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
            "small,mixed,text",
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
    expected = [(dataset, c) for dataset in ("small", "mixed", "text") for c in PLAN[dataset]]
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
