"""A job: everything that defines one run, as a frozen value the CLI, the app and files share."""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from engine.errors import JobError
from engine.filters import PathFilter, glob_problem, listed_path_problem
from engine.names import printable
from engine.roots import overlap_problem
from engine.settings import (
    GLOBS,
    SECONDS,
    SIZE,
    WORDS,
    expect,
    setting,
    settings_of,
    shown_value,
    toml_str,
)
from engine.settings import parse_size as parse_size  # the app reads sizes from here
from engine.stages import Stage, StageSpec, build
from engine.system import cpu_count
from engine.worker.copying import Reflink as Reflink  # `engine` exports it from here
from engine.worker.policy import IfExists as IfExists  # `engine` exports it from here


class Backend(StrEnum):
    """Where the workers run."""

    LOCAL = "local"
    """Worker processes on this machine."""
    DASK = "dask"
    """Workers of a Dask cluster that see the source and target at the same paths."""


SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx", "inproc")

MAX_WORKERS_PER_CPU = 4
"""How many local worker processes a job may have per CPU. Each worker is a process of about
30-60 MiB; beyond a few per CPU more of them only add memory and contention (for the CPUs,
the disk queue, the page cache), even on slow storage where workers mostly wait: what slow
storage wants is fewer, longer requests, not hundreds of processes. `-w 300` on two CPUs
would start 300 interpreters (over 10 GiB) for no gain."""
MIN_WORKER_LIMIT = 16
"""The local limit on a machine with few CPUs (so 1 or 2 CPUs may still run 16 workers on
network storage): 16 processes take under 1 GiB, which any machine running the engine has."""
MAX_CLUSTER_WORKERS = 4096
"""With a Dask scheduler, `workers` counts the cluster's workers, which run elsewhere and
already exist; the bound only catches a mistyped number."""
MAX_RETRIES = 100
"""Retries are for a worker that died or a file that changed mid-copy; past a few tries the
cause is not passing, and hundreds of tries only hide it."""
MAX_BWLIMIT = 1 << 40
"""1 TiB per second per worker: beyond any disk or network, and far from where the pacing
arithmetic loses precision. 0, not a huge number, means no limit."""
MAX_FILE_TIMEOUT_S = 30 * 24 * 3600
"""30 days. 0, not a huge number, means no limit; a finite bound keeps the deadline
arithmetic of workers and timers finite."""
MAX_JOB_FILE_BYTES = 1 << 20
"""A job file is a few lines of TOML; a larger one (or `/dev/zero`) is not a job file, and
reading it whole would only use up memory."""


def max_workers(backend: Backend, scheduler: str) -> int:
    """The most workers a job may ask for: a few per CPU on this machine (also for the Dask
    cluster the engine starts here for the job), generously many of a running cluster's."""
    if backend is Backend.DASK and scheduler:
        return MAX_CLUSTER_WORKERS
    return max(MIN_WORKER_LIMIT, MAX_WORKERS_PER_CPU * cpu_count())


def bwlimit_problem(rate: int) -> str | None:
    """Why `rate` cannot be a speed limit; None when it can (also for a running job)."""
    if rate < 0:
        return "bwlimit must not be negative"
    if rate > MAX_BWLIMIT:
        return f"bwlimit must be at most 1024G per second per worker (0: no limit), not {rate}"
    return None


def _retries_problem(retries: int) -> str | None:
    if 0 <= retries <= MAX_RETRIES:
        return None
    return f"retries must be between 0 and {MAX_RETRIES}, not {retries}"


def _max_delete_problem(count: int) -> str | None:
    return None if count >= -1 else f"max delete must be 0 or more, not {count}"


def _modify_window_problem(seconds: float) -> str | None:
    if math.isfinite(seconds) and 0 <= seconds <= MAX_MODIFY_WINDOW_S:
        return None
    return f"modify window must be 0 to {MAX_MODIFY_WINDOW_S} seconds, not {seconds}"


