"""What every worker needs to know about the job: the one message that describes it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.roots import Identity
from engine.worker.copying import Reflink
from engine.worker.policy import IfExists


@dataclass(frozen=True)
class TransferSettings:
    """What every worker needs to know about the job; sent once when the worker starts."""

    source: Path
    target: Path
    if_exists: IfExists
    verify: bool
    dry_run: bool
    bwlimit: int
    retries: int = 1
    fsync: bool = False
    file_timeout: float = 0.0
    follow_symlinks: bool = False
    modify_window: float = 0.0
    """Seconds within which modification times count as equal (`--modify-window`)."""
    no_preserve: tuple[str, ...] = ()
    """What the copies do not keep (`engine.job.PRESERVED` names the words)."""
    reflink: Reflink = Reflink.AUTO
    unheld: tuple[str, ...] = ()
    """What the target's file system cannot hold (`metadata.probe_target`)."""
    source_id: Identity | None = None
    """The source folder the job holds: a worker opening it by its path must find this one."""
    target_id: Identity | None = None
    """The same for the target; None in a dry run into a folder that does not exist yet."""
    owner: str = ""
    """The job's coordinating process (`temps.process_token`), named in temporary files."""
