"""TOML job files: `engine run --job FILE`, overrides from the command line, and saving jobs."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import Engine, assert_usage_error, copied_files, json_events, write_tree

from engine.errors import JobError
from engine.job import MAX_JOB_FILE_BYTES, IfExists, Job, dump_job_file, load_job_file
from engine.stages import StageSpec


def toml_str(value: str | os.PathLike[str]) -> str:
    return json.dumps(os.fspath(value))  # a JSON string of plain text is a TOML basic string


def write_job(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    return path


def start_event(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    first = json_events(result)[0]
    assert first["event"] == "start"
    return first


def mixed_source(src: Path) -> Path:
    return write_tree(
        src,
        {"a.txt": "a", "notes.log": "log", "keep/b.txt": "b", "tmp/c.txt": "c", "img.png": "p"},
    )


def test_job_file_runs_with_every_setting(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    mixed_source(src)
    write_tree(dst, {"a.txt": "an older copy, kept by if_exists = skip"})
    job = write_job(
        tmp_path / "job.toml",
        f"""
source = {toml_str(src)}
target = {toml_str(dst)}
workers = 1
include = ["*.txt"]
exclude = ["tmp/**"]
if_exists = "skip"

[[stages]]
name = "copy"
""",
    )
    result = engine("run", "--job", job, "--json")
    assert result.returncode == 0, result.stderr
    assert start_event(result)["workers"] == 1
    assert start_event(result)["stages"] == ["copy"]
    assert copied_files(dst) == {"a.txt", "keep/b.txt"}
    assert (dst / "a.txt").read_text() == "an older copy, kept by if_exists = skip"


def test_relative_folders_in_a_job_file_are_taken_from_its_folder(
    engine: Engine, tmp_path: Path
) -> None:
    jobs = tmp_path / "jobs"
    write_tree(jobs, {"data/x.txt": "x", "data/sub/y.txt": "y"})
    job = write_job(jobs / "nightly.toml", 'source = "data"\ntarget = "out"\nworkers = 1\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = engine("run", "--job", job, "-q", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert copied_files(jobs / "out") == {"x.txt", "sub/y.txt"}
    assert list(elsewhere.iterdir()) == []


def test_command_line_exclude_replaces_the_job_files(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    mixed_source(src)
    job = write_job(
        tmp_path / "job.toml",
        f'source = {toml_str(src)}\ntarget = {toml_str(dst)}\nworkers = 1\nexclude = ["*.log"]\n',
    )
    result = engine("run", "--job", job, "--exclude", "*.txt", "-q")
    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"notes.log", "img.png"}


def test_command_line_workers_override_the_job_file(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    mixed_source(src)
    job = write_job(
        tmp_path / "job.toml", f"source = {toml_str(src)}\ntarget = {toml_str(dst)}\nworkers = 1\n"
    )
    result = engine("run", "--job", job, "-w", "2", "--json")
    assert result.returncode == 0, result.stderr
    assert start_event(result)["workers"] == 2


def test_command_line_folders_override_the_job_file(engine: Engine, tmp_path: Path) -> None:
    write_tree(tmp_path / "from_file", {"file.txt": "f"})
    write_tree(tmp_path / "from_args", {"args.txt": "a"})
    job = write_job(
        tmp_path / "job.toml",
        f"source = {toml_str(tmp_path / 'from_file')}\n"
        f"target = {toml_str(tmp_path / 'file_out')}\nworkers = 1\n",
    )
    result = engine("run", tmp_path / "from_args", tmp_path / "args_out", "--job", job, "-q")
    assert result.returncode == 0, result.stderr
    assert copied_files(tmp_path / "args_out") == {"args.txt"}
    assert not (tmp_path / "file_out").exists()


def test_job_file_without_a_target_needs_one_on_the_command_line(
    engine: Engine, tmp_path: Path, src: Path
) -> None:
    mixed_source(src)
    job = write_job(tmp_path / "job.toml", f"source = {toml_str(src)}\nworkers = 1\n")
    result = engine("run", "--job", job)
    assert_usage_error(result, "give a source and a target")


BAD_JOB_FILES: dict[str, tuple[str, str]] = {
    "unknown key": ('colour = "red"\n', "unknown key colour"),
    "workers as text": ('workers = "two"\n', "'workers' must be an integer"),
    "workers as bool": ("workers = true\n", "'workers' must be an integer"),
    "workers as float": ("workers = 2.0\n", "'workers' must be an integer"),
    "workers far too many": ("workers = 100000\n", "workers must be at most"),
    "include as text": ('include = "*.txt"\n', "'include' must be a list"),
    "exclude item not text": ("exclude = [1]\n", "'exclude' must be a string"),
    "exclude with a NUL": ('exclude = ["a\\u0000b"]\n', "holds a NUL character"),
    "exclude naming nothing": ('exclude = ["/"]\n', "names no file or folder"),
    "verify as text": ('verify = "yes"\n', "'verify' must be a boolean"),
    "if_exists unknown": ('if_exists = "clobber"\n', "if-exists must be one of"),
    "if_exists as number": ("if_exists = 1\n", "'if_exists' must be a string"),
    "bwlimit not a size": ('bwlimit = "fast"\n', "not a size"),
    "bwlimit as bool": ("bwlimit = true\n", "'bwlimit' must be an integer"),
    "bwlimit as float": ("bwlimit = 1.5\n", "'bwlimit' must be an integer"),
    "bwlimit nan": ('bwlimit = "nan"\n', "must be a finite number"),
    "bwlimit negative": ("bwlimit = -1\n", "must not be negative"),
    "bwlimit beyond any link": ("bwlimit = 9223372036854775807\n", "at most 1024G"),
    "retries negative": ("retries = -1\n", "retries must be between 0 and 100"),
    "retries far too many": ("retries = 1000000\n", "retries must be between 0 and 100"),
    "retries as bool": ("retries = true\n", "'retries' must be an integer"),
    "file_timeout nan": ("file_timeout = nan\n", "'file_timeout' must be a finite number"),
    "file_timeout inf": ("file_timeout = inf\n", "'file_timeout' must be a finite number"),
    "file_timeout as bool": ("file_timeout = true\n", "'file_timeout' must be a finite number"),
    "file_timeout negative": ("file_timeout = -1\n", "file timeout must be 0 (none) or more"),
    "file_timeout beyond 30 days": ("file_timeout = 1e12\n", "at most 2592000"),
    "scheduler with a NUL": (
        'backend = "dask"\nscheduler = "tcp://a\\u0000:1"\n',
        "is not a Dask address",
    ),
    "stage option nan": ('[[stages]]\nname = "exec"\ntimeout = nan\n', "a finite number"),
    "stage option whole number as float": (
        '[[stages]]\nname = "gzip"\nlevel = 2.5\n',
        "must be a whole number",
    ),
    "stage option text as a list": (
        '[[stages]]\nname = "exec"\ncmd = ["cat"]\n',
        "must be text",
    ),
    "stage option with a NUL": (
        '[[stages]]\nname = "exec"\ncmd = "cat\\u0000"\n',
        "must not hold a NUL character",
    ),
    "values nested too deeply": ("deep = " + "[" * 5000 + "\n", "nested too deeply"),
    "stages not a list": ('stages = "copy"\n', "'stages' must be a list"),
    "stage without a name": ("[[stages]]\nmatch = '*'\n", 'needs a name = "..."'),
    "unknown stage": ('[[stages]]\nname = "nosuch"\n', "unknown stage 'nosuch'"),
    "unknown stage option": ('[[stages]]\nname = "copy"\nlevel = 3\n', "has no option level"),
    "invalid TOML": ("workers = \n", "is not valid TOML"),
    "duplicate key": ("workers = 1\nworkers = 2\n", "is not valid TOML"),
}


@pytest.mark.parametrize("case", list(BAD_JOB_FILES))
def test_bad_job_file_exits_2_with_one_line_error(
    engine: Engine, tmp_path: Path, src: Path, dst: Path, case: str
) -> None:
    mixed_source(src)
    extra, hint = BAD_JOB_FILES[case]
    head = f"source = {toml_str(src)}\ntarget = {toml_str(dst)}\n"
    job = write_job(tmp_path / "job.toml", head + extra)
    result = engine("run", "--job", job)
    assert_usage_error(result, hint)
    assert not dst.exists()


@pytest.mark.parametrize("key", ["source", "target"])
def test_a_job_file_folder_holding_a_nul_exits_2_with_one_line_error(
    engine: Engine, tmp_path: Path, src: Path, dst: Path, key: str
) -> None:
    """TOML may spell a NUL (\\u0000); no path can hold one."""
    folders = {"source": toml_str(src), "target": toml_str(dst)}
    folders[key] = '"out\\u0000side"'
    job = write_job(
        tmp_path / "job.toml", f"source = {folders['source']}\ntarget = {folders['target']}\n"
    )
    result = engine("run", "--job", job)
    assert_usage_error(result, f"'{key}' must not hold a NUL character")
    assert not dst.exists()


@pytest.mark.parametrize("key", ["source", "target"])
def test_an_empty_folder_in_a_job_file_is_refused_not_taken_as_the_files_folder(
    engine: Engine, tmp_path: Path, src: Path, dst: Path, key: str
) -> None:
    """Relative folders are taken from the job file's folder, so "" would silently mean it."""
    folders = {"source": toml_str(src), "target": toml_str(dst)}
    folders[key] = '""'
    job = write_job(
        tmp_path / "jobs" / "job.toml",
        f"source = {folders['source']}\ntarget = {folders['target']}\n",
    )
    result = engine("run", "--job", job)
    assert_usage_error(result, f"'{key}' must not be empty")
    assert not dst.exists()
    assert sorted(p.name for p in (tmp_path / "jobs").iterdir()) == ["job.toml"]


