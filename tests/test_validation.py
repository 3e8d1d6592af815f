"""Check first, then start: the whole job is checked before a worker starts or a byte is
written, and a bad value is exit status 2 with one line saying what to fix.

The CLI tables of bad values live with their front-ends (tests/test_cli.py, job files in
tests/test_job_file.py); here are the promises about *when* a job is refused, and the checks
`Job.validated()` makes for every front-end, the library API included.
"""

from __future__ import annotations

import math
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
from helpers import ENGINE, Engine, assert_usage_error, write_tree

from engine.errors import JobError
from engine.job import (
    MAX_CLUSTER_WORKERS,
    MAX_RETRIES,
    MAX_WORKERS_PER_CPU,
    MIN_WORKER_LIMIT,
    Backend,
    IfExists,
    Job,
    max_workers,
    parse_size,
)
from engine.stages import Option, StageSpec

REFUSAL_S = 10.0
"""A refused job answers in well under a second; the bug this guards against took 27 s."""


def spawned_workers(process: psutil.Process) -> set[int]:
    """PIDs of the spawned worker processes below `process` right now."""
    found = set()
    try:
        children = process.children(recursive=True)
    except psutil.Error:
        return found
    for child in children:
        try:
            if any("spawn_main" in part for part in child.cmdline()):
                found.add(child.pid)
        except psutil.Error:
            continue
    return found


