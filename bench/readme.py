"""Writing the latest results into the "Performance" section of the top-level README.

The section is rebuilt from `results/latest.json` (`python bench/readme.py`), so the README
never quotes numbers without the machine and date they came from.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import one_line
from bench.report import md

BENCH = Path(__file__).resolve().parent
README = BENCH.parent / "README.md"
HEADING = "## Performance"


def section(results: dict[str, Any]) -> str:
    """Median wall time per dataset and command, the ratio to the baseline, and targets."""
    datasets = list(results["datasets"])
    rows: dict[str, dict[str, Any]] = {}
    for r in results["rows"]:
        rows.setdefault(r["label"], {})[r["dataset"]] = r
    head = " | ".join(datasets)
    lines = [
        HEADING,
        "",
        f"Median wall time in seconds (and the ratio to `cp -a`, or to `xargs -P2 gzip -6` on "
        f"`text`) from `make bench` on {results['generated'][:10]}, "
        f"median of {results['repeat']} run(s) per command after a warm-up; "
        f"machine: {one_line(results['machine'])}; {_revision(results)}. "
        "Method, datasets and the full table with CPU time, memory and throughput: "
        "[bench/README.md](bench/README.md), [bench/results/latest.md](bench/results/latest.md).",
        "",
        f"| command | {head} |",
        "| --- |" + " --- |" * len(datasets),
    ]
    for label, by in rows.items():
        cells = []
        for d in datasets:
            r = by.get(d)
            if r is None:
                cells.append("")
            elif r["status"] != "ok" or "wall_median" not in r:
                cells.append(r["status"])
            else:
                ratio = f" ({r['ratio']:.2f}x)" if r.get("ratio") is not None else ""
                cells.append(f"{r['wall_median']:.2f}{ratio}")
        lines.append(f"| {md(label)} | " + " | ".join(cells) + " |")
    lines += _versus_rsync(results)
    lines += ["", "| target | goal | measured | |", "| --- | --- | --- | --- |"]
    for t in results.get("targets", []):
        verdict = {True: "met", False: "missed", None: "n/a"}[t["passed"]]
        lines.append(f"| {md(t['name'])} | {md(t['goal'])} | {md(t['value'])} | {verdict} |")
    if any(t["passed"] is False for t in results.get("targets", [])):
        lines += [
            "",
            "Why the missed targets are missed, with the floors measured beside them (the "
            "references quoted in their rows): [bench/README.md](bench/README.md), the rounds "
            "of engine work and what each found.",
        ]
    return "\n".join(lines) + "\n"


def _versus_rsync(results: dict[str, Any]) -> list[str]:
    """The mirror re-run and the check of `small`, each beside rsync doing the same."""
    parts = []
    mirror, check = results.get("mirror"), results.get("check")
    if mirror:
        parts.append(
            (
                f"mirror re-run of `small` after {mirror['changed']} files changed, "
                f"{mirror['removed']} went and {mirror['added']} came",
                mirror["rows"],
            )
        )
    if check:
        parts.append(("check of `small` against an exact copy", check["rows"]))
    lines: list[str] = []
    for what, rows in parts:
        cells = []
        for r in rows:
            if r["status"] != "ok" or "wall_median" not in r:
                cells.append(f"{md(r['label'])} {r['status']}")
            else:
                ratio = f" ({r['ratio']:.2f}x)" if r.get("ratio") is not None else ""
                cells.append(f"{md(r['label'])} {r['wall_median']:.2f} s{ratio}")
        lines += ["", f"The {what} (ratio to rsync): " + "; ".join(cells) + "."]
    return lines


def _revision(results: dict[str, Any]) -> str:
    versions = results.get("versions", {})
    start = versions.get("conveyor revision", "unknown")
    end = versions.get("conveyor revision at the end")
    return f"Conveyor {start}" + (f" (changed to {end} during the run)" if end else "")


def update(readme: Path, text: str) -> str:
    """`readme` with its Performance section replaced (or added before Development)."""
    old = readme.read_text()
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## )", re.S | re.M)
    if pattern.search(old):
        return pattern.sub(lambda _m: text + "\n", old, count=1)
    marker = "## Development"
    if marker in old:
        return old.replace(marker, text + "\n" + marker, 1)
    return old.rstrip("\n") + "\n\n" + text


def main() -> int:
    results = json.loads((BENCH / "results" / "latest.json").read_text())
    README.write_text(update(README, section(results)))
    print(f"updated the Performance section of {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