def test_a_job_file_that_is_a_fifo_is_refused_without_waiting_for_a_writer(
    engine: Engine, tmp_path: Path
) -> None:
    """Opening a FIFO for reading blocks until someone writes: the job file is opened
    without blocking and must be a regular file."""
    fifo = tmp_path / "job.toml"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = engine("run", "--job", fifo)
    assert_usage_error(result, "is not a regular file")
    assert time.monotonic() - started < 20


def test_a_job_file_that_never_ends_is_refused_unread(engine: Engine) -> None:
    """`/dev/zero` would be read until memory runs out."""
    result = engine("run", "--job", "/dev/zero")
    assert_usage_error(result, "is not a regular file")


def test_a_job_file_larger_than_a_mebibyte_is_refused(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    padding = "# " + "x" * 100 + "\n"
    body = f"source = {toml_str(src)}\ntarget = {toml_str(dst)}\n" + padding * 11_000
    job = write_job(tmp_path / "job.toml", body)
    assert job.stat().st_size > MAX_JOB_FILE_BYTES
    result = engine("run", "--job", job)
    assert_usage_error(result, "is larger than 1 MiB")
    assert not dst.exists()


def test_a_job_file_below_a_plain_file_is_refused_with_the_reason(
    engine: Engine, tmp_path: Path
) -> None:
    """A path through a file (ENOTDIR) is neither missing nor a permission problem."""
    (tmp_path / "plain").write_text("not a folder")
    result = engine("run", "--job", tmp_path / "plain" / "job.toml")
    assert_usage_error(result, "cannot be opened: Not a directory")


def test_an_empty_job_file_name_is_refused(engine: Engine, src: Path, dst: Path) -> None:
    """`--job ""` (an unset variable) must not be ignored, nor read the current folder."""
    result = engine("run", src, dst, "--job", "")
    assert_usage_error(result, "--job is given an empty value")
    assert not dst.exists()


def test_missing_job_file_exits_2_with_one_line_error(engine: Engine, tmp_path: Path) -> None:
    result = engine("run", "--job", tmp_path / "absent.toml")
    assert_usage_error(result, "does not exist")
    assert result.stderr.splitlines() == [
        f"engine: error: job file '{tmp_path / 'absent.toml'}' does not exist"
    ]


def test_job_file_that_is_not_utf8_exits_2_with_one_line_error(
    engine: Engine, tmp_path: Path, dst: Path
) -> None:
    job = tmp_path / "latin1.toml"
    job.write_bytes(b'source = "caf\xe9"\ntarget = ' + toml_str(dst).encode() + b"\n")
    result = engine("run", "--job", job)
    assert_usage_error(result, "is not valid TOML")
    assert not dst.exists()


def round_trip(job: Job, tmp_path: Path) -> Job:
    path = tmp_path / "saved.toml"
    path.write_text(dump_job_file(job), encoding="utf-8", errors="surrogateescape")
    return Job(**load_job_file(path))


def test_dump_job_file_round_trips_through_load_job_file(tmp_path: Path) -> None:
    job = Job(
        source=tmp_path / 'My "Photos" \\ 2024 ★',
        target=tmp_path / "backup\tcopy",
        workers=3,
        stages=(StageSpec("copy", {"match": "*.jpg;*.png"}),),
        include=("**/*.jpg", "it's [a-z]?.png"),
        exclude=("tmp/**", 'say "hi"'),
        if_exists=IfExists.NEWER,
        verify=True,
        dry_run=True,
        follow_symlinks=True,
        bwlimit=10 << 20,
    )
    assert round_trip(job, tmp_path) == job


def test_dump_job_file_round_trips_the_defaults(tmp_path: Path) -> None:
    job = Job(source=tmp_path / "in", target=tmp_path / "out")
    assert round_trip(job, tmp_path) == job


def test_dump_job_file_round_trips_invisible_characters_beyond_the_bmp(tmp_path: Path) -> None:
    """U+E0001 (a format character) is not printable, so it is escaped, with 8 hex digits."""
    job = Job(source=tmp_path / "tag\U000e0001name", target=tmp_path / "out")
    assert round_trip(job, tmp_path) == job


def test_dump_job_file_never_writes_a_file_that_load_rejects(tmp_path: Path) -> None:
    """A folder whose name is not UTF-8 cannot be saved as TOML: refuse it when saving."""
    job = Job(source=Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9")), target=tmp_path)
    try:
        text = dump_job_file(job)
    except (JobError, ValueError):
        return  # refusing to save is fine; writing a file that cannot be loaded is not
    path = tmp_path / "saved.toml"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    assert Job(**load_job_file(path)) == job
