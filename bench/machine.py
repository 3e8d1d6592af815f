"""The machine a benchmark ran on, so a table is never quoted without its hardware."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

import psutil


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def filesystem(path: Path) -> str:
    """`ext4 (/dev/vda, rw,relatime,...)` for the mount holding `path`, plus journal state."""
    path = path.resolve()
    best = None
    for part in psutil.disk_partitions(all=True):
        mount = Path(part.mountpoint)
        if (path == mount or mount in path.parents) and (
            best is None or len(part.mountpoint) > len(best.mountpoint)
        ):
            best = part
    if best is None:
        return "unknown"
    text = f"{best.fstype} on {best.mountpoint} ({best.device}; {best.opts})"
    if best.fstype.startswith("ext") and best.device.startswith("/dev/"):
        try:
            out = subprocess.run(
                ["dumpe2fs", "-h", best.device], capture_output=True, text=True, timeout=10
            ).stdout
            features = next(
                (
                    ln.split(":", 1)[1]
                    for ln in out.splitlines()
                    if ln.startswith("Filesystem features")
                ),
                "",
            )
            if features:
                journal = "with journal" if "has_journal" in features else "without journal"
                text += f", {journal}"
        except (OSError, subprocess.TimeoutExpired):
            pass
        if "journal" not in text:
            text += _journal_from_proc(best.device)
    return text


def _journal_from_proc(device: str) -> str:
    """Where dumpe2fs may not read the device (containers): a mounted ext4 with a journal
    has a jbd2 entry named after its device."""
    name = Path(device).name
    if not Path(f"/proc/fs/ext4/{name}").exists():
        return ""
    jbd2 = Path("/proc/fs/jbd2")
    journals = [p.name for p in jbd2.iterdir()] if jbd2.is_dir() else []
    return (
        ", with journal"
        if any(j.startswith(f"{name}-") for j in journals)
        else (", without journal")
    )


def describe(work_dir: Path) -> dict[str, object]:
    """CPU, cores, memory, kernel, the work folder's file system and Python."""
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count() or 1
    return {
        "cpu": cpu_model(),
        "cores": affinity,
        "logical_cpus": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / (1 << 30), 1),
        "kernel": platform.release(),
        "os": platform.platform(),
        "filesystem": filesystem(work_dir),
        "work_dir": str(work_dir),
        "python": platform.python_version(),
    }


def one_line(info: dict[str, object]) -> str:
    """The machine in one sentence, for the report's header."""
    return (
        f"{info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM, "
        f"Linux {info['kernel']}, {info['filesystem']}, Python {info['python']}"
    )
