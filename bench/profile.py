"""Where Conveyor's time goes per file on `small`: sampled Python stacks and timed syscalls.

Two measurements of `engine run small/ out/ -w 1` (one worker, so each process's share is
clear), each after the same reset as the benchmark:

- py-spy samples the Python stacks of the coordinator and the worker (CPU only, idle waits
  left out); each sample is put in a phase (scan, IPC, open, copy, metadata, rename, ...)
  by the innermost Conveyor frame and the source line it is on.
- strace -ff -T times every system call of every process; the table shows calls and
  microseconds per file, per process.

Tracing slows the run (strace several-fold), so read the shares, not the absolute times.
Writes bench/results/profile.md and profile.json. Needs py-spy (`pip install py-spy`) and
strace; either missing is reported, not fatal.
"""

from __future__ import annotations

import argparse
import json
import linecache
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import datasets, hygiene
from bench.commands import REPO, engine_program
from bench.run import DEFAULT_DIR, RESULTS

SAMPLE_RATE = 250

# Innermost Conveyor function -> phase. Functions not listed fall back to line rules.
FUNCTION_PHASES = {
    "kernel_copy": "copy data (copy_file_range)",
    "_copy_file_range": "copy data (copy_file_range)",
    "_sendfile": "copy data (copy_file_range)",
    "_read_write": "copy data (copy_file_range)",
    "stream": "copy data (streamed)",
    "_open_source": "open source",
    "_create_temp": "create temp file",
    "_decide": "check target (lstat)",
    "decide": "check target (lstat)",
    "is_unchanged": "check target (lstat)",
    "place_without_replacing": "rename into place",
    "_commit": "rename into place",
    "set_stamp": "metadata (mode, times, xattr)",
    "open_folder": "open folders (walk the path by dir fd)",
    "folder": "open folders (walk the path by dir fd)",
    "_target_folder": "open folders (walk the path by dir fd)",
    "_is_link": "open folders (walk the path by dir fd)",
}
# Source-line text -> phase, for samples inside a longer function such as Transfer._file.
LINE_PHASES = (
    ("copy_file_range", "copy data (copy_file_range)"),
    ("kernel_copy", "copy data (copy_file_range)"),
    ("fchmod", "metadata (mode, times, xattr)"),
    ("utime", "metadata (mode, times, xattr)"),
    ("xattr", "metadata (mode, times, xattr)"),
    ("os.close", "close"),
    ("replace", "rename into place"),
    ("rename", "rename into place"),
    ("fstat", "fstat source"),
    ("_open_source", "open source"),
    ("_create_temp", "create temp file"),
    ("open(", "open (other)"),
    ("lstat", "check target (lstat)"),
    ("_decide", "check target (lstat)"),
)
COORDINATOR_FILES = (
    ("engine/scan.py", "scan (walk, stat, mkdir)"),
    ("engine/folders.py", "scan (walk, stat, mkdir)"),
    ("engine/temps.py", "scan (walk, stat, mkdir)"),
    ("engine/collector.py", "collector and events"),
    ("engine/events.py", "collector and events"),
    ("engine/cli/", "CLI output"),
    ("engine/executor/", "executor (submit, poll)"),
    ("engine/pipeline.py", "pipeline loop"),
)


def parse_stack(line: str) -> tuple[str, list[tuple[str, str, int]], int] | None:
    """One collapsed py-spy line -> (process, frames outermost first, sample count)."""
    head, _, count = line.rstrip("\n").rpartition(" ")
    if not head or not count.isdigit():
        return None
    parts = head.split(";")
    # With --subprocesses a stack starts with its process chain (parent;child;...): the
    # last one is the process the stack belongs to.
    chain = [p for p in parts if p.startswith("process ")]
    process = chain[-1] if chain else ""
    frames = []
    for part in parts[len(chain) :]:
        match = re.match(r"^(.*) \((.*?):(\d+)\)$", part.strip())
        if match:
            frames.append((match[1], match[2], int(match[3])))
    return process, frames, int(count)


def _is_worker(process: str, frames: list[tuple[str, str, int]]) -> bool:
    return "multiprocessing" in process or any(f[0] == "spawn_main" for f in frames)


def _source_line(filename: str, lineno: int) -> str:
    path = filename if Path(filename).is_absolute() else str(REPO / filename)
    return linecache.getline(path, lineno).strip()


