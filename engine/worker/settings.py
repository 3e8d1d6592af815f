"""What every worker needs to know about the job: the one message that describes it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.roots import Identity
from engine.worker.copying import Reflink
from engine.worker.policy import IfExists, modify_window_ns


@dataclass(frozen=True)
class TransferSettings:
    """What every worker needs to know about the job; sent once when the worker starts."""

    source: Path
    target: Path
    if_exists: IfExists
    verify: bool
    dry_run: bool
    bwlimit: int
    """Bytes per second each worker starts with (0: none); the job may change it as it runs,
    through the shared `Control.bwlimit`, which is what the workers pace by."""
    retries: int = 1
    fsync: bool = False
    file_timeout: float = 0.0
    follow_symlinks: bool = False
    checksum: bool = False
    """Files of equal size are judged by their contents, not their times (`contents`)."""
    move: bool = False
    """Remove each source file once its output is in place (`moving`)."""
    modify_window: float = 0.0
    """Seconds within which modification times count as equal (`--modify-window`), as the
    job gave it; comparisons use `window_ns`, which also heeds the target's rounding."""
    no_preserve: tuple[str, ...] = ()
    """What the copies do not keep (`engine.job.PRESERVED` names the words)."""
    reflink: Reflink = Reflink.AUTO
    unheld: tuple[str, ...] = ()
    """What the target's file system cannot hold (`metadata.probe_target`)."""
    time_step_ns: int = 1
    """How finely the target's file system keeps modification times (`metadata.probe_target`):
    1 ns unless the probe found it coarser."""
    source_id: Identity | None = None
    """The source folder the job holds: a worker opening it by its path must find this one."""
    target_id: Identity | None = None
    """The same for the target; None in a dry run into a folder that does not exist yet."""
    backup_dir: str = ""
    """The backup folder's path (`backup`), "" for none; `backup_id` is the one it must be."""
    backup_id: Identity | None = None
    owner: str = ""
    """The job's coordinating process (`temps.process_token`), named in temporary files."""

    @property
    def window_ns(self) -> int:
        """The window within which modification times count as equal, in nanoseconds: the
        job's `modify_window` or the target's own rounding, whichever is wider."""
        return modify_window_ns(self.modify_window, self.time_step_ns)
