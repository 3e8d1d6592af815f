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


def disk_of(path: os.PathLike[str] | str) -> str:
    """The disk `path` is on (or would be, for a folder still to be made), as "major:minor":
    the whole disk for a partition, so that jobs onto two partitions of one disk count as
    onto one; the file system's own device where the kernel knows no block device behind it
    (tmpfs, btrfs subvolumes, network file systems)."""
    folder = os.path.abspath(path)
    while True:
        try:
            device = os.stat(folder).st_dev
            break
        except OSError:
            if folder == os.path.dirname(folder):
                return ""
            folder = os.path.dirname(folder)
    number = f"{os.major(device)}:{os.minor(device)}"
    block = f"/sys/dev/block/{number}"
    if os.path.exists(f"{block}/partition"):
        try:
            with open(f"{block}/../dev", encoding="ascii") as whole:
                return whole.read().strip()
        except OSError:
            pass
    return number
