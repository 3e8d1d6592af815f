"""Facts about this machine that the coordinator and the workers may both ask for."""

from __future__ import annotations

import os


def cpu_count() -> int:
    """CPUs this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
