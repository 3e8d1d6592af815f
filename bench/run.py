"""`make bench`: Conveyor beside its peers on the same data, in one run, then the report.

For each dataset every command runs once to warm up, then `--repeat` times, round-robin
(the order rotates each round so no command always follows the same one), with the
machine reset before every run (see `hygiene`). Each result is checked to be a complete
copy; a wrong result counts as a failure, not as a fast run, and timed to its first file in
the target. Then a no-op re-run of `small` (or of `--noop-datasets`: Conveyor and rsync onto
a complete copy, beside the least a Python program must do to find the copy complete), the
start-up time to the first file, a mirror re-run of `small` after
1% of its files changed, 1% went and 1% came (`engine run --delete` beside
`rsync -a --delete`) and `engine check` beside `rsync -an --delete -i` on an exact copy.

    python bench/run.py                 # the full benchmark (20-40 minutes)
    python bench/run.py --smoke         # tiny sizes, one repeat: seconds, for CI
    python bench/run.py --datasets small,text --repeat 5
    python bench/run.py --datasets small,huge --extras noop --noop-datasets small,huge
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import datasets, hygiene, machine, packages, report
from bench.commands import (
    BASELINE,
    CHECK_COMMANDS,
    MIRROR_COMMANDS,
    NOOP_COMMANDS,
    PLAN,
    STARTUP,
    Command,
    compile_engine,
    engine_revision,
    engine_warm,
    versions,
)
from bench.measure import Sample, measure

DEFAULT_DIR = Path("/var/tmp/conveyor-bench")
RESULTS = Path(__file__).resolve().parent / "results"
DATASET_ORDER = ("small", "mixed", "large", "text", "sparse")
HOLEY = frozenset({"sparse"})
"""Datasets whose copies must keep their holes: each run's result is checked for them, and
the space it takes (st_blocks * 512) is reported beside the time."""
EXTRAS = ("noop", "startup", "mirror", "check")
"""Runs beside the dataset tables: the no-op re-run (on `--noop-datasets`), the start-up
time, the mirror re-run (`--delete` after 1% of `small` changed, 1% removed, 1% added) and
`engine check`, the last two beside rsync's equivalents."""
EXTRA_COMMANDS: dict[str, tuple[Command, ...]] = {
    "noop": NOOP_COMMANDS,
    "startup": (),
    "mirror": MIRROR_COMMANDS,
    "check": CHECK_COMMANDS,
}
BUSY_LIMIT = 0.25
"""A run during which other processes kept more than this many CPUs busy is run again."""


