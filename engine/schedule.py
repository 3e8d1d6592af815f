"""`engine schedule`: jobs run by cron, written into the user's own crontab.

Each scheduled job is one crontab line carrying our marker (`conveyor:ID` as its comment),
so listing and removing touch only our lines, never the user's own. The line runs the job
file quietly with a log file of its own; the run records itself in the history like any
other. Cron expressions are checked (and their next times found) with croniter, the crontab
is read and written with python-crontab (through the `crontab` command), not by hand.
"""

from __future__ import annotations

import secrets
import shlex
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.errors import JobError
from engine.job import Job, load_job_file

MARKER = "conveyor:"
"""The start of the comment on every crontab line Conveyor wrote."""


@dataclass(frozen=True)
class Scheduled:
    """One scheduled job, as its crontab line says."""

    id: str
    cron: str
    """The cron expression, e.g. `0 2 * * *`."""
    command: str
    """What cron runs."""

    @property
    def job_file(self) -> str:
        """The job file the line runs (the whole command for a line edited by hand so that
        it names none)."""
        try:
            words = shlex.split(self.command)
        except ValueError:
            return self.command
        if "--job" in words[:-1]:
            return words[words.index("--job") + 1]
        return self.command

    def next_runs(self, count: int = 3, after: datetime | None = None) -> list[datetime]:
        """The next `count` times cron will start it (local time)."""
        return next_runs(self.cron, count, after)


def cron_problem(expression: str) -> str | None:
    """What is wrong with a cron expression (five fields: minute hour day month weekday),
    or None."""
    from croniter import croniter  # here: only scheduling needs it

    if len(expression.split()) != 5:
        return (
            f"cron expression '{expression}' must have five fields: minute hour "
            'day-of-month month day-of-week, e.g. "0 2 * * *" for 02:00 every day'
        )
    if not croniter.is_valid(expression):
        return f"cron expression '{expression}' is not valid (see 'man 5 crontab')"
    return None


def next_runs(expression: str, count: int = 3, after: datetime | None = None) -> list[datetime]:
    from croniter import croniter

    times = croniter(expression, after or datetime.now())
    return [times.get_next(datetime) for _ in range(count)]


def _crontab() -> Any:
    """The user's crontab (python-crontab's CronTab, which has no type hints)."""
    from crontab import CronTab  # here: only scheduling needs it

    try:
        return CronTab(user=True)
    except (OSError, ValueError) as exc:
        raise JobError(f"cannot read your crontab (is cron installed?): {exc}") from None


def log_folder() -> Path:
    """Where scheduled runs append their log files: the user's log folder's `conveyor`
    (`~/.local/state/conveyor/log`)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("conveyor"))


def add(job_file: Path, expression: str, logs: Path | None = None) -> Scheduled:
    """Schedule the job in `job_file` (checked now, as a run would check it) at the times
    `expression` gives; its runs append to a log file in `logs` (`log_folder()`)."""
    logs = logs or log_folder()
    problem = cron_problem(expression)
    if problem:
        raise JobError(problem)
    job_file = job_file.resolve()
    Job(**load_job_file(job_file)).validated()
    ident = secrets.token_hex(4)
    logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    log = logs / f"{ident}.log"
    command = " ".join(
        shlex.quote(part)
        for part in (
            sys.executable,
            "-m",
            "engine",
            "run",
            "--job",
            str(job_file),
            "-q",
            "--log-file",
            str(log),
        )
    )
    tab = _crontab()
    line = tab.new(command=command, comment=f"{MARKER}{ident}")
    line.setall(expression)
    tab.write()
    return Scheduled(ident, expression, command)


def scheduled() -> list[Scheduled]:
    """Our lines in the user's crontab, in their order there."""
    return [
        Scheduled(line.comment.removeprefix(MARKER), str(line.slices), line.command)
        for line in _crontab()
        if line.comment.startswith(MARKER)
    ]


def remove(ident: str) -> None:
    """Remove our line with this id; JobError when there is none (the user's own lines are
    never touched)."""
    tab = _crontab()
    found = [line for line in tab if line.comment == f"{MARKER}{ident}"]
    if not found:
        raise JobError(f"no scheduled job '{ident}'; 'engine schedule list' shows them")
    for line in found:
        tab.remove(line)
    tab.write()
