"""Facts about this machine that the coordinator and the workers may both ask for."""

from __future__ import annotations

import os


def cpu_count() -> int:
    """CPUs this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


CAP_CHOWN = 0
"""May give files any owner and group."""
CAP_MKNOD = 27
"""May make device files."""


def has_capability(capability: int) -> bool:
    """Whether this process holds `capability` now (its effective set): root in a container
    or under `setpriv` may lack one, and another user may be given one, so being root tells
    neither. Where /proc cannot tell, root is taken to hold every capability."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) >> capability & 1)
    except (OSError, ValueError):
        pass
    return os.geteuid() == 0