class Progress:
    """Timestamped progress lines on stderr, so a 30-minute run shows where it is."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def __call__(self, message: str) -> None:
        elapsed = time.monotonic() - self.start
        print(f"[{elapsed / 60:5.1f} min] {message}", file=sys.stderr, flush=True)


def summarise(samples: list[Sample]) -> dict[str, float | int]:
    walls = [s.wall_s for s in samples]
    allocated = [s.allocated for s in samples if s.allocated is not None]
    firsts = [s.first_file_s for s in samples if s.first_file_s is not None]
    measured: dict[str, float | int] = {}
    if allocated and len(allocated) == len(samples):  # measured on every run (`HOLEY` sets)
        measured |= {
            "allocated_median": int(statistics.median(allocated)),
            "allocated_max": max(allocated),
        }
    if firsts and len(firsts) == len(samples):  # watched, and seen on every run
        measured |= {
            "first_file_median": statistics.median(firsts),
            "first_file_max": max(firsts),
        }
    return {
        "wall_min": min(walls),
        "wall_median": statistics.median(walls),
        "wall_max": max(walls),
        "cpu_median": statistics.median(s.cpu_s for s in samples),
        "user_median": statistics.median(s.user_s for s in samples),
        "sys_median": statistics.median(s.sys_s for s in samples),
        "peak_rss_max": max(s.peak_rss for s in samples),
        "peak_rss_median": int(statistics.median(s.peak_rss for s in samples)),
        **measured,
    }


class Runner:
    def __init__(self, args: argparse.Namespace, log: Progress) -> None:
        self.args = args
        self.log = log
        self.root: Path = args.bench_dir
        self.scale = datasets.SMOKE if args.smoke else datasets.FULL
        self.out = self.root / "out"
        self.hygiene = hygiene.Hygiene(drop_caches=not args.no_drop_caches)
        self.retried = 0
        self.busy_kept = 0
        if args.no_drop_caches:
            self.hygiene.notes.append("page cache not dropped between runs (asked not to)")

    def dataset(self, name: str) -> Path:
        return datasets.ensure(self.root, name, seed=self.args.seed, scale=self.scale, log=self.log)

    def run_once(
        self,
        command: Command,
        src: Path,
        expected: hygiene.TreeCount,
        *,
        warmup: bool = False,
        holes: bool = False,
    ) -> Sample:
        """One checked run; run again (up to `--retries` times) while other work shared the
        CPUs, keeping the cleanest of the tries. A warm-up is run once, without waiting."""
        best: Sample | None = None
        retries = 0 if warmup else self.args.retries
        for attempt in range(1 + retries):
            sample = self._run_checked(command, src, expected, wait=not warmup, holes=holes)
            if best is None or sample.other_cpu_s < best.other_cpu_s:
                best = sample
            quiet = sample.other_cpu_s <= BUSY_LIMIT * sample.wall_s
            if sample.returncode != 0 or quiet or attempt == retries:
                break
            self.retried += 1
            self.log(
                f"  other processes used {sample.other_cpu_s:.2f} CPU-s during "
                f"{command.label} ({sample.wall_s:.2f} s): running it again"
            )
        assert best is not None
        if best.other_cpu_s > BUSY_LIMIT * best.wall_s and not warmup:
            self.busy_kept += 1
        return best

    def _run_checked(
        self, command: Command, src: Path, expected: hygiene.TreeCount, *, wait: bool, holes: bool
    ) -> Sample:
        """One run, its result checked, then deleted; with `holes`, also that the copy kept
        the source's holes, and the space the copy takes is recorded."""
        dst = self.out / command.key
        self.hygiene.reset(src, dst, program=command.warm)
        dst.parent.mkdir(parents=True, exist_ok=True)
        waited = self.hygiene.wait_quiet(BUSY_LIMIT, self.args.max_quiet_wait if wait else 0)
        if waited > 5:
            self.log(f"  waited {waited:.0f} s for other processes to leave the CPUs alone")
        sample = measure(command.argv(src, dst), timeout_s=self.args.timeout, first_file=dst)
        if sample.first_file_error:
            self.log(f"  time to the first file not measured: {sample.first_file_error}")
        if sample.returncode == 0:
            problem = hygiene.check_copy(command.kind, expected, dst)
            if holes and not problem:
                problem = hygiene.check_holes(src, dst)
                sample = replace(sample, allocated=hygiene.allocated(dst))
            if problem:
                sample = replace(sample, returncode=-1, error=problem)
        hygiene.remove(dst)  # one copy at a time: of `huge` each takes 1M inodes and ~4 GB
        return sample

    def bench_dataset(self, name: str) -> tuple[dict[str, object], list[dict[str, object]]]:
        src = self.dataset(name)
        expected = hygiene.count(src)
        info: dict[str, object] = {
            "files": expected.files,
            "bytes": expected.bytes,
            "path": str(src),
        }
        holes = name in HOLEY
        if holes:
            info["allocated"] = space = hygiene.allocated(src)
            if space >= expected.bytes:
                self.hygiene.notes.append(
                    f"{name}: the file system under {src} kept no holes in the generated "
                    "file, so its row cannot show whether a copier keeps them."
                )
        commands = [c for c in PLAN[name] if self._selected(c)]
        rows: dict[str, dict[str, object]] = {}
        samples: dict[str, list[Sample]] = {}
        for command in commands:
            rows[command.key] = _row(name, command)
            if missing := command.missing():
                rows[command.key].update(status="missing", missing=missing)
                self.log(f"{name}: {command.label}: MISSING ({', '.join(missing)})")
        runnable = [c for c in commands if rows[c.key]["status"] == "ok"]
        if not self.args.no_warmup:
            for command in runnable:
                self.log(f"{name}: warm-up {command.label}")
                self._record(
                    rows,
                    samples,
                    name,
                    command,
                    self.run_once(command, src, expected, warmup=True, holes=holes),
                    keep=False,
                )
        for round_no in range(self.args.repeat):
            live = [c for c in runnable if rows[c.key]["status"] == "ok"]
            shift = round_no % max(1, len(live))
            for command in live[shift:] + live[:shift]:
                sample = self.run_once(command, src, expected, holes=holes)
                self._record(rows, samples, name, command, sample, keep=True)
                self.log(
                    f"{name}: round {round_no + 1}/{self.args.repeat} {command.label}: "
                    f"{sample.wall_s:.2f} s, cpu {sample.cpu_s:.2f} s, "
                    f"peak {sample.peak_rss / 2**20:.0f} MiB"
                    + ("" if sample.returncode == 0 else f"  FAILED: {sample.error[:200]}")
                )
        for command in commands:
            row = rows[command.key]
            if samples.get(command.key) and row["status"] == "ok":
                row.update(summarise(samples[command.key]))
                wall = float(row["wall_median"])  # type: ignore[arg-type]
                row["mb_s"] = expected.bytes / 1e6 / wall if wall else None
                row["files_s"] = expected.files / wall if wall else None
        _ratios(list(rows.values()))
        return info, list(rows.values())

    def _record(
        self,
        rows: dict[str, dict[str, object]],
        samples: dict[str, list[Sample]],
        dataset: str,
        command: Command,
        sample: Sample,
        *,
        keep: bool,
    ) -> None:
        row = rows[command.key]
        if sample.returncode != 0:
            row.update(status="failed", error=sample.error or f"exit status {sample.returncode}")
            self.log(f"{dataset}: {command.label} FAILED: {row['error']}")
            return
        if keep:
            samples.setdefault(command.key, []).append(sample)
            row["samples"].append(asdict(sample))  # type: ignore[attr-defined]

    def _selected(self, command: Command) -> bool:
        only = self.args.only
        return not only or command.key in only

    def noop(self, name: str) -> list[dict[str, object]]:
        """Re-running onto a complete copy of dataset `name` (made once with `cp -a`):
        Conveyor's quick check against rsync's, and the floor under any Python program's
        (`peers/noop_floor.py`). After each run the copy must still be complete."""
        src = self.dataset(name)
        dst = self.out / f"noop-{name}"
        self.hygiene.reset(src, dst)
        dst.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["cp", "-a", str(src), str(dst)], check=True)
        expected = hygiene.count(src)
        rows = _extra_rows(NOOP_COMMANDS, name)
        if problem := hygiene.check_copy("copy", expected, dst):
            for row, _ in rows:
                row.update(status="failed", error=f"the copy to re-run onto: {problem}")
        runs = self._extra_rounds(
            f"no-op {name}",
            rows,
            src,
            lambda _command: dst,
            None,
            lambda _command, target, _printed: hygiene.check_copy("copy", expected, target),
        )
        hygiene.remove(dst)
        return _finish_extra(rows, runs, expected)

    def mirror(self) -> dict[str, object]:
        """A mirror re-run: each tool first copies `small` itself (once, untimed), then
        every measured run starts from a restored copy of that (`cp -a`) and mirrors
        `small-mirror` (1% of the files changed, 1% removed, 1% added) onto it with deletes.
        After each run the target must equal the new source: names, bytes and times."""
        old, new = datasets.ensure_mirror(
            self.root, seed=self.args.seed, scale=self.scale, log=self.log
        )
        expected = hygiene.count(new)
        changes = datasets.mirror_count(hygiene.count(old).files)
        rows = _extra_rows(MIRROR_COMMANDS, "small")
        bases: dict[str, Path] = {}
        for row, command in rows:
            if row["status"] != "ok":
                continue
            base = bases[command.key] = self.out / f"mirror-base-{command.key}"
            self.hygiene.reset(old, base, program=command.warm)
            first = measure(command.argv(old, base), timeout_s=self.args.timeout)
            problem = (
                first.error or f"exit status {first.returncode}"
                if first.returncode != 0
                else hygiene.compare_trees(old, base)
            )
            if problem:
                row.update(status="failed", error=f"first full copy: {problem}")
            self.log(f"mirror: first full copy of small by {command.label}: {first.wall_s:.2f} s")

        def restore(command: Command, dst: Path) -> None:
            hygiene.remove(dst)
            subprocess.run(["cp", "-a", str(bases[command.key]), str(dst)], check=True)

        runs = self._extra_rounds(
            "mirror",
            rows,
            new,
            lambda command: self.out / f"mirror-{command.key}",
            restore,
            lambda _command, dst, _printed: hygiene.compare_trees(new, dst),
        )
        for key in bases:
            hygiene.remove(bases[key])
            hygiene.remove(self.out / f"mirror-{key}")
        return {
            "source": str(new),
            "files": expected.files,
            "bytes": expected.bytes,
            "changed": changes,
            "removed": changes,
            "added": changes,
            "rows": _finish_extra(rows, runs, expected),
        }

    def check(self) -> dict[str, object]:
        """`engine check` beside `rsync -an --delete -i` on `small` and an exact copy of it
        (made once with `cp -a`): both must find no difference (exit 0; nothing itemized)."""
        src = self.dataset("small")
        dst = self.out / "check"
        self.hygiene.reset(src, dst)
        subprocess.run(["cp", "-a", str(src), str(dst)], check=True)
        expected = hygiene.count(src)
        rows = _extra_rows(CHECK_COMMANDS, "small")
        if problem := hygiene.compare_trees(src, dst):
            for row, _ in rows:
                row.update(status="failed", error=f"the copy to check is not exact: {problem}")

        def no_output(command: Command, _dst: Path, printed: str) -> str:
            if command.engine or not printed.strip():
                return ""  # `engine check` says "no differences" and exits 0
            lines = printed.strip().splitlines()
            return f"{len(lines)} difference(s) listed, e.g. {lines[0][:100]}"

        runs = self._extra_rounds("check", rows, src, lambda _c: dst, None, no_output)
        if problem := hygiene.compare_trees(src, dst):
            for row, _ in rows:
                row.update(status="failed", error=f"the checks changed the copy: {problem}")
        hygiene.remove(dst)
        return {
            "files": expected.files,
            "bytes": expected.bytes,
            "rows": _finish_extra(rows, runs, expected),
        }

    def _extra_rounds(
        self,
        name: str,
        rows: list[tuple[dict[str, object], Command]],
        src: Path,
        target: Callable[[Command], Path],
        prepare: Callable[[Command, Path], None] | None,
        verify: Callable[[Command, Path, str], str],
    ) -> dict[str, list[Sample]]:
        """A warm-up round (unless `--no-warmup`), then `--repeat` rounds of `rows`'
        commands, the order rotating each round. Before each run `prepare` puts the target
        in its starting state; then the reset (sync, drop caches, source re-read, program
        loaded) and the target's metadata read, as right after a copy. After it `verify`
        says what is wrong with the result (given the command's stdout), or ""."""
        runs: dict[str, list[Sample]] = {}
        warmup = 0 if self.args.no_warmup else 1
        for round_no in range(self.args.repeat + warmup):
            live = [(row, command) for row, command in rows if row["status"] == "ok"]
            shift = round_no % max(1, len(live))
            for row, command in live[shift:] + live[:shift]:
                dst = target(command)
                if prepare is not None:
                    prepare(command, dst)
                self.hygiene.reset(src, program=command.warm)
                hygiene.count(dst)
                self.hygiene.wait_quiet(BUSY_LIMIT, self.args.max_quiet_wait)
                with tempfile.TemporaryFile() as stdout:
                    sample = measure(
                        command.argv(src, dst), timeout_s=self.args.timeout, stdout=stdout
                    )
                    stdout.seek(0)
                    printed = stdout.read().decode(errors="replace")
                problem = (
                    sample.error or f"exit status {sample.returncode}"
                    if sample.returncode != 0
                    else verify(command, dst, printed)
                )
                if problem:
                    row.update(status="failed", error=problem)
                    self.log(f"{name}: {command.label} FAILED: {problem[:200]}")
                    continue
                measured = round_no >= warmup
                if measured:
                    runs.setdefault(command.key, []).append(sample)
                    row["samples"].append(asdict(sample))  # type: ignore[attr-defined]
                what = f"round {round_no + 1 - warmup}/{self.args.repeat}"
                self.log(
                    f"{name}: {what if measured else 'warm-up'} {command.label}: "
                    f"{sample.wall_s:.3f} s, result checked"
                )
        return runs

    def startup(self) -> dict[str, object]:
        """Seconds from launching `engine run` on a tiny source to its first finished file."""
        src = self.dataset("tiny")
        dst = self.out / "startup"
        firsts: list[float] = []
        walls: list[float] = []
        errors: list[str] = []
        for _ in range(2 if self.args.smoke else max(5, self.args.repeat)):
            self.hygiene.reset(src, dst, program=engine_warm())
            dst.parent.mkdir(parents=True, exist_ok=True)
            sample = measure(STARTUP(src, dst), timeout_s=30.0, first_file=dst)
            first = sample.first_file_s
            if sample.returncode != 0 or first is None:
                errors.append(
                    sample.error or sample.first_file_error or f"exit status {sample.returncode}"
                )
                continue
            firsts.append(first)
            walls.append(sample.wall_s)
            self.log(f"start-up: first file after {first:.3f} s, done after {sample.wall_s:.3f} s")
        hygiene.remove(dst)
        if not firsts:
            return {"status": "failed", "error": "; ".join(errors)}
        return {
            "status": "ok",
            "command": "engine run tiny/ out/ -w 2 -q (3 files)",
            "first_file_min": min(firsts),
            "first_file_median": statistics.median(firsts),
            "first_file_max": max(firsts),
            "wall_median": statistics.median(walls),
            "samples": firsts,
        }