def phase(process: str, frames: list[tuple[str, str, int]]) -> tuple[str, str]:
    """(role, phase) of one stack."""
    role = "worker" if _is_worker(process, frames) else "coordinator"
    if any(f[0] == "<module>" and "importlib" not in f[1] for f in frames[1:]) or any(
        "importlib" in f[1] for f in frames
    ):
        return role, "start-up (imports)"
    names = [f[1] for f in frames]
    if frames:
        func, filename, lineno = frames[-1]
        text = _source_line(filename, lineno)
        if (
            (filename.endswith("connection.py") and "read(handle" in text)
            or filename.endswith("selectors.py")
            or (filename.endswith("threading.py") and "acquire" in text)
        ):
            # Blocked in a pipe read, poll or lock: py-spy cannot always tell that is idle.
            return role, "blocked in read/poll/lock (mostly idle)"
    if any("multiprocessing/popen" in n or "multiprocessing/context" in n for n in names):
        return role, "starting workers (spawn)"
    if any(n.endswith(("connection.py", "reduction.py", "pickle.py")) for n in names):
        return role, "IPC (pipes, pickling)"
    engine_frames = [f for f in frames if "/engine/" in f"/{f[1]}" or f[1].startswith("engine")]
    if role == "worker":
        for func, filename, lineno in reversed(engine_frames):
            if func in FUNCTION_PHASES:
                return role, FUNCTION_PHASES[func]
            text = _source_line(filename, lineno)
            for needle, name in LINE_PHASES:
                if needle in text:
                    return role, name
            if filename.endswith("worker/transfer.py"):
                return role, "per-file Python (transfer)"
        if engine_frames:
            return role, "worker loop (batches, reports)"
        return role, "other"
    for _func, filename, _lineno in reversed(engine_frames):
        for needle, name in COORDINATOR_FILES:
            if needle in filename:
                return role, name
    return role, "other" if not engine_frames else "coordinator (other engine code)"


def py_spy(src: Path, dst: Path, reset: hygiene.Hygiene) -> dict[str, object]:
    tool = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(tool).exists():
        return {"status": "missing", "error": "py-spy is not installed (pip install py-spy)"}
    reset.reset(src, dst)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "stacks.txt"
        argv = [tool, "record", "--subprocesses", "--rate", str(SAMPLE_RATE), "--format", "raw",
                "--nonblocking", "--full-filenames", "-o", str(raw), "--",
                engine_program(), "run", str(src), str(dst), "-w", "1", "-q"]  # fmt: skip
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0 or not raw.exists():
            return {"status": "failed", "error": done.stderr[-1000:]}
        lines = raw.read_text(errors="replace").splitlines()
    phases: dict[str, Counter[str]] = defaultdict(Counter)
    spots: dict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        parsed = parse_stack(line)
        if parsed is None:
            continue
        process, frames, count = parsed
        role, name = phase(process, frames)
        phases[role][name] += count
        if frames:
            func, filename, lineno = frames[-1]
            spots[role][
                f"{func} ({Path(filename).name}:{lineno}) {_source_line(filename, lineno)}"
            ] += count
    return {
        "status": "ok",
        "wall_s": wall,
        "rate_hz": SAMPLE_RATE,
        "phases": {role: dict(c.most_common()) for role, c in phases.items()},
        "hot_lines": {role: dict(c.most_common(15)) for role, c in spots.items()},
    }


SYSCALL = re.compile(r"^(?:<\.\.\. )?(\w+)(?:\(| resumed>).*<(\d+\.\d+)>$")


def strace(src: Path, dst: Path, reset: hygiene.Hygiene) -> dict[str, object]:
    if not shutil.which("strace"):
        return {"status": "missing", "error": "strace is not installed"}
    reset.reset(src, dst)
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "trace"
        argv = ["strace", "-f", "-ff", "-T", "-o", str(prefix), engine_program(), "run",
                str(src), str(dst), "-w", "1", "-q"]  # fmt: skip
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            return {"status": "failed", "error": done.stderr[-1000:]}
        per_pid: dict[str, dict[str, list[float]]] = {}
        for path in Path(tmp).glob("trace.*"):
            calls: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
            with open(path, errors="replace") as f:
                for line in f:
                    match = SYSCALL.match(line.strip())
                    if match:
                        entry = calls[match[1]]
                        entry[0] += 1
                        entry[1] += float(match[2])
            per_pid[path.suffix[1:]] = calls

    # strace -ff writes one file per thread: name each by what it does most.
    def busiest(syscalls: tuple[str, ...], taken: set[str]) -> str:
        left = [p for p in per_pid if p not in taken]
        return max(left, key=lambda p: sum(per_pid[p].get(s, [0])[0] for s in syscalls), default="")

    worker = busiest(("copy_file_range", "sendfile"), set())
    scanner = busiest(("getdents64",), {worker})
    loop = busiest(("poll", "ppoll", "epoll_wait", "select", "pselect6"), {worker, scanner})
    names = {worker: "worker (copying thread)", scanner: "coordinator: scanner thread",
             loop: "coordinator: pipeline loop"}  # fmt: skip
    roles: dict[str, dict[str, list[float]]] = {}
    for pid, calls in per_pid.items():
        role = names.get(pid, "other threads (pipe readers, resource tracker)")
        merged = roles.setdefault(role, defaultdict(lambda: [0, 0.0]))
        for name, (n, seconds) in calls.items():
            merged[name][0] += n
            merged[name][1] += seconds
    return {
        "status": "ok",
        "wall_s": wall,
        "syscalls": {
            role: dict(sorted(calls.items(), key=lambda kv: -kv[1][1]))
            for role, calls in roles.items()
        },
    }