def _file_timeout_problem(seconds: float) -> str | None:
    if math.isfinite(seconds) and 0 <= seconds <= MAX_FILE_TIMEOUT_S:
        return None
    return (
        f"file timeout must be 0 (none) or more seconds, at most {MAX_FILE_TIMEOUT_S} "
        f"(30 days), not {seconds}"
    )


def _files_from_problem(paths: tuple[str, ...]) -> str | None:
    for path in paths:
        problem = listed_path_problem(path)
        if problem:
            return f"files-from path '{printable(path)}' {problem}"
    return None


def _min_size_problem(size: int) -> str | None:
    return None if size >= 0 else f"min size must be 0 (no limit) or more, not {size}"


def _max_size_problem(size: int) -> str | None:
    return None if size >= 0 else f"max size must be 0 (no limit) or more, not {size}"


DEFAULT_STAGES = (StageSpec("copy"),)
MAX_MODIFY_WINDOW_S = 86_400
"""The widest `modify_window`: a day (time zones gone wrong on FAT are whole hours)."""

PRESERVED = ("owner", "xattrs", "acls", "sparse", "hard-links", "specials")
"""What a copy keeps by default and `no_preserve` may leave out."""
LEGACY_KEYS = frozenset({"hard_links"})
"""Keys of older job files, read and ignored: `hard_links` (links are kept by default now,
and every saved job wrote the old default, false, so it says nothing of the user's wish)."""


