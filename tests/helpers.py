"""Plain helpers the tests share: running the real `engine` CLI (to completion, in the
background, on a terminal), trees on disk and their snapshots, the `--json` events, worker
processes, Dask clusters and file systems made for a test. Fixtures and hooks live in
conftest.py."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import hashlib
import json
import os
import pty
import re
import select
import shutil
import signal
import stat
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pytest

from engine import Event, Job, WorkerStatus
from engine.temps import PROBE_TAG

ENGINE = [sys.executable, "-m", "engine"]
CLI_TIMEOUT_S = 120
WAIT_S = 30.0  # how long a library test waits for a job to end
RUN_S = 60.0  # how long a test waits for a CLI started in the background
MiB = 1 << 20

Engine = Callable[..., subprocess.CompletedProcess[str]]
Output = str | subprocess.CompletedProcess[str]

SERVICES: set[int] = set()
"""Long-lived processes the tests share (a Dask cluster); the orphan guard spares their
descendants, such as a worker their nanny restarts after a test killed one."""


# Processes


def _serves(process: psutil.Process) -> bool:
    try:
        return any(parent.pid in SERVICES for parent in process.parents())
    except psutil.NoSuchProcess:
        return False


def alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Poll condition until it holds; fail the test, naming what, after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def worker_processes() -> list[psutil.Process]:
    """This process's spawned worker children (not the resource tracker)."""
    workers = []
    for child in psutil.Process().children(recursive=True):
        try:
            if any("spawn_main" in part for part in child.cmdline()) and not _serves(child):
                workers.append(child)
        except psutil.NoSuchProcess:
            continue
    return workers


def worker_statuses(events: list[Event]) -> list[WorkerStatus]:
    return [e for e in events if isinstance(e, WorkerStatus)]


