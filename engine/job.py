"""A job: everything that defines one run, as a frozen value the CLI, the app and files share."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path
from typing import Any, TypeVar

from engine.errors import JobError
from engine.executor.launch import cpu_count
from engine.filters import PathFilter
from engine.names import printable
from engine.stages import Stage, StageSpec, build


class Backend(StrEnum):
    """Where the workers run."""

    LOCAL = "local"
    """Worker processes on this machine."""
    DASK = "dask"
    """Workers of a Dask cluster that see the source and target at the same paths."""


SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx", "inproc")


class IfExists(StrEnum):
    """What to do when a file's target already exists."""

    CHANGED = "changed"
    """Skip when size and mtime match (rsync's quick check), so re-runs are fast no-ops."""
    SKIP = "skip"
    OVERWRITE = "overwrite"
    NEWER = "newer"
    """Replace only when the source is newer than the target."""
    RENAME = "rename"
    """Keep both: a differing target stays, the new file lands as `name (1).ext`."""


@dataclass(frozen=True)
class Job:
    source: Path
    target: Path
    workers: int = field(default_factory=cpu_count)
    """Worker processes; with a Dask scheduler, how many of its workers to use (0: all)."""
    stages: tuple[StageSpec, ...] = (StageSpec("copy"),)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    if_exists: IfExists = IfExists.CHANGED
    verify: bool = False
    dry_run: bool = False
    follow_symlinks: bool = False
    bwlimit: int = 0
    """Bytes per second per worker; 0 for no limit."""
    retries: int = 1
    """Further tries for a file whose worker died or that changed while being copied."""
    file_timeout: float = 0.0
    """Seconds one file may take before its worker abandons it; 0 for no limit."""
    fsync: bool = False
    """Flush each file to the disk before renaming it into place."""
    hard_links: bool = False
    """Recreate hard links among the source files instead of copying each name."""
    backend: Backend = Backend.LOCAL
    scheduler: str = ""
    """Address of a running Dask scheduler; empty starts a cluster on this machine."""

    @property
    def path_filter(self) -> PathFilter:
        return PathFilter(self.include, self.exclude)

    def build_stages(self) -> tuple[Stage, ...]:
        return tuple(build(spec) for spec in self.stages)

    def validated(self) -> Job:
        """Check everything that can be checked before a byte is written; raise JobError."""
        for problem in (source_problem(self.source), target_problem(self.source, self.target)):
            if problem:
                raise JobError(problem)
        if self.workers < 1 and not (self.workers == 0 and self.scheduler):
            raise JobError(
                f"workers must be at least 1 (0: all of a Dask cluster's), not {self.workers}"
            )
        if self.bwlimit < 0:
            raise JobError("bwlimit must not be negative")
        if self.retries < 0:
            raise JobError(f"retries must be 0 or more, not {self.retries}")
        if self.file_timeout < 0:
            raise JobError(
                f"file timeout must be 0 (none) or more seconds, not {self.file_timeout}"
            )
        problem = backend_problem(self.backend, self.scheduler)
        if problem:
            raise JobError(problem)
        if not self.stages:
            raise JobError("a job needs at least one stage (use 'copy' for a plain copy)")
        self.build_stages()
        source, target = Path(os.path.abspath(self.source)), Path(os.path.abspath(self.target))
        return replace(self, source=source, target=target)


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
    """What is wrong with this target for this source, or None; the target may not exist."""
    real_source = Path(os.path.realpath(os.path.abspath(source)))
    real_target = Path(os.path.realpath(os.path.abspath(target)))
    if real_target == real_source:
        return "target folder is the source folder; choose a different target"
    if real_source in real_target.parents:
        return f"target folder '{target}' is inside the source folder; choose a target outside it"
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


def parse_backend(text: str) -> Backend:
    return _choice(Backend, "backend", text)


def parse_size(text: str) -> int:
    """`10M`, `512k`, `1.5G` or a plain byte count, as rsync's --bwlimit reads them."""
    value = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = 1
    for suffix, factor in (("K", 1024), ("M", 1024**2), ("G", 1024**3)):
        if value.endswith(suffix):
            value, scale = value[:-1], factor
            break
    try:
        number = float(value)
    except ValueError:
        raise JobError(f"'{text}' is not a size (use e.g. 500k, 10M, 1G)") from None
    if number < 0:
        raise JobError(f"'{text}' is not a size (it must not be negative)")
    return int(number * scale)


def parse_stage(text: str) -> StageSpec:
    """Parse `NAME[:key=value,...]`; values may be quoted to hold commas or spaces."""
    name, _, rest = text.partition(":")
    name = name.strip()
    if not name:
        raise JobError(f"'{text}' names no stage (use NAME or NAME:key=value,...)")
    options: dict[str, str] = {}
    for item in _split_options(rest, text):
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise JobError(f"stage option '{item}' in '{text}' is not key=value")
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
        raise JobError(f"unclosed quote in stage '{whole}'")
    if current or items:
        items.append("".join(current))
    return [item for item in items if item.strip()]


JOB_KEYS = {
    "source",
    "target",
    "workers",
    "stages",
    "include",
    "exclude",
    "if_exists",
    "verify",
    "dry_run",
    "follow_symlinks",
    "bwlimit",
    "retries",
    "file_timeout",
    "fsync",
    "hard_links",
    "backend",
    "scheduler",
}


