"""What the benchmark runs: Conveyor and its peers, as command lines on a source and a target.

Each command says which tools it needs; one whose tool is not installed is still listed and
reported as missing, never silently dropped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PEERS = BENCH / "peers"
REPO = BENCH.parent
ENGINE = REPO / ".venv" / "bin" / "engine"

Argv = Callable[[Path, Path], list[str]]


@dataclass(frozen=True)
class Command:
    key: str
    label: str
    kind: str
    """`copy` (a plain copy of the tree), `gzip` (every file compressed into the target),
    `mirror` (a copy that also deletes what the source no longer has), `noop` (a copy run
    again onto a complete copy, which must find nothing to do) or `check` (a comparison
    that writes nothing)."""
    argv: Argv
    requires: tuple[str, ...] = ()
    """Executables that must be on PATH (or absolute paths that must exist)."""
    engine: bool = False
    warm: tuple[str, ...] = ()
    """Run, untimed, after each reset: loads the command's own program files into the page
    cache again (the interpreter and modules of a Python program, a tool's binary)."""

    def missing(self) -> list[str]:
        """The required tools that are not installed."""
        return [tool for tool in self.requires if not _installed(tool)]


HIDE_ENV = "CONVEYOR_BENCH_HIDE"
"""Comma-separated tools to treat as not installed: lets a test see how missing peers show."""


def hidden(tool: str) -> bool:
    """Whether `tool` is hidden from this run (`HIDE_ENV`), to be reported as missing."""
    return Path(tool).name in os.environ.get(HIDE_ENV, "").split(",")


def _installed(tool: str) -> bool:
    if hidden(tool):
        return False
    return Path(tool).exists() if "/" in tool else shutil.which(tool) is not None


def compile_engine() -> str:
    """Byte-compile the engine's modules, as installing a package does, and say where.

    An editable install writes `.pyc` files on first import, unless PYTHONDONTWRITEBYTECODE
    is set (as in some CI and sandbox shells): then every `engine run` and every worker it
    spawns compiles the engine's sources again, about 50 ms of CPU each, which no user of
    an installed Conveyor pays. Compiling once before measuring keeps that out."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("engine")
    if spec is None or not spec.submodule_search_locations:
        return "engine not importable here; not byte-compiled"
    folder = next(iter(spec.submodule_search_locations))
    compileall.compile_dir(folder, quiet=1)
    where = "this checkout" if Path(folder) == REPO / "engine" else "the installed package"
    return f"engine byte-compiled before measuring ({where})"


def engine_program() -> str:
    """The `engine` entry point of this checkout's venv, else whatever `engine` is on PATH."""
    return str(ENGINE) if ENGINE.exists() else (shutil.which("engine") or str(ENGINE))


def engine_warm(*extra: str) -> tuple[str, ...]:
    """Import what `engine run` and its workers import, with the engine's own interpreter."""
    python = Path(engine_program()).with_name("python")
    modules = ("engine.cli.run", "engine.worker.process", "multiprocessing.spawn", *extra)
    interpreter = str(python) if python.exists() else sys.executable
    return (interpreter, "-c", f"import {', '.join(modules)}")


PYTHON_PEER_WARM = (
    sys.executable,
    "-c",
    "import multiprocessing.pool, multiprocessing.managers, multiprocessing.spawn, shutil",
)


def _conveyor(
    workers: int, *stages: str, backend: str = "local", flags: tuple[str, ...] = ()
) -> Argv:
    def argv(src: Path, dst: Path) -> list[str]:
        extra = [arg for stage in stages for arg in ("--stage", stage)]
        if backend != "local":
            extra += ["--backend", backend]
        extra += flags
        return [engine_program(), "run", str(src), str(dst), "-w", str(workers), *extra, "-q"]

    return argv


def _engine_check(src: Path, dst: Path) -> list[str]:
    return [engine_program(), "check", str(src), str(dst)]


def _python_peer(script: str, *extra: str) -> Argv:
    def argv(src: Path, dst: Path) -> list[str]:
        return [sys.executable, str(PEERS / script), str(src), str(dst), *extra]

    return argv


def _gzip_tree(jobs: int, *compressor: str) -> Argv:
    def argv(src: Path, dst: Path) -> list[str]:
        return ["sh", str(PEERS / "gzip_tree.sh"), str(src), str(dst), str(jobs), *compressor]

    return argv


def _cp(src: Path, dst: Path) -> list[str]:
    return ["cp", "-a", str(src), str(dst)]


def _rsync(src: Path, dst: Path) -> list[str]:
    return ["rsync", "-a", f"{src}/", f"{dst}/"]


def _rsync_mirror(src: Path, dst: Path) -> list[str]:
    return ["rsync", "-a", "--delete", f"{src}/", f"{dst}/"]


def _rsync_check(src: Path, dst: Path) -> list[str]:
    """A dry run that lists (itemizes) every difference, deletions included: nothing printed
    means the copy is complete."""
    return ["rsync", "-an", "--delete", "-i", f"{src}/", f"{dst}/"]


FPSYNC_RSYNC_OPTIONS = "-lptgoD --numeric-ids"
"""fpsync's own rsync options less `-v`, which would log every name copied into its work
folder (`-a` and `-r` are refused: fpsync hands each job its list of files)."""


def _fpsync(src: Path, dst: Path) -> list[str]:
    """fpsync with 2 jobs (the cores) and its default partitions (2,000 files or 4 GB a
    job). Its work folder (partition lists, job logs) is made beside the target and removed
    after the run, within the timing: a few files per partition."""
    script = (
        'work=$(mktemp -d "$(dirname "$2")/.fpsync-work.XXXXXX") || exit 1; '
        'fpsync -n 2 -t "$work" -o "$3" "$1/" "$2/"; status=$?; rm -rf "$work"; exit $status'
    )
    return ["sh", "-c", script, "sh", str(src), str(dst), FPSYNC_RSYNC_OPTIONS]


def _rclone(src: Path, dst: Path) -> list[str]:
    """`rclone copy` with 2 transfers at a time, local paths on both sides. It keeps file
    times by default; `--metadata` keeps modes and owners as `cp -a` does,
    `--create-empty-src-dirs` empty folders; `--ignore-checksum` skips the check after each
    file for which rclone computes the MD5 of the source and of the copy (sizes are still
    compared); `--config ""`: rclone's defaults, not a config file of the machine's user."""
    return [
        "rclone",
        "copy",
        str(src),
        str(dst),
        "--transfers",
        "2",
        "--metadata",
        "--create-empty-src-dirs",
        "--ignore-checksum",
        "--config",
        "",
    ]


def _tar(src: Path, dst: Path) -> list[str]:
    script = 'mkdir -p "$2" && tar -C "$1" -cf - . | tar -C "$2" -xpf -'
    return ["sh", "-c", script, "sh", str(src), str(dst)]


def _engine(key: str, label: str, kind: str, argv: Argv, *warm_modules: str) -> Command:
    """A Conveyor command: it needs this checkout's `engine`."""
    return Command(key, label, kind, argv, (str(ENGINE),), True, engine_warm(*warm_modules))


def _gzip_peer(key: str, label: str, jobs: int, *compressor: str) -> Command:
    """`gzip_tree.sh` with `compressor`: it needs that tool, and loads it, `find` and `xargs`."""
    tool = compressor[0]
    warm = ("sh", "-c", f"find --version; xargs --version; {tool} --version")
    return Command(key, label, "gzip", _gzip_tree(jobs, *compressor), (tool,), warm=warm)


def _python_peer_command(
    key: str, label: str, script: str, *extra: str, kind: str = "copy"
) -> Command:
    return Command(key, label, kind, _python_peer(script, *extra), warm=PYTHON_PEER_WARM)


FPSYNC = Command(
    "fpsync",
    "fpsync -n 2 (parallel rsync)",
    "copy",
    _fpsync,
    ("fpsync", "fpart", "rsync"),
    warm=("sh", "-c", "fpart -V; rsync --version; fpsync -h"),
)
RCLONE = Command(
    "rclone",
    "rclone copy --transfers 2",
    "copy",
    _rclone,
    ("rclone",),
    warm=("rclone", "version"),
)
PARALLEL_PEERS = (FPSYNC, RCLONE)
"""What a user with many files might pick instead: on `small`, `mixed` and `huge`."""

COPY_COMMANDS: tuple[Command, ...] = (
    _engine("conveyor-w1", "Conveyor -w 1", "copy", _conveyor(1)),
    _engine("conveyor-w2", "Conveyor -w 2", "copy", _conveyor(2)),
    _engine("conveyor-w4", "Conveyor -w 4", "copy", _conveyor(4)),
    Command("cp", "cp -a", "copy", _cp, ("cp",), warm=("cp", "--version")),
    Command("rsync", "rsync -a", "copy", _rsync, ("rsync",), warm=("rsync", "--version")),
    Command("tar", "tar c | tar x", "copy", _tar, ("tar",), warm=("sh", "-c", "tar --version")),
    _python_peer_command("tutorial", "tutorial Pool.apply_async", "tutorial.py"),
    _python_peer_command("simple-pool", "Pool(2).imap_unordered copy2", "simple_pool.py"),
)

GZIP_COMMANDS: tuple[Command, ...] = (
    _engine("conveyor-gzip-w1", "Conveyor gzip -w 1", "gzip", _conveyor(1, "gzip")),
    _engine("conveyor-gzip-w2", "Conveyor gzip -w 2", "gzip", _conveyor(2, "gzip")),
    _gzip_peer("xargs-gzip-p1", "xargs -P1 gzip -6", 1, "gzip", "-6"),
    _gzip_peer("xargs-gzip-p2", "xargs -P2 gzip -6", 2, "gzip", "-6"),
    _gzip_peer("pigz-p2", "pigz -p 2 -6 (per file)", 1, "pigz", "-p", "2", "-6"),
)

SPAWN_POOL = _python_peer_command(
    "simple-pool-spawn", "Pool(2) copy2 script, spawn", "simple_pool.py", "spawn"
)
"""The simple script with its workers started as Conveyor's are: a reference for `mixed`,
where the forked script's head start (workers that import nothing) is most of its lead."""

DASK_COPY = _engine(
    "conveyor-dask-w2",
    "Conveyor --backend dask -w 2",
    "copy",
    _conveyor(2, backend="dask"),
    "distributed",
)
"""The Dask backend on a cluster the engine starts for the job (its start-up included)."""

DASK_GZIP = _engine(
    "conveyor-dask-gzip-w2",
    "Conveyor gzip --backend dask -w 2",
    "gzip",
    _conveyor(2, "gzip", backend="dask"),
    "distributed",
)

RSYNC_WARM = ("rsync", "--version")

NOOP_COMMANDS: tuple[Command, ...] = (
    _engine("conveyor-w1-noop", "Conveyor -w 1 (no-op)", "noop", _conveyor(1)),
    _engine("conveyor-w2-noop", "Conveyor -w 2 (no-op)", "noop", _conveyor(2)),
    Command("rsync-noop", "rsync -a (no-op)", "noop", _rsync, ("rsync",), warm=RSYNC_WARM),
    _python_peer_command(
        "python-noop-floor", "Python walk and compare (floor)", "noop_floor.py", kind="noop"
    ),
)
"""Run onto a complete copy of a dataset (`small`, `huge`); the last is the floor under any
Python program's."""

MIRROR_COMMANDS: tuple[Command, ...] = (
    _engine(
        "conveyor-w2-mirror",
        "Conveyor -w 2 --delete (mirror)",
        "mirror",
        _conveyor(2, flags=("--delete",)),
    ),
    Command(
        "rsync-mirror",
        "rsync -a --delete (mirror)",
        "mirror",
        _rsync_mirror,
        ("rsync",),
        warm=RSYNC_WARM,
    ),
)
"""Run from the `small-mirror` source (1% of `small`'s files changed, 1% removed, 1% added)
onto a copy of `small` each made itself once, restored before every run."""

CHECK_COMMANDS: tuple[Command, ...] = (
    _engine(
        "conveyor-check", "engine check", "check", _engine_check, "engine.cli.check", "engine.check"
    ),
    Command(
        "rsync-check",
        "rsync -an --delete -i",
        "check",
        _rsync_check,
        ("rsync",),
        warm=RSYNC_WARM,
    ),
)
"""Compare `small` with an exact copy of it, writing nothing; both must report no difference
(`engine check` exits 0, `rsync -i` prints nothing)."""

STARTUP = _conveyor(2)
"""The run timed to its first file (on `tiny`)."""

SPARSE_COMMANDS = tuple(c for c in COPY_COMMANDS if c.key in ("conveyor-w1", "conveyor-w2", "cp"))
"""On `sparse`: Conveyor beside `cp -a`, which keeps holes by default (`--sparse=auto`)."""

HUGE_COMMANDS = (
    *(c for c in COPY_COMMANDS if c.key in ("conveyor-w2", "cp", "rsync")),
    *PARALLEL_PEERS,
)
"""On `huge` (a million files): Conveyor with the cores' worker count beside `cp -a`,
`rsync -a` and the parallel copiers; each run there takes a minute or more."""

PLAN: dict[str, tuple[Command, ...]] = {
    "small": (*COPY_COMMANDS, *PARALLEL_PEERS, DASK_COPY),
    "mixed": (*COPY_COMMANDS, *PARALLEL_PEERS, SPAWN_POOL),
    "large": COPY_COMMANDS,
    "text": (*GZIP_COMMANDS, DASK_GZIP),
    "sparse": SPARSE_COMMANDS,
    "huge": HUGE_COMMANDS,
}
"""Which commands run on which dataset, in round-robin order."""

BASELINE = {
    "copy": "cp",
    "gzip": "xargs-gzip-p2",
    "mirror": "rsync-mirror",
    "noop": "rsync-noop",
    "check": "rsync-check",
}
"""The command every other one is compared against, per kind."""

VERSION_COMMANDS: dict[str, list[str]] = {
    "cp": ["cp", "--version"],
    "rsync": ["rsync", "--version"],
    "tar": ["tar", "--version"],
    "gzip": ["gzip", "--version"],
    "pigz": ["pigz", "--version"],
    "xargs": ["xargs", "--version"],
    "fpsync": ["fpart", "-V"],
    "rclone": ["rclone", "version"],
    "engine": [engine_program(), "--version"],
}


def versions() -> dict[str, str]:
    """First line of each peer's `--version`, or "missing"."""
    found: dict[str, str] = {}
    for tool, argv in VERSION_COMMANDS.items():
        if not _installed(argv[0]):
            found[tool] = "missing"
            continue
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            found[tool] = f"unknown ({exc})"
            continue
        lines = (done.stdout or done.stderr).strip().splitlines()
        found[tool] = lines[0] if lines else "unknown"
    found["python"] = sys.version.split()[0]
    found["conveyor revision"] = engine_revision()
    return found


def engine_revision() -> str:
    """The checkout's commit, and whether engine/ had uncommitted changes when measured."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "engine"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return f"{head or 'unknown'}{' + uncommitted engine/ changes' if dirty else ''}"