def _row(dataset: str, command: Command) -> dict[str, object]:
    return {
        "dataset": dataset,
        "command": command.key,
        "label": command.label,
        "kind": command.kind,
        "engine": command.engine,
        "status": "ok",
        "missing": [],
        "error": "",
        "samples": [],
    }


def _extra_rows(
    commands: Sequence[Command], dataset: str
) -> list[tuple[dict[str, object], Command]]:
    """A row per command of an extra on `dataset`, those whose tools are missing marked so."""
    rows = []
    for command in commands:
        row = _row(dataset, command)
        if missing := command.missing():
            row.update(status="missing", missing=missing)
        rows.append((row, command))
    return rows


def _finish_extra(
    rows: list[tuple[dict[str, object], Command]],
    runs: dict[str, list[Sample]],
    expected: hygiene.TreeCount,
) -> list[dict[str, object]]:
    """The rows with their summaries and each one's ratio to its kind's baseline (rsync)."""
    out = []
    for row, command in rows:
        if row["status"] == "ok" and runs.get(command.key):
            row.update(summarise(runs[command.key]))
            row["files_s"] = expected.files / float(row["wall_median"])  # type: ignore[arg-type]
        out.append(row)
    _ratios(out)
    return out


def _ratios(rows: list[dict[str, object]]) -> None:
    """Each command's median wall time (and, where measured, the space its copy takes) over
    its kind's baseline's in the same run (cp -a, xargs -P2 gzip, rsync)."""
    by_key = {r["command"]: r for r in rows}
    for row in rows:
        base = by_key.get(BASELINE[str(row["kind"])])
        row["baseline"] = BASELINE[str(row["kind"])]
        for key, ratio in (("wall_median", "ratio"), ("allocated_median", "allocated_ratio")):
            if base and base.get(key) and key in row:
                row[ratio] = float(row[key]) / float(base[key])  # type: ignore[arg-type]


