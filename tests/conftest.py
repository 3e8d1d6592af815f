"""Shared fixtures: real trees on disk, the real `engine` CLI, and a guard against orphans."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from multiprocessing import resource_tracker as resource_tracker_module
from pathlib import Path

import psutil
import pytest

ENGINE = [sys.executable, "-m", "engine"]
CLI_TIMEOUT_S = 120


@pytest.fixture(scope="session", autouse=True)
def resource_tracker() -> None:
    """multiprocessing starts one tracker per process for good; start it before any test
    counts children, so it is not mistaken for an orphan of the first test that spawns."""
    resource_tracker_module.ensure_running()


@pytest.fixture(autouse=True)
def no_orphan_processes() -> Iterator[None]:
    """Every test must leave no child process behind (workers, trackers, CLIs)."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    yield
    deadline = time.monotonic() + 10
    leftovers: list[psutil.Process] = []
    while time.monotonic() < deadline:
        leftovers = [
            p
            for p in psutil.Process().children(recursive=True)
            if p.pid not in before and _alive(p)
        ]
        if not leftovers:
            return
        time.sleep(0.05)
    for p in leftovers:
        p.kill()
    pytest.fail(f"child processes outlived the test: {[p.pid for p in leftovers]}")


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


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


@pytest.fixture
def engine() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_engine


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


@pytest.fixture
def src(tmp_path: Path) -> Path:
    path = tmp_path / "src"
    path.mkdir()
    return path


@pytest.fixture
def dst(tmp_path: Path) -> Path:
    return tmp_path / "dst"