@dataclass(frozen=True)
class Job:
    """One run: two folders, a chain of stages and the settings.

    Each setting is declared once, here, on its field (`setting(...)`, see `engine.settings`):
    its default, kind, option and help, whether workers and the app use it, its range. The job
    file, the `engine run` options, the checks of `validated()`, the command line of a job and
    the worker's settings all follow from these declarations (`SETTINGS`)."""

    source: Path
    target: Path
    workers: int = setting(
        kind=int,
        default_factory=cpu_count,
        short="-w",
        metavar="N",
        help=(
            "worker processes (default: CPUs; at most 4 per CPU or 16); with --scheduler, "
            "workers used (default: all)"
        ),
    )
    """Worker processes; with a Dask scheduler, how many of its workers to use (0: all). The
    bounds depend on the backend, so `_check_numbers` keeps them."""
    stages: tuple[StageSpec, ...] = DEFAULT_STAGES
    include: tuple[str, ...] = setting((), kind=GLOBS, metavar="GLOB", help="only files matching")
    exclude: tuple[str, ...] = setting((), kind=GLOBS, metavar="GLOB", help="leave out matches")
    files_from: tuple[str, ...] = setting(
        (),
        kind=GLOBS,
        flag="--path",
        metavar="PATH",
        help=(
            "copy only this path of SRC, a folder with all below it (repeatable; "
            "--files-from reads them from a file)"
        ),
        invalid="files from must be a list of paths relative to the source, not {}",
        problem=_files_from_problem,
    )
    """Only these paths relative to the source (a folder with all below it); empty: all.
    The job holds the paths, not the name of the list they were read from: a saved job or
    command line then selects the same files wherever and whenever it runs, where a list
    read from stdin could not be read again and a list file may have changed or be gone."""
    min_size: int = setting(
        0,
        kind=SIZE,
        metavar="SIZE",
        help="leave out files smaller than SIZE, e.g. 512k (default 0: no limit)",
        problem=_min_size_problem,
    )
    max_size: int = setting(
        0,
        kind=SIZE,
        metavar="SIZE",
        help="leave out files larger than SIZE, e.g. 10M (default 0: no limit)",
        problem=_max_size_problem,
    )
    one_file_system: bool = setting(
        False, short="-x", help="do not enter folders on another file system than SRC's"
    )
    """Folders on another device than the source root are reported and not entered (rsync
    -x): their mount points are made, empty."""
    if_exists: IfExists = setting(  # noqa: RUF009 (it makes a field, as `field` does)
        IfExists.CHANGED,
        metavar="POLICY",
        help="changed (default), skip, overwrite, newer or rename",
        worker=True,
    )
    verify: bool = setting(
        False, help="re-read and compare each written file", worker=True, in_app=True
    )
    dry_run: bool = setting(
        False, short="-n", help="report, write nothing", worker=True, in_app=True
    )
    follow_symlinks: bool = setting(
        False, help="copy what links point to", worker=True, in_app=True
    )
    delete: bool = setting(
        False,
        help=(
            "mirror: after copying, remove what the target holds that the source (through "
            "the stages) does not"
        ),
    )
    """Make the target a mirror: entries no source entry leads to are removed at the end."""
    delete_excluded: bool = setting(
        False, help="with --delete, also remove target entries the filters exclude"
    )
    max_delete: int = setting(
        -1,
        metavar="N",
        help="with --delete, remove nothing if more than N entries would go (default: no limit)",
        problem=_max_delete_problem,
    )
    """The most entries a mirror may remove; above it, none is removed. -1: no limit."""
    checksum: bool = setting(
        False,
        help=(
            "judge files of equal size by their contents (hashed on both sides) instead of "
            "their times; identical ones only get their times and metadata in line"
        ),
        worker=True,
    )
    backup_dir: str = setting(
        "",
        metavar="DIR",
        help=(
            "keep files that would be replaced or deleted in DIR, under their relative paths "
            "(relative to the target unless absolute)"
        ),
    )
    """Where replaced and deleted entries are kept instead of destroyed; "" for nowhere."""
    move: bool = setting(
        False,
        help=(
            "remove each source file once its output is in place (renamed, not copied, on one "
            "file system), and the source folders that leaves empty"
        ),
        worker=True,
    )
    modify_window: float = setting(
        0.0,
        kind=SECONDS,
        metavar="SECONDS",
        help="treat modification times this close as equal (default 0: exact, or the "
        "target's own rounding)",
        worker=True,
        problem=_modify_window_problem,
    )
    bwlimit: int = setting(
        0,
        kind=SIZE,
        metavar="RATE",
        help="per-worker bandwidth limit, e.g. 10M",
        worker=True,
        problem=bwlimit_problem,
    )
    """Bytes per second per worker; 0 for no limit."""
    retries: int = setting(
        1,
        metavar="N",
        help=(
            "tries again for a file whose worker died or that changed mid-copy (default 1, "
            "at most 100)"
        ),
        worker=True,
        problem=_retries_problem,
    )
    """Further tries for a file whose worker died or that changed while being copied."""
    file_timeout: float = setting(
        0.0,
        kind=SECONDS,
        metavar="SECONDS",
        help="abandon and fail a file that takes longer than this (default: no limit)",
        worker=True,
        problem=_file_timeout_problem,
    )
    """Seconds one file may take before its worker abandons it; 0 for no limit."""
    fsync: bool = setting(
        False, help="flush each file to disk before renaming", worker=True, in_app=True
    )
    """Flush each file to the disk before renaming it into place."""
    no_preserve: tuple[str, ...] = setting(
        (),
        kind=WORDS,
        allowed=PRESERVED,
        metavar="WORDS",
        help=f"do not keep these, comma-separated: {', '.join(PRESERVED)}",
        worker=True,
        in_app=True,
    )
    """What a copy does not keep of what it keeps by default: the owner and group, extended
    attributes, POSIX ACLs, the holes of sparse files, hard links among the copied files
    (each name is then copied on its own), FIFOs and device files (which are then skipped
    with a warning)."""
    reflink: Reflink = setting(  # noqa: RUF009 (it makes a field, as `field` does)
        Reflink.AUTO,
        metavar="WHEN",
        help=(
            "auto (default): plain copies share the source's blocks where the file system "
            "can clone them (btrfs, XFS); always: fail a file that cannot be cloned; never"
        ),
        worker=True,
    )
    queue: bool = setting(
        False,
        help=(
            "wait while jobs started before this one write to the same disk, then start "
            "(two nightly jobs onto one disk run one after the other)"
        ),
    )
    """Wait for the running jobs onto the target's disk (`engine.registry.ahead_of`)."""
    backend: Backend = setting(  # noqa: RUF009 (it makes a field, as `field` does)
        Backend.LOCAL,
        metavar="NAME",
        help="where workers run: local (default) or dask (needs the [dask] extra)",
    )
    scheduler: str = setting(
        "",
        metavar="ADDRESS",
        help="Dask scheduler to run on, e.g. tcp://host:8786 (default: a cluster on this machine)",
        invalid="scheduler address {} is not a Dask address; write it like tcp://host:8786",
    )
    """Address of a running Dask scheduler; empty starts a cluster on this machine."""

    @property
    def path_filter(self) -> PathFilter:
        return PathFilter(
            self.include,
            self.exclude,
            min_size=self.min_size,
            max_size=self.max_size,
            files_from=self.files_from,
            one_file_system=self.one_file_system,
        )

    def build_stages(self) -> tuple[Stage, ...]:
        return tuple(build(spec) for spec in self.stages)

    def validated(self) -> Job:
        """Check everything that can be checked before a byte is written or a worker started:
        every value's type and range, the folders, the backend, the filters and the stages;
        raise JobError saying what to fix. The library, the app and the CLI all pass through
        here, so a value no front-end checked is still refused before it can do harm."""
        job = self._typed()
        for problem in (source_problem(job.source), target_problem(job.source, job.target)):
            if problem:
                raise JobError(problem)
        job._check_numbers()
        problem = backend_problem(job.backend, job.scheduler)
        if problem:
            raise JobError(problem)
        for what, patterns in (("include", job.include), ("exclude", job.exclude)):
            for pattern in patterns:
                problem = glob_problem(pattern)
                if problem:
                    raise JobError(f"{what} pattern '{printable(pattern)}' {problem}")
        if not job.stages:
            raise JobError("a job needs at least one stage (use 'copy' for a plain copy)")
        if job.max_size and job.min_size > job.max_size:
            raise JobError(
                f"min size ({job.min_size} bytes) is larger than max size ({job.max_size} "
                "bytes): no file would be copied"
            )
        if job.delete and job.files_from:
            raise JobError(
                "delete and files-from do not go together: a list of paths is not the whole "
                "source, and a mirror must never delete on a partial listing; leave out delete"
            )
        if job.delete:
            job._check_mirror()
        if job.backup_dir:
            job._check_backup()
        if job.reflink is Reflink.ALWAYS and job.verify:
            raise JobError(
                "reflink always and verify do not go together: a clone shares the source's "
                "blocks, so there is no copy to re-read; use reflink auto with verify"
            )
        job.build_stages()
        source, target = Path(os.path.abspath(job.source)), Path(os.path.abspath(job.target))
        return replace(job, source=source, target=target)

    def _typed(self) -> Job:
        """This job with every field of the type it is declared with (enums from their
        text, sequences as tuples), or JobError: a library caller or an old saved job may
        hand in anything, and `True` must not pass for 1, nor "no" for true."""
        for name in ("source", "target"):
            _check_path(name, getattr(self, name))
        typed = {each.key: each.typed(getattr(self, each.key)) for each in SETTINGS}
        _check_stages(self.stages)
        return replace(self, stages=tuple(self.stages), **typed)

    @property
    def backup_path(self) -> Path | None:
        """The backup folder as a path: relative to the target unless absolute."""
        if not self.backup_dir:
            return None
        return Path(os.path.join(os.path.abspath(self.target), self.backup_dir))

    def _check_backup(self) -> None:
        """The backup folder must be neither the source, inside it, nor the target."""
        backup = self.backup_path
        assert backup is not None
        where = os.path.realpath(backup)
        source = os.path.realpath(self.source)
        if where == source or where.startswith(source.rstrip("/") + "/"):
            raise JobError(
                f"backup dir '{_shown(backup)}' is inside the source: a job never writes there; "
                "choose a folder outside the source"
            )
        if where == os.path.realpath(self.target):
            raise JobError(
                "backup dir is the target folder itself; give a folder inside or beside it"
            )

    def _check_mirror(self) -> None:
        """A mirror must know what to keep: never `rename` (which keeps every old version
        beside the new), never an empty source (a mount that failed would empty the target)."""
        if self.if_exists is IfExists.RENAME:
            raise JobError(
                "delete and if-exists rename contradict each other (a mirror keeps one version "
                "of each file); choose another if-exists policy or leave out delete"
            )
        with os.scandir(self.source) as entries:
            if next(entries, None) is None:
                raise JobError(
                    f"the source folder '{_shown(self.source)}' is empty: a mirror would delete "
                    "everything in the target (is a disk not mounted?); copy without delete"
                )

    def _check_numbers(self) -> None:
        """Every number in its range (the types are already checked): the workers against
        the backend's limit here, every other setting by its declared `problem`."""
        limit = max_workers(self.backend, self.scheduler)
        if self.workers < 1 and not (self.workers == 0 and self.scheduler):
            raise JobError(
                f"workers must be at least 1 (0: all of a Dask cluster's), not {self.workers}"
            )
        if self.workers > limit:
            if limit == MAX_CLUSTER_WORKERS:
                raise JobError(
                    f"workers must be at most {limit} of a Dask cluster's, not {self.workers}"
                )
            raise JobError(
                f"workers must be at most {limit} on this machine ({cpu_count()} CPUs), not "
                f"{self.workers}: each worker is a process of 30-60 MiB, and more than "
                f"{MAX_WORKERS_PER_CPU} per CPU only add memory and contention, even on slow "
                "storage"
            )
        for each in SETTINGS:
            problem = each.problem(getattr(self, each.key)) if each.problem else None
            if problem:
                raise JobError(problem)