class _Parser(argparse.ArgumentParser):
    """Bad options end the run with one line on stderr (not the usage text before it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def _names(parser: _Parser, option: str, given: str, known: Sequence[str]) -> list[str]:
    """The comma-separated names of `given`, each one of `known`."""
    names = [name.strip() for name in given.split(",") if name.strip()]
    if unknown := [name for name in names if name not in known]:
        parser.error(f"{option}: unknown {', '.join(unknown)}; choose from {', '.join(known)}")
    return names


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = _Parser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny datasets, one repeat")
    parser.add_argument("--repeat", type=int, default=None, help="measured runs (default 3)")
    parser.add_argument(
        "--datasets",
        default=",".join(DATASET_ORDER),
        help=f"comma-separated, of {', '.join(PLAN)} (default {','.join(DATASET_ORDER)})",
    )
    parser.add_argument("--only", default="", help="comma-separated command keys")
    parser.add_argument("--seed", type=int, default=datasets.DEFAULT_SEED)
    parser.add_argument(
        "--bench-dir", type=Path, default=None, help="$BENCH_DIR or " + str(DEFAULT_DIR)
    )
    parser.add_argument("--results", type=Path, default=None, help="where latest.{md,json} go")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per command run")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument(
        "--max-quiet-wait",
        type=float,
        default=180.0,
        help="seconds to wait, before a run, for other processes to go quiet",
    )
    parser.add_argument(
        "--retries", type=int, default=2, help="re-runs of a run disturbed by other load"
    )
    parser.add_argument("--no-drop-caches", action="store_true")
    parser.add_argument(
        "--skip-extras", action="store_true", help="no no-op, start-up, mirror or check runs"
    )
    parser.add_argument(
        "--extras",
        default=",".join(EXTRAS),
        help=f"which extras to run, comma-separated: {', '.join(EXTRAS)}",
    )
    parser.add_argument(
        "--only-extras",
        action="store_true",
        help="run the extras alone, no dataset tables (with --extras: just the no-op, say)",
    )
    parser.add_argument(
        "--noop-datasets",
        default="small",
        help="the datasets the no-op re-run runs on, comma-separated (default small)",
    )
    args = parser.parse_args(argv)
    bench_dir = args.bench_dir or Path(os.environ.get("BENCH_DIR") or DEFAULT_DIR)
    if args.smoke:
        # Separate trees, so a smoke run never replaces the full datasets.
        bench_dir = bench_dir / "smoke"
        args.repeat = args.repeat or 1
        args.no_warmup = True
        args.no_drop_caches = True
        args.retries = 0
        args.max_quiet_wait = 0.0
    args.bench_dir = bench_dir.resolve()
    args.repeat = max(1, args.repeat or 3)
    if args.results is None:
        args.results = args.bench_dir / "results" if args.smoke else RESULTS
    keys = list(dict.fromkeys(c.key for commands in PLAN.values() for c in commands))
    args.only = set(_names(parser, "--only", args.only, keys))
    args.extras = set(_names(parser, "--extras", args.extras, EXTRAS))
    args.datasets = (
        [] if args.only_extras else _names(parser, "--datasets", args.datasets, list(PLAN))
    )
    args.noop_datasets = _names(parser, "--noop-datasets", args.noop_datasets, list(PLAN))
    return args


def _planned(args: argparse.Namespace) -> list[Command]:
    """Every command the run will measure (those of the chosen datasets and extras)."""
    commands = [
        c for name in args.datasets for c in PLAN[name] if not args.only or c.key in args.only
    ]
    if not args.skip_extras:
        commands += [c for extra in sorted(args.extras) for c in EXTRA_COMMANDS[extra]]
    return commands


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so the command being measured is killed with the runner.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    log = Progress()
    runner = Runner(args, log)
    log(f"work folder {args.bench_dir}, {args.repeat} measured run(s) per command")
    runner.hygiene.notes.append(compile_engine())
    if not args.smoke and (installed := packages.install_missing(_planned(args), log)):
        runner.hygiene.notes.append(installed)  # CI's smoke runs take the machine as it is
    results: dict[str, object] = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "smoke": args.smoke,
        "repeat": args.repeat,
        "warmup": not args.no_warmup,
        "seed": args.seed,
        "machine": machine.describe(args.bench_dir),
        "versions": versions(),
        "datasets": {},
        "rows": [],
    }
    for name in args.datasets:
        info, rows = runner.bench_dataset(name)
        results["datasets"][name] = info  # type: ignore[index]
        results["rows"].extend(rows)  # type: ignore[attr-defined]
    if not args.skip_extras:
        if "noop" in args.extras:
            results["noop"] = [row for name in args.noop_datasets for row in runner.noop(name)]
        if "startup" in args.extras:
            results["startup"] = runner.startup()
        if "mirror" in args.extras:
            results["mirror"] = runner.mirror()
        if "check" in args.extras:
            results["check"] = runner.check()
    end_revision = engine_revision()
    versions_found = results["versions"]
    assert isinstance(versions_found, dict)
    if versions_found.get("conveyor revision") != end_revision:
        versions_found["conveyor revision at the end"] = end_revision
        runner.hygiene.notes.append(
            "Conveyor's code changed while the benchmark ran (revision at start and at the "
            "end differ): rows measured at different times may come from different code."
        )
    results["notes"] = runner.hygiene.notes
    runner.hygiene.notes.append(
        f"{runner.retried} run(s) were repeated because other processes used more than "
        f"{BUSY_LIMIT} CPUs meanwhile; {runner.busy_kept} kept run(s) still had such load "
        "(see other_cpu_s per sample in latest.json); "
        f"{runner.hygiene.quiet_wait_s:.0f} s were spent waiting for the CPUs to go quiet."
    )
    results["memory"] = report.memory_check(results)
    results["targets"] = report.targets(results)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    markdown = report.markdown(results)
    (args.results / "latest.md").write_text(markdown)
    print(markdown)
    log(f"wrote {args.results / 'latest.md'} and latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