def run_engine(*args: str | os.PathLike[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run the real CLI to completion and capture its output as text."""
    return subprocess.run(
        [*ENGINE, *map(os.fspath, args)],
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=CLI_TIMEOUT_S,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class BackendCase:
    """Where a test's job runs. Modules that opt in with `pytestmark =
    pytest.mark.usefixtures("backend")` run every test once per backend."""

    name: str
    options: tuple[str, ...] = ()
    """What `engine run` is given to use this backend."""
    fields: dict[str, Any] = field(default_factory=dict)
    killed: str = "SIGKILL"
    """How a killed worker's failure reads (a Dask worker's exit status is its nanny's)."""
    idle_cpu_s: float = 0.1
    """CPU two idle workers may use in about a second (Dask workers keep heartbeats)."""

    def job(self, source: Path, target: Path, **values: Any) -> Job:
        return Job(source, target, **self.fields, **values)

    def run_engine(self, *args: str | os.PathLike[str], **kwargs: object) -> Any:
        if args and args[0] == "run":
            args = ("run", *self.options, *args[1:])
        return run_engine(*args, **kwargs)


@contextlib.contextmanager
def dask_cluster(workers: int, prefix: Sequence[str] = ()) -> Iterator[str]:
    """A real `distributed.LocalCluster` of `workers` single-threaded worker processes, run
    by tests/local_cluster.py (its command line prefixed with `prefix`); yields the
    scheduler's address and closes the cluster afterwards."""
    script = Path(__file__).with_name("local_cluster.py")
    cluster = subprocess.Popen(
        [*prefix, sys.executable, os.fspath(script), str(workers)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    SERVICES.add(cluster.pid)
    try:
        assert cluster.stdout is not None
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://"), "the Dask cluster did not start"
        yield address
    finally:
        assert cluster.stdin is not None
        cluster.stdin.close()
        try:
            cluster.wait(timeout=30)
        except subprocess.TimeoutExpired:
            cluster.kill()
            cluster.wait()
        SERVICES.discard(cluster.pid)


# Output and trees


def assert_usage_error(result: subprocess.CompletedProcess[str], hint: str) -> None:
    """Exit status 2, one `engine: error:` line on stderr that contains hint, nothing on stdout."""
    assert result.returncode == 2, result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("engine: error: ")
    assert hint in errors[0]
    assert result.stdout == ""


def json_events(output: Output) -> list[dict[str, Any]]:
    """The `--json` events, one per stdout line; a line that is not JSON fails the test."""
    stdout = output if isinstance(output, str) else output.stdout
    return [json.loads(line) for line in stdout.splitlines()]


def file_events(output: Output) -> dict[str, dict[str, Any]]:
    """File events by path, failing if any path is reported twice."""
    found: dict[str, dict[str, Any]] = {}
    for event in json_events(output):
        if event["event"] == "file":
            assert event["path"] not in found, f"{event['path']} reported twice"
            found[event["path"]] = event
    return found


def summary_of(output: Output) -> dict[str, Any]:
    """The summary event, which must be the last line and the only summary."""
    events = json_events(output)
    summaries = [e for e in events if e["event"] == "summary"]
    assert events and summaries == [events[-1]], f"not one summary, last: {events[-1:]}"
    return events[-1]


def logs(events: list[dict[str, Any]], level: str) -> list[dict[str, Any]]:
    return [e for e in events if e["event"] == "log" and e["level"] == level]


def write_tree(root: Path, files: dict[str, bytes | str]) -> Path:
    """Create files (and their folders) under root; a value ending in '/' makes a folder."""
    for rel, content in files.items():
        path = root / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def snapshot(root: Path, *, times: bool = True) -> dict[str, tuple[object, ...]]:
    """What `cp -a` preserves, per relative path: kind, mode bits, mtime and content."""
    result: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            info = path.lstat()
            mtime = info.st_mtime_ns if times else None
            if stat.S_ISLNK(info.st_mode):
                result[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                result[rel] = ("dir", stat.S_IMODE(info.st_mode), mtime)
            else:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                result[rel] = ("file", stat.S_IMODE(info.st_mode), mtime, digest)
    return result


def copied_files(root: Path) -> set[str]:
    """The relative paths of the regular files (and links to them) under root."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def temp_files(root: Path) -> list[Path]:
    """Temporary `.conveyor-*.part` files of copies anywhere under root (none if root is
    missing); not the empty probe a job makes of its target as it starts, for an instant."""
    probe = f"-{PROBE_TAG}-"
    return sorted(path for path in root.rglob(".conveyor-*.part") if probe not in path.name)


def bytes_on_disk(root: Path) -> int:
    """Every byte under root, temporary files included: what a running job has written."""
    total = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except FileNotFoundError:
                continue
    return total


def final_files(root: Path) -> set[str]:
    """Relative paths of the files renamed into place (hence complete) under root."""
    if not root.exists():
        return set()
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith(".conveyor-")
    }


def assert_only_complete_copies(src: Path, dst: Path) -> list[Path]:
    """No temporary file is left under dst and each file there is a byte-exact copy; return them."""
    assert temp_files(dst) == []
    copied = sorted(p for p in dst.rglob("*") if p.is_file())
    for path in copied:
        assert path.read_bytes() == (src / path.relative_to(dst)).read_bytes(), path
    return copied


# Running the CLI in the background


@dataclass
class Running:
    """A CLI started in its own session (as a shell starts a job), stdout and stderr in files
    so that the events can be read while it runs and nothing blocks on a full pipe."""

    proc: subprocess.Popen[bytes]
    out: Path
    err: Path
    children: list[psutil.Process] = field(default_factory=list)

    def events(self) -> list[dict[str, Any]]:
        """The JSON events printed so far (complete lines only)."""
        text = self.out.read_bytes().decode("utf-8", "surrogateescape")
        return [json.loads(line) for line in text.split("\n")[:-1]]

    def collect_children(self) -> list[psutil.Process]:
        """The CLI's processes now (workers and the resource tracker), remembered for clean-up."""
        found = psutil.Process(self.proc.pid).children(recursive=True)
        self.children += found
        return found

    def finish(self, timeout: float = RUN_S) -> tuple[int, str, str]:
        code = self.proc.wait(timeout=timeout)
        return code, self.stdout, self.stderr

    @property
    def stdout(self) -> str:
        return self.out.read_bytes().decode("utf-8", "surrogateescape")

    @property
    def stderr(self) -> str:
        return self.err.read_bytes().decode("utf-8", "surrogateescape")


Launch = Callable[..., Running]


# Running the CLI on a terminal

SUMMARY = re.compile(
    r"^(Cancelled\. )?Copied \d+ files \(.+\), skipped \d+, failed \d+ in \d+\.\d s \(.+/s\)\.$"
)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def run_on_terminal(args: list[str | os.PathLike[str]], timeout_s: float) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as stdout; return its exit status and all it drew."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [*ENGINE, *map(os.fspath, args)],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout_s
    try:
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([master], [], [], min(left, 0.5))
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        else:
            proc.kill()
            pytest.fail("the CLI on a terminal did not finish in time")
        returncode = proc.wait(timeout=10)
        assert proc.stderr is not None
        proc.stderr.close()
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return returncode, b"".join(chunks).decode("utf-8", "replace")


# Denying access, even to root

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def drop_file_access_override() -> None:
    """preexec_fn: as root, lose the capabilities that let root read any file."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def unprivileged() -> dict[str, Any]:
    """subprocess kwargs so that mode 000 really denies access to the CLI and its workers."""
    return {"preexec_fn": drop_file_access_override} if os.geteuid() == 0 else {}


# File systems made for a test

EXFAT_TOOLS = ("losetup", "mkfs.exfat", "mount.exfat-fuse", "umount")


def sh(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [os.fspath(a) for a in args], capture_output=True, text=True, timeout=30, check=False
    )


MKFS = {
    "btrfs": (("mkfs.btrfs", "-q"), "btrfs-progs", 128),
    "xfs": (("mkfs.xfs", "-q"), "xfsprogs", 320),
    "vfat": (("mkfs.vfat",), "dosfstools", 32),
}
"""How to make each file system a test mounts from a loop image: the command, the Debian
package that has it, and the image's size in MiB (the least the tool accepts, or about)."""


@contextlib.contextmanager
def loop_file_system(tmp_path: Path, kind: str, options: str = "") -> Iterator[Path]:
    """An empty file system of `kind` (a key of MKFS) in a sparse image under `tmp_path`,
    mounted through a loop device with `options` for the test; skipped with the reason
    (not root, the package missing, no loop device) where it cannot be."""
    command, package, size_mib = MKFS[kind]
    if os.geteuid() != 0 or shutil.which(command[0]) is None or shutil.which("mount") is None:
        pytest.skip(
            f"a {kind} file system from a loop image needs root, mount and {command[0]} "
            f"(apt-get install {package})"
        )
    image = tmp_path / f"{kind}.img"
    with open(image, "wb") as file:
        file.truncate(size_mib << 20)
    made = sh(*command, image)
    if made.returncode != 0:
        pytest.skip(f"{command[0]} failed: {made.stderr.strip()}")
    at = tmp_path / kind
    at.mkdir()
    mounted = sh("mount", "-o", ",".join(filter(None, ("loop", options))), image, at)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a {kind} loop image here: {mounted.stderr.strip()}")
    try:
        yield at
    finally:
        sh("umount", at)


@contextlib.contextmanager
def tmpfs(at: Path, size: str = "1m") -> Iterator[Path]:
    """A small tmpfs mounted at `at` for the test (another file system than the source's)."""
    at.mkdir()
    mounted = sh("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", at)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs needs root and the mount tool: {mounted.stderr.strip()}")
    try:
        yield at
    finally:
        subprocess.run(["umount", "-l", os.fspath(at)], check=False)


@contextlib.contextmanager
def bind(folder: Path, at: Path) -> Iterator[Path]:
    """`folder` bind-mounted at `at` (made if needed) for the test, unmounted afterwards."""
    at.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "--bind", os.fspath(folder), os.fspath(at)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"bind mounts need root and the mount tool: {mounted.stderr.strip()}")
    try:
        yield at
    finally:
        subprocess.run(["umount", "-l", os.fspath(at)], check=False)


class Terminal:
    """A real pseudo-terminal whose session leader is `argv`: a shell there has job control
    (Ctrl-Z, `fg`, `bg`), and closing the terminal hangs up whatever runs on it."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        env = {**os.environ, **(env or {}), "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: session leader, the terminal its controlling one
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.seen = ""

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def read_for(self, seconds: float) -> str:
        """All it draws in the next `seconds`."""
        deadline = time.monotonic() + seconds
        drawn = []
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536).decode("utf-8", "replace")
            except OSError:  # EIO: nothing has the terminal open any more
                break
            drawn.append(data)
            self.seen += data
        return "".join(drawn)

    def read_until(self, pattern: str, timeout: float = RUN_S) -> re.Match[str]:
        """Read until what it drew since the last match holds `pattern` (a regex)."""
        start = len(self.seen)
        deadline = time.monotonic() + timeout
        while (found := re.search(pattern, ANSI.sub("", self.seen[start:]))) is None:
            if time.monotonic() > deadline:
                pytest.fail(f"the terminal never showed {pattern!r}; it showed:\n{self.seen}")
            self.read_for(0.2)
        return found

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does."""
        os.close(self.fd)
        self.fd = -1

    def close(self) -> None:
        if self.fd >= 0:
            self.hang_up()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