SETTINGS = settings_of(Job)
"""Every setting of a job, in the order of the Job's fields: the one table the job file, the
command line, the checks, the app and the workers derive theirs from."""


def worker_values(job: Job) -> dict[str, Any]:
    """The settings every worker is told about the job (those declared `worker=True`)."""
    return {each.key: getattr(job, each.key) for each in SETTINGS if each.worker}


def _check_path(name: str, value: Any) -> None:
    """A folder must be a path given as text, not empty and without NUL (which no path can
    hold: the system would cut it short there, or Python refuse it mid-job)."""
    text = os.fspath(value) if isinstance(value, str | os.PathLike) else None
    if not isinstance(text, str):
        raise JobError(f"{name} must be a folder path, not {shown_value(value)}")
    if not text:
        raise JobError(f"{name} folder is empty; give a folder (. for the current one)")
    if "\0" in text:
        raise JobError(f"{name} folder '{printable(text)}' holds a NUL character")


def _check_stages(stages: Any) -> None:
    """Stages as specs with a printable name and a table of options with printable keys (the
    stages themselves check the values, in `build`)."""
    if not isinstance(stages, tuple | list) or not all(isinstance(s, StageSpec) for s in stages):
        raise JobError(f"stages must be a list of stages, not {shown_value(stages)}")
    for spec in stages:
        if not isinstance(spec.name, str) or not spec.name.isprintable():
            raise JobError(
                f"unknown stage {shown_value(spec.name)}; 'engine stages' lists the stages"
            )
        if not isinstance(spec.options, Mapping):
            raise JobError(f"the options of stage '{spec.name}' must be a table of key = value")
        for key in spec.options:
            if not isinstance(key, str) or not key.isprintable():
                raise JobError(f"stage '{spec.name}' has no option {shown_value(key)}")


