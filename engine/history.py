"""What ran: every job that ends is recorded in a SQLite database in the user's data folder.

A record holds the job itself (as its job-file text, so it can be run again), when it
started and ended, how it ended, its counts and bytes, and every failure with its reason
(and whether it was a folder, everything beneath which a re-run of its failures takes).
Several jobs may end at once: each record is one transaction, and the database waits for
another writer rather than failing. It stays bounded: beyond `KEEP` records the oldest go.
Recording never fails a job: a history that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from engine.errors import JobError
from engine.events import Summary
from engine.filters import Listed
from engine.job import Job, dump_job_file, job_from_text
from engine.quantities import counted

KEEP = 1000
"""Records kept; older ones are pruned as new ones are added."""
BUSY_TIMEOUT_S = 10.0
"""How long a writer waits for another to finish before giving up on its record."""
FILE_NAME = "history.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL,
    ended REAL NOT NULL,
    outcome TEXT NOT NULL,
    message TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    job TEXT NOT NULL,
    files_done INTEGER NOT NULL,
    files_updated INTEGER NOT NULL,
    files_skipped INTEGER NOT NULL,
    files_failed INTEGER NOT NULL,
    files_deleted INTEGER NOT NULL,
    files_moved INTEGER NOT NULL,
    bytes INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    path BLOB NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_of_run ON failures(run);
"""
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # what folders that failed left out, and which failures are folders
        "ALTER TABLE runs ADD COLUMN files_left_out INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE failures ADD COLUMN folder INTEGER NOT NULL DEFAULT 0",
    ),
)
"""What each version added to `_SCHEMA`, in order; `PRAGMA user_version` counts those made."""


class Outcome(StrEnum):
    """How a recorded job ended."""

    FINISHED = "finished"
    FAILED = "failed"
    """It ran to its end, but some entries failed or a mirror held its deletions back."""
    CANCELLED = "cancelled"
    STOPPED = "stopped"
    """It could not go on (a folder replaced, no worker could start): `message` says why."""


@dataclass(frozen=True)
class Record:
    """One job that ran."""

    id: int
    started: float
    ended: float
    outcome: Outcome
    message: str
    source: str
    target: str
    job_text: str
    """The job as job-file text (`engine.job.dump_job_file`)."""
    files_done: int
    files_updated: int
    files_skipped: int
    files_failed: int
    files_deleted: int
    files_moved: int
    bytes: int
    files_left_out: int
    """Files beneath the folders that failed, not copied (`Summary.files_left_out`)."""

    def job(self) -> Job:
        """The job as it ran, to run it again."""
        return job_from_text(self.job_text)


class Failure(NamedTuple):
    """An entry that failed in a run."""

    path: str
    reason: str
    folder: bool
    """A folder that failed: nothing beneath it was copied."""


def default_path() -> Path:
    """The history database of this user (`$XDG_DATA_HOME/conveyor` by default)."""
    import platformdirs  # here: only recording and listing need it

    return Path(platformdirs.user_data_dir("conveyor")) / FILE_NAME


