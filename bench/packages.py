"""Installing the peers a run needs, when they are missing: as root, with apt-get, best effort.

As `make system-packages` does for the tests: only as root on a machine with apt-get, and only
when a tool is missing, so a machine that has them all pays a `which` each. A failed install
is one line in the log and in the report's notes; its peers are then reported as missing,
as on a machine where nothing could be installed. Tools hidden for a test are left alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable

from bench.commands import Command, hidden

DEBIAN_PACKAGES = {"rsync": "rsync", "pigz": "pigz", "fpsync": "fpart", "rclone": "rclone"}
"""The Debian package of each peer's tool (fpart brings fpsync, and needs rsync)."""


def install_missing(commands: Iterable[Command], log: Callable[[str], None]) -> str:
    """Install the packages of the tools `commands` miss; what happened, for the report's
    notes ("" when nothing was missing)."""
    tools = sorted(
        {
            tool
            for command in commands
            for tool in command.missing()
            if tool in DEBIAN_PACKAGES and not hidden(tool)
        }
    )
    if not tools:
        return ""
    packages = sorted({DEBIAN_PACKAGES[tool] for tool in tools})
    what = f"{' '.join(packages)} (for {', '.join(tools)})"
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        note = f"not installed: {what}; needs root and apt-get"
        log(note)
        return note
    log(f"installing {what} with apt-get ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps = (
        (["apt-get", "update", "-qq"], 300),
        (["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], 600),
    )
    try:
        for argv, timeout in steps:
            subprocess.run(argv, env=env, capture_output=True, check=True, timeout=timeout)
    except subprocess.CalledProcessError as exc:
        lines = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
        note = f"could not install {what}: {lines[-1] if lines else exc}"
    except (OSError, subprocess.TimeoutExpired) as exc:
        note = f"could not install {what}: {exc}"
    else:
        note = f"installed {what} with apt-get before measuring"
    log(note)
    return note