def source_problem(source: Path) -> str | None:
    """What is wrong with this source folder, as the CLI and the app both word it, or None."""
    path = Path(os.path.abspath(source))
    if not path.exists():
        return f"source folder '{source}' does not exist"
    if not path.is_dir():
        return f"source '{source}' is not a folder"
    if not os.access(path, os.R_OK | os.X_OK):
        return f"source folder '{source}' cannot be read (permission denied)"
    return None


def target_problem(source: Path, target: Path) -> str | None:
    """What is wrong with this target for this source, or None; the target may not exist.
    Folders are compared by identity (`roots.overlap_problem`), so a bind mount, a symlink
    or `..` cannot hide that they are one, or that the target lies inside the source."""
    overlap = overlap_problem(source, target)
    if overlap:
        return overlap
    if os.path.exists(target) and not os.path.isdir(target):
        return f"target '{target}' exists and is not a folder"
    return None


def backend_problem(backend: Backend, scheduler: str) -> str | None:
    """What is wrong with this choice of backend and scheduler address, or None."""
    if backend is Backend.LOCAL:
        return "a scheduler address needs the dask backend" if scheduler else None
    if scheduler:
        scheme, sep, rest = scheduler.partition("://")
        if not sep or scheme not in SCHEDULER_SCHEMES or not rest:
            return (
                f"scheduler address '{scheduler}' is not a Dask address; "
                "write it like tcp://host:8786"
            )
    if find_spec("distributed") is None:
        return "the dask backend needs the optional extra: pip install 'conveyor[dask]'"
    return None