STARTUP_PROBES = (
    ("Python interpreter alone", "pass"),
    ("import the CLI (coordinator)", "import engine.cli.run"),
    ("import the worker module", "import engine.worker.process"),
    ("import the stage registry", "import engine.stages.registry"),
)


def startup() -> dict[str, float]:
    """Best of 5 wall times of a fresh interpreter doing only each import: the fixed cost
    paid by the coordinator and again by every spawned worker before the first file."""
    times: dict[str, float] = {}
    for label, code in STARTUP_PROBES:
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
            best = min(best, time.perf_counter() - start)
        times[label] = best
    return times


def markdown(result: dict[str, object]) -> str:
    files = int(result["files"])  # type: ignore[call-overload]
    out = [
        "# Conveyor profile: `engine run small/ out/ -w 1`",
        "",
        f"{files} files, {result['bytes'] / 1e6:,.0f} MB; {result['generated']}; "  # type: ignore[operator]
        f"Conveyor {result['revision']}.",
        "",
    ]
    spy = result["py_spy"]
    assert isinstance(spy, dict)
    if spy["status"] == "ok":
        per_sample = 1 / float(spy["rate_hz"])
        out += [f"## Python stacks (py-spy, {spy['rate_hz']} Hz, CPU samples only; run took "
                f"{spy['wall_s']:.1f} s under the profiler)", ""]  # fmt: skip
        for role, phases in spy["phases"].items():
            total = sum(phases.values())
            out += [f"### {role}: {total * per_sample:.2f} s sampled", "",
                    "| phase | share | µs per file |", "| --- | --- | --- |"]  # fmt: skip
            for name, n in phases.items():
                out.append(
                    f"| {name} | {100 * n / total:.1f}% | {n * per_sample / files * 1e6:.0f} |"
                )
            out += ["", "Hottest lines:", ""]
            for spot, n in spy["hot_lines"].get(role, {}).items():
                out.append(f"- {100 * n / total:.1f}% `{spot}`")
            out.append("")
    else:
        out += [f"py-spy: {spy['status']}: {spy.get('error', '')}", ""]
    times = result.get("startup")
    if isinstance(times, dict):
        out += ["## Start-up (fresh interpreter, best of 5)", "", "| step | seconds |",
                "| --- | --- |"]  # fmt: skip
        out += [f"| {label} | {seconds:.3f} |" for label, seconds in times.items()]
        out.append("")
    st = result["strace"]
    assert isinstance(st, dict)
    if st["status"] == "ok":
        out += [f"## System calls (strace -ff -T; the run took {st['wall_s']:.1f} s traced)", ""]
        for role, calls in st["syscalls"].items():
            total = sum(c[1] for c in calls.values())
            out += [f"### {role}: {total:.2f} s in system calls", "",
                    "| syscall | calls per file | µs per file | µs per call |",
                    "| --- | --- | --- | --- |"]  # fmt: skip
            for name, (n, seconds) in list(calls.items())[:12]:
                out.append(f"| {name} | {n / files:.2f} | {seconds / files * 1e6:.0f} | "
                           f"{seconds / n * 1e6:.0f} |")  # fmt: skip
            out.append("")
    else:
        out += [f"strace: {st['status']}: {st.get('error', '')}", ""]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    from datetime import UTC, datetime

    from bench.commands import engine_revision

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="profile the tiny `small` set")
    parser.add_argument("--bench-dir", type=Path, default=None)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    import os

    root = (args.bench_dir or Path(os.environ.get("BENCH_DIR") or DEFAULT_DIR)).resolve()
    if args.smoke:
        root = root / "smoke"
    scale = datasets.SMOKE if args.smoke else datasets.FULL
    src = datasets.ensure(root, "small", scale=scale)
    dst = root / "out" / "profile"
    reset = hygiene.Hygiene()
    count = hygiene.count(src)
    result: dict[str, object] = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": engine_revision(),
        "files": count.files,
        "bytes": count.bytes,
    }
    print("profiling with py-spy ...", file=sys.stderr, flush=True)
    result["py_spy"] = py_spy(src, dst, reset)
    result["startup"] = startup()
    print("profiling with strace ...", file=sys.stderr, flush=True)
    result["strace"] = strace(src, dst, reset)
    hygiene.remove(dst)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "profile.json").write_text(json.dumps(result, indent=1))
    text = markdown(result)
    (args.results / "profile.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