class History:
    """The database at `path` (made on first use, readable by its user only)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        os.close(fd)
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.executescript(_SCHEMA)
            _migrate(connection)
            yield connection
        finally:
            connection.close()

    def record(
        self,
        job: Job,
        started: float,
        summary: Summary | None,
        stopped: str = "",
    ) -> int:
        """Add a job that ended (with its summary, or `stopped` saying why it could not go
        on); return its id. Prunes beyond `KEEP` in the same transaction."""
        failures: tuple[tuple[str, str], ...] = ()
        folders: frozenset[str] = frozenset()
        if summary is None:
            outcome, counts = Outcome.STOPPED, (0,) * 8
        else:
            outcome = (
                Outcome.CANCELLED
                if summary.cancelled
                else Outcome.FAILED
                if summary.files_failed or summary.deletions_held
                else Outcome.FINISHED
            )
            counts = (
                summary.files_done,
                summary.files_updated,
                summary.files_skipped,
                summary.files_failed,
                summary.files_deleted,
                summary.files_moved,
                summary.bytes_done,
                summary.files_left_out,
            )
            failures = summary.failures
            folders = frozenset(summary.failed_folders)
        with self._connect() as db, _transaction(db):
            cursor = db.execute(
                "INSERT INTO runs (started, ended, outcome, message, source, target, job,"
                " files_done, files_updated, files_skipped, files_failed, files_deleted,"
                " files_moved, bytes, files_left_out)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    started,
                    time.time(),
                    outcome.value,
                    stopped,
                    _text(job.source),
                    _text(job.target),
                    _job_text(job),
                    *counts,
                ),
            )
            run = cursor.lastrowid
            assert run is not None
            db.executemany(
                "INSERT INTO failures (run, path, reason, folder) VALUES (?, ?, ?, ?)",
                [
                    (run, os.fsencode(path), _text(reason), path in folders)
                    for path, reason in failures
                ],
            )
            db.execute("DELETE FROM runs WHERE id <= (SELECT MAX(id) FROM runs) - ?", (KEEP,))
        return run

    def recent(self, count: int = 20) -> list[Record]:
        """The last `count` records, newest first."""
        if not self.path.exists():
            return []
        with self._connect() as db:
            rows = db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (count,))
            return [_record(row) for row in rows]

    def get(self, run: int) -> Record | None:
        if not self.path.exists():
            return None
        with self._connect() as db:
            row = db.execute("SELECT * FROM runs WHERE id = ?", (run,)).fetchone()
            return None if row is None else _record(row)

    def failures(self, run: int) -> list[Failure]:
        """Every entry that failed in the run, in the order they failed."""
        if not self.path.exists():
            return []
        with self._connect() as db:
            rows = db.execute(
                "SELECT path, reason, folder FROM failures WHERE run = ? ORDER BY rowid", (run,)
            )
            return [
                Failure(os.fsdecode(path), reason, bool(folder)) for path, reason, folder in rows
            ]


@dataclass(frozen=True)
class Again:
    """A run of the history to run again: the job, and what of it is run again."""

    job: Job
    retried: str
    """With only what failed: what that is, in words ("2 folders and 3 files that failed in
    run 17"); empty when the whole job runs again."""


def again(run: int, *, failed_only: bool = False, history: History | None = None) -> Again:
    """The job of `run` to run again (`engine run --again`, the app's Run again and Retry
    failed); with `failed_only`, narrowed to the files and folders that failed in it: a
    failed folder is taken whole, as far as the run's own `--files-from` list reached, and a
    partial list never drives deletions. JobError when there is no such run, or nothing of
    it failed."""
    history = history or History()
    record = history.get(run)
    if record is None:
        raise JobError(f"no run {run} in the history; 'engine history' lists them")
    job = record.job()
    if not failed_only:
        return Again(job, "")
    failed = [failure for failure in history.failures(record.id) if failure.path]
    if not failed:
        raise JobError(f"run {record.id} had no failed files: nothing to run again")
    folders = [failure.path for failure in failed if failure.folder]
    files = [failure.path for failure in failed if not failure.folder]
    within = _within_list(folders, job.files_from)
    what = [counted(len(folders), "folder")] if folders else []
    what += [counted(len(files), "file")] if files else []
    return Again(
        replace(job, files_from=(*within, *files), delete=False),
        f"{' and '.join(what)} that failed in run {record.id}",
    )


def _within_list(folders: list[str], files_from: tuple[str, ...]) -> list[str]:
    """The failed folders to run again whole, or, where the run's own `--files-from` list
    took only some paths in one, those paths: a retry takes no more than the run would."""
    if not files_from:
        return folders
    listed = Listed.of(files_from)
    return [path for folder in folders for path in listed.within(folder)]


def record_quietly(job: Job, started: float, summary: Summary | None, stopped: str = "") -> None:
    """Record the job in this user's history, or nothing where that cannot be written (a
    read-only home, a full disk, a database another job holds for too long): a history is
    never a reason for a job to fail."""
    with contextlib.suppress(OSError, sqlite3.Error):
        History().record(job, started, summary, stopped)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (a writer waits for another, not mid-way)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a database an older version made up to `_MIGRATIONS`, once, whoever comes first."""
    if _version(db) == len(_MIGRATIONS):
        return
    with _transaction(db):
        for statements in _MIGRATIONS[_version(db) :]:
            for statement in statements:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {len(_MIGRATIONS)}")


def _version(db: sqlite3.Connection) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def _record(row: tuple[object, ...]) -> Record:
    values = list(row)
    values[3] = Outcome(str(values[3]))
    return Record(*values)  # type: ignore[arg-type]


def _text(text: object) -> str:
    """Text for a column shown to people: a name that is not UTF-8 (which SQLite text cannot
    hold) shows its odd bytes as escapes. Failed paths are kept exactly, as bytes."""
    return os.fsencode(str(text)).decode("utf-8", "backslashreplace")


def _job_text(job: Job) -> str:
    """The job as job-file text; a job a job file cannot hold (a name that is not UTF-8) is
    recorded as a comment saying so, and cannot be run again from the history."""
    from engine.errors import JobError

    try:
        return dump_job_file(job)
    except JobError as exc:
        return f"# cannot be run again: {exc}\n"