def parse_stage(text: str) -> StageSpec:
    """Parse `NAME[:key=value,...]`; values may be quoted to hold commas or spaces."""
    name, _, rest = text.partition(":")
    name = name.strip()
    if not name:
        raise JobError(f"'{printable(text)}' names no stage (use NAME or NAME:key=value,...)")
    options: dict[str, str] = {}
    for item in _split_options(rest, text):
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise JobError(
                f"stage option '{printable(item)}' in '{printable(text)}' is not key=value"
            )
        options[key.strip()] = value
    return StageSpec(name, options)


def _split_options(rest: str, whole: str) -> list[str]:
    """Split on commas outside quotes; inside quotes a backslash takes the next character."""
    items: list[str] = []
    current: list[str] = []
    quote = ""
    chars = iter(rest)
    for ch in chars:
        if quote:
            if ch == "\\":
                current.append(next(chars, ""))
            elif ch == quote:
                quote = ""
            else:
                current.append(ch)
        elif ch in "\"'":
            quote = ch
        elif ch == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    if quote:
        raise JobError(f"unclosed quote in stage '{printable(whole)}'")
    if current or items:
        items.append("".join(current))
    return [item for item in items if item.strip()]


JOB_KEYS = frozenset(each.name for each in fields(Job))
"""The keys a job file may hold: the Job's fields."""


def load_job_file(path: Path) -> dict[str, Any]:
    """Read a TOML job file into `Job` field values; relative folders are taken from its folder."""
    return job_values(_parse_toml(_read_job_file(path), f"job file '{_shown(path)}'"), path)


