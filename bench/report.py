"""Turning measurements into the Markdown report and the pass/fail list of targets.

Works on the JSON-shaped results alone, so an old `latest.json` can be rendered again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import one_line

MiB = 1 << 20
ENGINE_MEMORY_LIMIT = 300 * MiB
Results = dict[str, Any]
Row = dict[str, Any]
MILLION = "A million files"
"""The group of the targets measured with `huge` (`make bench-huge`)."""
HUGE_MEMORY_LIMIT = 150 * MiB
HUGE_MEMORY_GROWTH = 1.5
"""At most this many times the peak on `small` (the same command) on `huge`."""
HUGE_FIRST_FILE_S = 1.0
COPY_PEERS = ("rsync", "fpsync", "rclone")
"""Peers whose ratios to `cp -a` are quoted beside a copy target of the million files."""


def _rows(results: Results, dataset: str, section: str = "rows") -> dict[str, Row]:
    """The rows of `dataset` in `section` ("rows": the dataset tables; "noop": the no-op
    re-runs), by command key."""
    return {r["command"]: r for r in results.get(section) or [] if r["dataset"] == dataset}


def _median(row: Row | None) -> float | None:
    if row is None or row.get("status") != "ok" or "wall_median" not in row:
        return None
    return float(row["wall_median"])


def memory_check(results: Results) -> dict[str, Any]:
    """Peak memory of Conveyor's process tree per dataset, and whether `large` stays flat.

    Flat means the peak while copying 512 MiB files is within 25% (+16 MiB) of the peak
    while copying 1-64 KiB files with the same worker count: memory does not follow size.
    """
    peaks: dict[str, dict[str, int]] = {}
    for row in results.get("rows", []):
        if row.get("engine") and row.get("status") == "ok" and "peak_rss_max" in row:
            peaks.setdefault(row["command"], {})[row["dataset"]] = int(row["peak_rss_max"])
    flat: dict[str, bool | None] = {}
    for command, by_dataset in peaks.items():
        if "large" in by_dataset and "small" in by_dataset:
            flat[command] = by_dataset["large"] <= by_dataset["small"] * 1.25 + 16 * MiB
    worst = max((p for d in peaks.values() for p in d.values()), default=None)
    return {"peak_rss": peaks, "flat_on_large": flat, "worst_peak": worst}


def _target(
    name: str, goal: str, value: str, passed: bool | None, group: str = ""
) -> dict[str, Any]:
    return {"name": name, "goal": goal, "value": value, "passed": passed, "group": group}


def _ratio_target(
    rows: dict[str, Row],
    name: str,
    goal: str,
    test: Callable[[float, float], bool],
    subject: str,
    other: str,
    describe: Callable[[float, float], str],
    group: str = "",
) -> dict[str, Any]:
    a, b = _median(rows.get(subject)), _median(rows.get(other))
    if a is None or b is None:
        why = [k for k, v in ((subject, a), (other, b)) if v is None]
        return _target(name, goal, f"not measured ({', '.join(why)})", None, group)
    return _target(name, goal, describe(a, b), test(a, b), group)


def _ratio(a: float, b: float) -> str:
    return f"{a:.2f} s vs {b:.2f} s = {a / b:.2f}x"


def targets(results: Results) -> list[dict[str, Any]]:
    """Every target of the benchmark's issues, each with the measured numbers; those of
    "A million files" when the run measured `huge`."""
    ratio = _ratio

    def faster(a: float, b: float) -> str:
        return f"{a:.2f} s vs {b:.2f} s = {b / a:.1f}x faster"

    def speedup(a: float, b: float) -> str:
        return f"{a:.2f} s vs {b:.2f} s = {b / a:.2f}x"

    w2, gzip_w2 = "conveyor-w2", "conveyor-gzip-w2"
    peers = (("rsync", "rsync -a"), ("tar", "tar|tar"), ("simple-pool", "Pool(2) copy2 script"))
    comparisons: list[tuple[str, str, str, Callable[[float, float], bool], str, str, Any]] = [
        (
            "small",
            "small: -w 2 vs cp -a",
            "<= 1.2x cp -a",
            lambda a, b: a <= 1.2 * b,
            w2,
            "cp",
            ratio,
        ),
        *(
            (
                "small",
                f"small: -w 2 vs {label}",
                f"faster than {label}",
                lambda a, b: a < b,
                w2,
                peer,
                ratio,
            )
            for peer, label in peers
        ),
        (
            "small",
            "small: -w 2 vs tutorial copier",
            ">= 15x faster",
            lambda a, b: b / a >= 15,
            w2,
            "tutorial",
            faster,
        ),
        ("mixed", "mixed: -w 2 vs cp -a", "<= 1.0x cp -a", lambda a, b: a <= b, w2, "cp", ratio),
        (
            "large",
            "large: -w 2 vs cp -a",
            "<= 1.1x cp -a",
            lambda a, b: a <= 1.1 * b,
            w2,
            "cp",
            ratio,
        ),
        (
            "text",
            "gzip: 2 workers vs 1",
            ">= 1.8x as fast",
            lambda a, b: b / a >= 1.8,
            gzip_w2,
            "conveyor-gzip-w1",
            speedup,
        ),
        (
            "text",
            "gzip: 2 workers vs xargs -P2 gzip -6",
            "<= 1.1x",
            lambda a, b: a <= 1.1 * b,
            gzip_w2,
            "xargs-gzip-p2",
            ratio,
        ),
    ]
    out = [_ratio_target(_rows(results, c[0]), *c[1:]) for c in comparisons]
    _note_reference(out, "mixed: -w 2 vs cp -a", _rows(results, "mixed"), "simple-pool-spawn", "cp")
    startup = results.get("startup") or {}
    if startup.get("status") == "ok":
        first = float(startup["first_file_median"])
        out.append(
            _target(
                "start-up to first file",
                "< 0.5 s",
                f"median {first:.3f} s (min {startup['first_file_min']:.3f}, "
                f"max {startup['first_file_max']:.3f})",
                first < 0.5,
            )
        )
    else:
        out.append(_target("start-up to first file", "< 0.5 s", "not measured", None))
    noop = _rows(results, "small", "noop")
    out.append(
        _ratio_target(
            noop,
            "no-op re-run of small",
            "<= rsync -a no-op",
            lambda a, b: a <= b,
            "conveyor-w2-noop",
            "rsync-noop",
            ratio,
        )
    )
    _note_reference(out, "no-op re-run of small", noop, "python-noop-floor", "rsync-noop")
    memory = results.get("memory") or memory_check(results)
    peaks = memory.get("peak_rss") or {}
    worst = memory.get("worst_peak")
    if worst is not None:
        where = max(
            ((c, d) for c, by in peaks.items() for d, p in by.items() if p == worst),
            default=("?", "?"),
        )
        out.append(
            _target(
                "engine peak memory, every dataset",
                "< 300 MiB",
                f"worst {worst / MiB:.0f} MiB ({where[0]} on {where[1]})",
                worst < ENGINE_MEMORY_LIMIT,
            )
        )
    else:
        out.append(_target("engine peak memory, every dataset", "< 300 MiB", "not measured", None))
    flat = memory.get("flat_on_large") or {}
    if flat:
        detail = ", ".join(
            f"{c}: {peaks[c]['large'] / MiB:.0f} MiB on large vs {peaks[c]['small'] / MiB:.0f} "
            f"on small"
            for c in flat
        )
        out.append(
            _target(
                "memory flat on large (vs small)",
                "independent of file size",
                detail,
                all(flat.values()),
            )
        )
    return out + million_targets(results)


def million_targets(results: Results) -> list[dict[str, Any]]:
    """The targets of "A million files", each against peers measured in the same run:
    copies and no-op re-runs of `huge` and `small` (Conveyor -w 2 at most as slow as `cp -a`
    and `rsync -a`), its peak memory on `huge` (the whole process tree) and against its peak
    on `small`, and the time to its first file on `huge`. [] unless `huge` was measured."""
    measured = {r["dataset"] for part in ("rows", "noop") for r in results.get(part) or []}
    if "huge" not in measured:
        return []
    out = []
    comparisons = (
        ("rows", "copy -w 2 vs cp -a", "conveyor-w2", "cp", "<= 1.0x cp -a"),
        (
            "noop",
            "no-op re-run -w 2 vs rsync -a",
            "conveyor-w2-noop",
            "rsync-noop",
            "<= 1.0x rsync -a",
        ),
    )
    for section, what, subject, baseline, goal in comparisons:
        for dataset in ("huge", "small"):
            rows = _rows(results, dataset, section)
            name = f"{dataset}: {what}"
            at_most = _ratio_target(
                rows, name, goal, lambda a, b: a <= b, subject, baseline, _ratio, MILLION
            )
            out.append(at_most)
            if section == "rows":
                _note_peers(at_most, rows, baseline)
            else:
                _note_reference(out, name, rows, "python-noop-floor", baseline)

    def add(name: str, goal: str, result: tuple[str, bool] | None) -> None:
        value, passed = result or ("not measured", None)
        out.append(_target(name, goal, value, passed, MILLION))

    huge, small = (_rows(results, d).get("conveyor-w2") or {} for d in ("huge", "small"))
    peak, base, first = (
        huge.get("peak_rss_max"),
        small.get("peak_rss_max"),
        huge.get("first_file_median"),
    )
    add(
        "huge: peak memory of -w 2 (process tree)",
        f"< {HUGE_MEMORY_LIMIT / MiB:.0f} MiB",
        None
        if peak is None
        else (f"{peak / MiB:.0f} MiB (largest of its runs)", peak < HUGE_MEMORY_LIMIT),
    )
    add(
        "huge vs small: peak memory of -w 2",
        f"<= {HUGE_MEMORY_GROWTH}x its peak on small",
        None
        if peak is None or base is None
        else (
            f"{peak / MiB:.0f} MiB vs {base / MiB:.0f} MiB = {peak / base:.2f}x",
            peak <= HUGE_MEMORY_GROWTH * base,
        ),
    )
    add(
        "huge: first file in the target, -w 2",
        f"<= {HUGE_FIRST_FILE_S:.0f} s",
        None
        if first is None
        else (
            f"median {first:.2f} s (max {huge['first_file_max']:.2f} s)",
            first <= HUGE_FIRST_FILE_S,
        ),
    )
    return out


def _note_peers(target: dict[str, Any], rows: dict[str, Row], baseline: str) -> None:
    """Add the other copiers' ratios to `baseline` (in the same run) to `target`'s figures."""
    base = _median(rows.get(baseline))
    if base is None or target["passed"] is None:
        return
    quoted = []
    for key in COPY_PEERS:
        row = rows.get(key)
        time = _median(row)
        if row is not None and time is not None:
            quoted.append(f"{row['label']} {time / base:.2f}x")
        elif row is not None:
            quoted.append(f"{row['label']} {row.get('status', 'not measured')}")
    if quoted:
        target["value"] += "; " + ", ".join(quoted)


REFERENCES = {
    "simple-pool-spawn": "the Pool(2) script started with spawn",
    "python-noop-floor": "a bare Python walk and compare",
}
"""Reference commands that show how close any Python program can come to a target."""


def _note_reference(
    out: list[dict[str, Any]], name: str, rows: dict[str, Row], reference: str, baseline: str
) -> None:
    """Add the reference command's own ratio to the baseline to target `name`'s figures."""
    ref, base = _median(rows.get(reference)), _median(rows.get(baseline))
    target = next((t for t in out if t["name"] == name), None)
    if ref is None or base is None or target is None or target["passed"] is None:
        return
    target["value"] += f"; {REFERENCES[reference]}: {ref:.2f} s = {ref / base:.2f}x"


def md(text: str) -> str:
    """Text safe inside a Markdown table cell (labels such as `tar c | tar x`)."""
    return str(text).replace("|", "\\|")


def _fmt(value: Any, spec: str) -> str:
    return "" if value is None else format(value, spec)


def _dataset_table(results: Results, dataset: str) -> list[str]:
    info = results.get("datasets", {}).get(dataset, {})
    rows = [r for r in results.get("rows", []) if r["dataset"] == dataset]
    if not rows:
        return []
    baseline_label = next(
        (r["label"] for r in rows if r["command"] == rows[0]["baseline"]), rows[0]["baseline"]
    )
    base = md(baseline_label)
    space = "allocated" in info  # sparse files: the space each copy takes, beside its time
    files = info.get("files")
    heading = (
        f"### {dataset}: {_fmt(files, ',') or '?'} files, {info.get('bytes', 0) / 1e6:,.0f} MB"
    )
    if space:
        heading += f" ({info['allocated'] / MiB:,.1f} MiB allocated; copies checked for holes)"
    extra_head = f" allocated (MiB) | allocated x {base} |" if space else ""
    lines = [
        heading,
        "",
        f"| command | wall min / median / max (s) | first file (s) | CPU user+sys (s) "
        f"| peak RSS (MiB) | MB/s | files/s | x {base} |{extra_head}",
        "| --- | --- | --- | --- | --- | --- | --- | --- |" + (" --- | --- |" if space else ""),
    ]
    blank = " | | | | | | |" + (" | |" if space else "")
    for r in rows:
        if r["status"] != "ok" or "wall_median" not in r:
            why = (
                f"missing: {', '.join(r['missing'])}"
                if r["status"] == "missing"
                else f"{r['status']}: {r.get('error', '')[:120]}"
            )
            lines.append(f"| {md(r['label'])} | {md(why)}{blank}")
            continue
        busy = max((x.get("other_cpu_s", 0) / x["wall_s"] for x in r["samples"]), default=0)
        label = md(r["label"]) + (" (†)" if busy > 0.25 else "")
        extra = ""
        if space:
            allocated = r.get("allocated_median")
            extra = (
                f" {_fmt(None if allocated is None else allocated / MiB, ',.1f')} | "
                f"{_fmt(r.get('allocated_ratio'), '.2f')} |"
            )
        lines.append(
            f"| {label} | {r['wall_min']:.2f} / **{r['wall_median']:.2f}** / "
            f"{r['wall_max']:.2f} | {_fmt(r.get('first_file_median'), '.2f')} | "
            f"{r['cpu_median']:.2f} | {r['peak_rss_max'] / MiB:.0f} | "
            f"{_fmt(r.get('mb_s'), ',.0f')} | {_fmt(r.get('files_s'), ',.0f')} | "
            f"{_fmt(r.get('ratio'), '.2f')} |{extra}"
        )
    return [*lines, ""]


def _versus_rsync_table(heading: str, intro: str, rows: list[Row]) -> list[str]:
    """An extra's commands, each with its median over rsync's doing the same."""
    lines = [
        heading,
        "",
        intro,
        "",
        "| command | wall min / median / max (s) | CPU (s) | peak RSS (MiB) | x rsync |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        if r["status"] != "ok" or "wall_median" not in r:
            why = (
                f"missing: {', '.join(r['missing'])}"
                if r["status"] == "missing"
                else f"{r['status']}: {r.get('error', '')[:120]}"
            )
            lines.append(f"| {md(r['label'])} | {md(why)} | | | |")
            continue
        busy = max((x.get("other_cpu_s", 0) / x["wall_s"] for x in r["samples"]), default=0)
        label = md(r["label"]) + (" (†)" if busy > 0.25 else "")
        lines.append(
            f"| {label} | {r['wall_min']:.2f} / **{r['wall_median']:.2f}** / "
            f"{r['wall_max']:.2f} | {r['cpu_median']:.2f} | {r['peak_rss_max'] / MiB:.0f} | "
            f"{_fmt(r.get('ratio'), '.2f')} |"
        )
    return [*lines, ""]


def markdown(results: Results) -> str:
    """The whole report: machine, one table per dataset, extras, targets, notes."""
    kind = "smoke run (tiny data, not a measurement)" if results.get("smoke") else "full run"
    out = [
        "# Conveyor benchmark",
        "",
        f"{results['generated']}, {kind}: median of {results['repeat']} runs per command "
        f"{'after one warm-up run ' if results.get('warmup') else ''}"
        "(round-robin; before each run the previous copy is deleted, `sync`, page cache "
        "dropped, source re-read).",
        "",
        f"Machine: {one_line(results['machine'])}.",
        "",
        "Peers: " + "; ".join(f"{k} {v}" for k, v in results.get("versions", {}).items()) + ".",
        "",
    ]
    for dataset in results.get("datasets", {}):
        out += _dataset_table(results, dataset)
    noop = results.get("noop") or []
    for dataset in dict.fromkeys(r["dataset"] for r in noop):
        out += _versus_rsync_table(
            f"### No-op re-run of {dataset} onto a complete copy",
            f"`{dataset}` was copied once with `cp -a`; before every run the machine was reset "
            "as above and the copy's metadata read. After every run the copy must still be "
            "complete.",
            [r for r in noop if r["dataset"] == dataset],
        )
    mirror = results.get("mirror")
    if mirror:
        out += _versus_rsync_table(
            f"### Mirror re-run of small: {mirror['changed']} files changed, "
            f"{mirror['removed']} removed, {mirror['added']} added",
            "Each tool first copied `small` itself; before every run that copy was restored "
            "(`cp -a`), then the machine reset as above and the target's metadata read. After "
            "every run the target was compared with the new source: names, bytes, file times.",
            mirror["rows"],
        )
    check = results.get("check")
    if check:
        out += _versus_rsync_table(
            "### Check of small against an exact copy",
            "Both compare names, sizes and times, and write nothing; each run must report no "
            "difference (`engine check` exits 0, `rsync -i` itemizes nothing).",
            check["rows"],
        )
    startup = results.get("startup")
    if startup:
        if startup.get("status") == "ok":
            out += [
                f"Start-up to first file ({startup['command']}): "
                f"min {startup['first_file_min']:.3f} / median "
                f"**{startup['first_file_median']:.3f}** / max "
                f"{startup['first_file_max']:.3f} s; whole run median "
                f"{startup['wall_median']:.3f} s.",
                "",
            ]
        else:
            out += [f"Start-up to first file: {startup.get('error', 'failed')}.", ""]
    groups: dict[str, list[dict[str, Any]]] = {}
    for t in results.get("targets", []):
        groups.setdefault(t.get("group", ""), []).append(t)
    for group, listed in groups.items():
        heading = f"### Targets: {group}" if group else "### Targets"
        out += [heading, "", "| target | goal | measured | result |", "| --- | --- | --- | --- |"]
        for t in listed:
            verdict = {True: "PASS", False: "**FAIL**", None: "n/a"}[t["passed"]]
            out.append(f"| {md(t['name'])} | {md(t['goal'])} | {md(t['value'])} | {verdict} |")
        out.append("")
    notes = list(results.get("notes") or [])
    notes.append(
        "Peak RSS is the largest sum of resident memory over the command's process "
        "tree, sampled every 20 ms; CPU is user+sys of the whole tree (wait4); the first "
        "file is the median time from launch until a regular file appeared under its own "
        "name in the new target (inotify)."
    )
    out += ["Notes:", "", *[f"- {n}" for n in notes], ""]
    return "\n".join(out)


def main() -> int:
    """Render results/latest.md again from results/latest.json (after a report change)."""
    import json

    results_dir = Path(__file__).resolve().parent / "results"
    results = json.loads((results_dir / "latest.json").read_text())
    (results_dir / "latest.md").write_text(markdown(results))
    print(f"wrote {results_dir / 'latest.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