def run_watching_workers(*args: str | os.PathLike[str]) -> tuple[Any, set[int], float]:
    """Run the CLI, looking for worker processes below it until it ends; return its result,
    the workers seen and how long it took."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [*ENGINE, *map(os.fspath, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    engine = psutil.Process(proc.pid)
    seen: set[int] = set()
    try:
        while proc.poll() is None and time.monotonic() - started < 60:
            seen |= spawned_workers(engine)
            time.sleep(0.005)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    result = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    return result, seen, time.monotonic() - started


# --- when a job is refused -------------------------------------------------------------------


def test_too_many_workers_into_the_source_are_refused_at_once_without_starting_one(
    src: Path,
) -> None:
    """The reported case: `-w 300` into a target inside the source started 66 workers
    (1.1 GB) and refused the job only 27 s later."""
    write_tree(src, {"a.txt": "a"})
    result, workers, elapsed = run_watching_workers("run", src, src / "inner", "-w", "300")
    assert_usage_error(result, "inside the source folder")
    assert workers == set()
    assert elapsed < REFUSAL_S
    assert not (src / "inner").exists()


def test_too_many_workers_are_refused_saying_why(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    result, workers, elapsed = run_watching_workers("run", src, dst, "-w", "300")
    assert_usage_error(result, "workers must be at most")
    assert "memory and contention" in result.stderr
    assert workers == set()
    assert elapsed < REFUSAL_S
    assert not dst.exists()


def test_a_job_refused_by_its_check_creates_no_log_file(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    log = tmp_path / "run.log"
    result = engine("run", src, dst, "--retries", "-1", "--log-file", log)
    assert_usage_error(result, "retries must be between 0 and 100")
    assert not log.exists()
    assert not dst.exists()


def test_a_job_refused_when_it_starts_creates_no_log_file(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    """Some refusals need the source listed (a file named like the manifest a stage
    writes): the log file is created only once the job has started."""
    write_tree(src, {"SHA256SUMS": "a source file named like the manifest"})
    log = tmp_path / "run.log"
    result = engine("run", src, dst, "--stage", "checksum", "--log-file", log)
    assert_usage_error(result, "would be written over the 'SHA256SUMS'")
    assert not log.exists()
    assert not dst.exists()


def test_a_log_file_is_created_once_the_job_runs(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    log = tmp_path / "run.log"
    result = engine("run", src, dst, "-w", "1", "--log-file", log)
    assert result.returncode == 0, result.stderr
    assert "\tdone\ta.txt\t" in log.read_text()


@pytest.mark.parametrize("which", ["source", "target"])
def test_an_empty_folder_argument_is_refused_not_taken_as_the_current_folder(
    engine: Engine, tmp_path: Path, src: Path, which: str
) -> None:
    """`engine run "$SRC" "$DST"` with a variable unset: Path("") is the current folder,
    which must neither be copied nor copied into."""
    write_tree(src, {"a.txt": "a"})
    here = tmp_path / "cwd"
    here.mkdir()
    args = [src, ""] if which == "target" else ["", tmp_path / "out"]
    result = engine("run", *args, cwd=here)
    assert_usage_error(result, f"{which} folder is empty")
    assert list(here.iterdir()) == []
    assert not (tmp_path / "out").exists()


# --- Job.validated(): what every front-end, and the library, is checked against --------------


def job(tmp_path: Path, **values: Any) -> Job:
    """A job from an existing source to a new target, with `values` changed."""
    (tmp_path / "src").mkdir(exist_ok=True)
    return Job(**{"source": tmp_path / "src", "target": tmp_path / "dst", **values})


@pytest.mark.parametrize(
    ("values", "hint"),
    [
        ({"workers": True}, "workers must be a whole number"),
        ({"workers": 2.0}, "workers must be a whole number"),
        ({"bwlimit": True}, "bwlimit must be a whole number"),
        ({"retries": "3"}, "retries must be a whole number"),
        ({"file_timeout": True}, "file timeout must be a number"),
        ({"file_timeout": math.nan}, "file timeout must be 0 (none) or more"),
        ({"file_timeout": math.inf}, "file timeout must be 0 (none) or more"),
        ({"verify": "no"}, "verify must be true or false"),
        ({"dry_run": 1}, "dry run must be true or false"),
        ({"include": "*.txt"}, "include must be a list of globs"),
        ({"exclude": ("a\0b",)}, "holds a NUL character"),
        ({"exclude": ("",)}, "names no file or folder"),
        ({"if_exists": "clobber"}, "if-exists must be one of"),
        ({"backend": 1}, "backend must be one of"),
        ({"scheduler": None}, "is not a Dask address"),
        ({"stages": (StageSpec("co\npy"),)}, "unknown stage"),
        ({"stages": (StageSpec("exec", {"cmd": "cat\0"}),)}, "must not hold a NUL character"),
        ({"retries": MAX_RETRIES + 1}, "retries must be between 0 and 100"),
        ({"retries": -1}, "retries must be between 0 and 100"),
        ({"bwlimit": 1 << 80}, "bwlimit must be at most 1024G"),
        ({"file_timeout": 1e300}, "at most 2592000"),
    ],
)
def test_validated_refuses_a_value_of_the_wrong_type_or_range(
    tmp_path: Path, values: dict[str, Any], hint: str
) -> None:
    with pytest.raises(JobError, match=hint.replace("(", r"\(").replace(")", r"\)")):
        job(tmp_path, **values).validated()


@pytest.mark.parametrize("field", ["source", "target"])
def test_validated_refuses_a_folder_holding_a_nul_before_touching_the_disk(
    tmp_path: Path, field: str
) -> None:
    """os.stat would raise ValueError (a traceback) on it."""
    with pytest.raises(JobError, match="holds a NUL character"):
        job(tmp_path, **{field: tmp_path / "a\0b"}).validated()


def test_validated_refuses_an_empty_folder_given_as_text(tmp_path: Path) -> None:
    with pytest.raises(JobError, match="source folder is empty"):
        Job("", tmp_path / "dst").validated()  # type: ignore[arg-type]


def test_validated_takes_enum_values_given_as_text(tmp_path: Path) -> None:
    checked = job(
        tmp_path, if_exists="skip", backend="local", file_timeout=5, include=["*.txt"]
    ).validated()
    assert checked.if_exists is IfExists.SKIP
    assert checked.backend is Backend.LOCAL
    assert checked.file_timeout == 5.0 and isinstance(checked.file_timeout, float)
    assert checked.include == ("*.txt",)


def test_local_workers_are_bounded_by_a_few_per_cpu_with_a_floor(tmp_path: Path) -> None:
    limit = max_workers(Backend.LOCAL, "")
    assert limit == max(MIN_WORKER_LIMIT, MAX_WORKERS_PER_CPU * len(os.sched_getaffinity(0)))
    assert job(tmp_path, workers=limit).validated().workers == limit
    with pytest.raises(JobError, match=f"workers must be at most {limit} on this machine"):
        job(tmp_path, workers=limit + 1).validated()


def test_workers_of_a_running_dask_cluster_are_bounded_generously() -> None:
    assert max_workers(Backend.DASK, "tcp://sched:8786") == MAX_CLUSTER_WORKERS
    assert max_workers(Backend.DASK, "") == max_workers(Backend.LOCAL, "")


# --- parsers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("nan", "finite"),
        ("inf", "finite"),
        ("-inf", "finite"),
        ("1e400", "finite"),
        ("1e400G", "finite"),
        ("0.5", "less than one byte"),
        ("-1k", "must not be negative"),
    ],
)
def test_parse_size_refuses_what_is_no_rate(text: str, hint: str) -> None:
    with pytest.raises(JobError, match=hint):
        parse_size(text)


NUMBER = Option("n", "int", 1, "help", minimum=0)
SECONDS = Option("s", "float", 0.0, "help", minimum=0)
TEXT = Option("t", "text", "", "help")
FLAG = Option("f", "bool", False, "help")


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        (SECONDS, "nan", "must be a finite number"),
        (SECONDS, "inf", "must be a finite number"),
        (SECONDS, "1e400", "must be a finite number"),
        (SECONDS, math.nan, "must be a finite number"),
        (SECONDS, True, "must be a number"),
        (NUMBER, 2.5, "must be a whole number"),
        (NUMBER, math.inf, "must be a whole number"),
        (NUMBER, [1], "must be a whole number"),
        (FLAG, 1, "must be true or false"),
        (TEXT, ["cat"], "must be text"),
        (TEXT, True, "must be text"),
        (TEXT, "a\0b", "must not hold a NUL character"),
        (FLAG, "yes\0", "must not hold a NUL character"),
    ],
)
def test_option_parse_refuses_wrong_types_non_finite_numbers_and_nul(
    option: Option, value: object, hint: str
) -> None:
    with pytest.raises(JobError, match=hint):
        option.parse("s", value)


def test_option_parse_takes_a_whole_float_as_an_int_and_a_number_as_text() -> None:
    """TOML writes `level = 3.0` or `max = 1600` naturally."""
    assert NUMBER.parse("s", 3.0) == 3 and isinstance(NUMBER.parse("s", 3.0), int)
    assert TEXT.parse("s", 1600) == "1600"
