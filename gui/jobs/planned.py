"""The scheduled jobs as the app reads and writes them: through `engine.schedule`, exactly
as `engine schedule add|list|remove` does, so a line the app adds is one the CLI lists and
removes, and the other way round.

Every function here blocks (each runs the `crontab` command; `add` checks the job's folders,
which a dead network mount can hang), so the sidebar calls them on the thread pool.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from engine import Job, dump_job_file, schedule
from engine.schedule import Scheduled

NEXT_RUNS = 3


@dataclass(frozen=True)
class Planned:
    """A scheduled job with what the sidebar shows of it."""

    scheduled: Scheduled
    job_file: str
    """The job file its line runs; the whole command when it names none."""
    next_runs: tuple[datetime, ...]


def read() -> list[Planned]:
    """Conveyor's lines in the crontab, in their order there; JobError without a crontab."""
    return [
        Planned(entry, entry.job_file, tuple(entry.next_runs(NEXT_RUNS)))
        for entry in schedule.scheduled()
    ]


def saved_jobs_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("conveyor")) / "scheduled"


def save_job(job: Job) -> Path:
    """The job as a job file among the app's own (one per distinct job: scheduling the same
    job twice reuses its file), for a crontab line to run."""
    text = dump_job_file(job)
    folder = saved_jobs_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"job-{hashlib.sha256(text.encode()).hexdigest()[:12]}.toml"
    partial = path.with_suffix(".toml.part")
    partial.write_text(text, encoding="utf-8")
    os.chmod(partial, 0o600)
    partial.replace(path)
    return path


def add(job: Path | Job, expression: str) -> Scheduled:
    """Schedule the job file, or the job saved as one first; JobError as the CLI's."""
    job_file = job if isinstance(job, Path) else save_job(job)
    return schedule.add(job_file, expression)