def _read_job_file(path: Path) -> str:
    """The text of a job file, which must be a regular file of at most MAX_JOB_FILE_BYTES
    (`/dev/zero` never ends). Anything else is refused before it is opened (opening some
    devices has effects of its own), and it is opened without blocking, in case it was
    swapped for a FIFO meanwhile (opening a FIFO waits for a writer, forever)."""
    name = f"job file '{_shown(path)}'"
    if not os.fspath(path):
        raise JobError("job file name is empty; give a TOML file: --job FILE.toml")
    try:
        _check_job_file_kind(name, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise JobError(f"{name} does not exist") from None
    except PermissionError:
        raise JobError(f"{name} cannot be read (permission denied)") from None
    except ValueError:
        raise JobError(f"{name} holds a NUL character") from None
    except OSError as exc:
        raise JobError(f"{name} cannot be opened: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        _check_job_file_kind(name, info.st_mode)
        too_big = f"{name} is larger than {MAX_JOB_FILE_BYTES >> 20} MiB; a job file is a few lines"
        if info.st_size > MAX_JOB_FILE_BYTES:
            raise JobError(too_big)
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_JOB_FILE_BYTES + 1)
        if len(data) > MAX_JOB_FILE_BYTES:
            raise JobError(too_big)
    except OSError as exc:
        raise JobError(f"{name} cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JobError(f"{name} is not valid TOML: {exc}") from None


def _check_job_file_kind(name: str, mode: int) -> None:
    """Refuse a job file that is not a regular file, saying what it is instead."""
    if stat.S_ISDIR(mode):
        raise JobError(f"{name} is a folder, not a TOML file")
    if not stat.S_ISREG(mode):
        raise JobError(
            f"{name} is not a regular file (a pipe, device or socket); save the job to a file"
        )


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    import tomllib  # here, not at the top: workers and most runs never read TOML

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise JobError(f"{name} is not valid TOML: {exc}") from None
    except RecursionError:
        raise JobError(f"{name} is not valid TOML: its values are nested too deeply") from None


def _shown(path: Path | str) -> str:
    """A path as a message quotes it, on one line and free of controls."""
    return printable(os.fspath(path))


def job_from_text(text: str) -> Job:
    """A job saved as TOML text (the app keeps the last one in its settings this way)."""
    values = job_values(_parse_toml(text, "saved job"), Path("saved job"))
    if "source" not in values or "target" not in values:
        raise JobError("saved job names no source or target")
    return Job(**values)


def job_values(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Check parsed TOML against the job format and turn it into `Job` field values."""
    unknown = set(data) - JOB_KEYS - LEGACY_KEYS
    if unknown:
        raise JobError(
            f"job file '{_shown(path)}' has unknown key "
            f"{', '.join(printable(key) for key in sorted(unknown))} "
            f"(known: {', '.join(sorted(JOB_KEYS))})"
        )
    values: dict[str, Any] = {}
    where = f"job file '{_shown(path)}'"
    base = path.parent
    for key in ("source", "target"):
        if key in data:
            folder = expect(where, key, data[key], str)
            if not folder or "\0" in folder:
                what = "must not be empty" if not folder else "must not hold a NUL character"
                raise JobError(f"{where}: '{key}' {what}")
            values[key] = base / Path(folder)
    for each in SETTINGS:
        if each.key in data:
            values[each.key] = each.from_toml(data[each.key], where)
    if "stages" in data:
        values["stages"] = tuple(
            _stage_from_table(where, table)
            for table in expect(where, "stages", data["stages"], list)
        )
    return values


def _stage_from_table(where: str, table: Any) -> StageSpec:
    if not isinstance(table, Mapping) or not isinstance(table.get("name"), str):
        raise JobError(f'{where}: each [[stages]] entry needs a name = "..."')
    options = {k: v for k, v in table.items() if k != "name"}
    return StageSpec(table["name"], options)


_FILE_FIRST = ("workers", "if_exists")
"""The settings a job file lists first, after the folders, as saved jobs always have; the
others follow in the Job's order, and the [[stages]] tables come last."""


def dump_job_file(job: Job) -> str:
    """The TOML text of a job, as `load_job_file` reads it back (the app saves jobs with it)."""
    lines = [f"source = {toml_str(str(job.source))}", f"target = {toml_str(str(job.target))}"]
    for each in sorted(SETTINGS, key=lambda each: each.key not in _FILE_FIRST):
        lines.append(f"{each.key} = {each.to_toml(getattr(job, each.key))}")
    for spec in job.stages:
        lines += ["", "[[stages]]", f"name = {toml_str(spec.name)}"]
        for key, value in spec.options.items():
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    return toml_str(str(value))