def load_job_file(path: Path) -> dict[str, Any]:
    """Read a TOML job file into `Job` field values; relative folders are taken from its folder."""
    import tomllib  # here, not at the top: workers and most runs never read TOML

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise JobError(f"job file '{path}' does not exist") from None
    except PermissionError:
        raise JobError(f"job file '{path}' cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise JobError(f"job file '{path}' is a folder, not a TOML file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise JobError(f"job file '{path}' is not valid TOML: {exc}") from None
    return job_values(data, path)


def job_from_text(text: str) -> Job:
    """A job saved as TOML text (the app keeps the last one in its settings this way)."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise JobError(f"saved job is not valid TOML: {exc}") from None
    values = job_values(data, Path("saved job"))
    if "source" not in values or "target" not in values:
        raise JobError("saved job names no source or target")
    return Job(**values)


def job_values(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Check parsed TOML against the job format and turn it into `Job` field values."""
    unknown = set(data) - JOB_KEYS
    if unknown:
        raise JobError(
            f"job file '{path}' has unknown key {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(JOB_KEYS))})"
        )
    values: dict[str, Any] = {}
    base = path.parent
    for key in ("source", "target"):
        if key in data:
            values[key] = base / Path(_expect(path, key, data[key], str))
    if "workers" in data:
        values["workers"] = _expect(path, "workers", data["workers"], int)
    for key in ("include", "exclude"):
        if key in data:
            items = _expect(path, key, data[key], list)
            values[key] = tuple(_expect(path, key, item, str) for item in items)
    for key in ("verify", "dry_run", "follow_symlinks", "fsync", "hard_links"):
        if key in data:
            values[key] = _expect(path, key, data[key], bool)
    if "retries" in data:
        values["retries"] = _expect(path, "retries", data["retries"], int)
    if "file_timeout" in data:
        raw = data["file_timeout"]
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise JobError(f"job file '{path}': 'file_timeout' must be a number, not {raw!r}")
        values["file_timeout"] = float(raw)
    if "backend" in data:
        values["backend"] = parse_backend(_expect(path, "backend", data["backend"], str))
    if "scheduler" in data:
        values["scheduler"] = _expect(path, "scheduler", data["scheduler"], str)
    if "if_exists" in data:
        values["if_exists"] = parse_if_exists(_expect(path, "if_exists", data["if_exists"], str))
    if "bwlimit" in data:
        raw = data["bwlimit"]
        values["bwlimit"] = raw if isinstance(raw, int) else parse_size(str(raw))
    if "stages" in data:
        values["stages"] = tuple(
            _stage_from_table(path, table)
            for table in _expect(path, "stages", data["stages"], list)
        )
    return values


def _stage_from_table(path: Path, table: Any) -> StageSpec:
    if not isinstance(table, Mapping) or not isinstance(table.get("name"), str):
        raise JobError(f"job file '{path}': each [[stages]] entry needs a name = \"...\"")
    options = {k: v for k, v in table.items() if k != "name"}
    return StageSpec(table["name"], options)


def _expect(path: Path, key: str, value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise JobError(f"job file '{path}': '{key}' must be a {kind.__name__}, not {value!r}")
    return value


def parse_if_exists(text: str) -> IfExists:
    return _choice(IfExists, "if-exists", text)


Choice = TypeVar("Choice", bound=StrEnum)


def _choice(kind: type[Choice], what: str, text: str) -> Choice:
    try:
        return kind(text)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise JobError(f"{what} must be one of {choices}, not '{text}'") from None


def dump_job_file(job: Job) -> str:
    """The TOML text of a job, as `load_job_file` reads it back (the app saves jobs with it)."""
    lines = [
        f"source = {_toml_str(str(job.source))}",
        f"target = {_toml_str(str(job.target))}",
        f"workers = {job.workers}",
        f'if_exists = "{job.if_exists.value}"',
        f"include = [{', '.join(_toml_str(g) for g in job.include)}]",
        f"exclude = [{', '.join(_toml_str(g) for g in job.exclude)}]",
        f"verify = {str(job.verify).lower()}",
        f"dry_run = {str(job.dry_run).lower()}",
        f"follow_symlinks = {str(job.follow_symlinks).lower()}",
        f"bwlimit = {job.bwlimit}",
        f"retries = {job.retries}",
        f"file_timeout = {job.file_timeout!r}",
        f"fsync = {str(job.fsync).lower()}",
        f"hard_links = {str(job.hard_links).lower()}",
        f'backend = "{job.backend.value}"',
        f"scheduler = {_toml_str(job.scheduler)}",
    ]
    for spec in job.stages:
        lines += ["", "[[stages]]", f"name = {_toml_str(spec.name)}"]
        for key, value in spec.options.items():
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_str(text: str) -> str:
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise JobError(
            f"'{printable(text)}' is not valid UTF-8, "
            "which a TOML job file cannot hold; rename it or run the job from the command line"
        )
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else _toml_escape(c) for c in escaped)
    return f'"{escaped}"'


def _toml_escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return repr(value)
    return _toml_str(str(value))
