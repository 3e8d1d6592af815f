"""The `engine` command line, run for real as a subprocess: help, exit statuses, output modes."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import (
    ANSI,
    SUMMARY,
    Engine,
    assert_usage_error,
    run_on_terminal,
    snapshot,
    write_tree,
)

from engine import __version__


def three_files(src: Path) -> Path:
    return write_tree(src, {"a.txt": "alpha", "b.txt": "bravo", "sub/c.txt": "charlie"})


def occupy_with_folder(target: Path) -> None:
    """Put a non-empty folder where a file must land: renaming over it fails, even as root."""
    (target / "keep").mkdir(parents=True)
    (target / "keep" / "inside").write_text("not to be replaced")


def copy_times(source: Path, target: Path) -> None:
    info = source.stat()
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))


def stdout_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.strip()]


# --- help, version, stages -------------------------------------------------------------------


def test_version_prints_the_package_version(engine: Engine) -> None:
    result = engine("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"engine (Conveyor) {__version__}"


def test_run_help_shows_examples_and_exit_statuses(engine: Engine) -> None:
    result = engine("run", "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert "engine run photos/ /mnt/backup/photos -w 4" in result.stdout
    assert "--job" in result.stdout
    statuses = result.stdout[result.stdout.index("exit status") :]
    for code in ("0", "1", "2", "130", "143"):
        assert re.search(rf"\b{code}\b", statuses), f"exit status {code} not documented"


def test_stages_lists_copy_and_its_options(engine: Engine) -> None:
    result = engine("stages")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("copy: ") for line in lines)
    assert any(line.strip().startswith("match=glob") for line in lines)


# --- exit statuses ----------------------------------------------------------------------------


def test_exit_status_is_0_when_every_file_is_done_or_skipped(
    engine: Engine, src: Path, dst: Path
) -> None:
    three_files(src)
    assert engine("run", src, dst, "-w", "2").returncode == 0
    (src / "new.txt").write_text("added later")
    result = engine("run", src, dst, "-w", "2", "-v")
    assert result.returncode == 0, result.stderr
    assert "skipped  a.txt" in result.stdout
    assert "copied  new.txt" in result.stdout
    assert result.stderr == ""


def test_exit_status_is_1_when_a_file_fails(engine: Engine, src: Path, dst: Path) -> None:
    three_files(src)
    write_tree(src, {"keep": "a file whose target is a folder"})
    occupy_with_folder(dst)
    result = engine("run", src, dst, "-w", "2")
    assert result.returncode == 1
    assert "engine: failed: keep: the target is a folder" in result.stderr
    assert (dst / "keep" / "inside").read_text() == "not to be replaced"
    assert (dst / "a.txt").read_text() == "alpha"
    assert (dst / "sub" / "c.txt").read_text() == "charlie"


BadArgs = Callable[[Path, Path, Path], list[str | os.PathLike[str]]]


def _invalid_toml(tmp: Path) -> Path:
    path = tmp / "broken.toml"
    path.write_text('source = "a"\ntarget = \n')
    return path


BAD_INVOCATIONS: dict[str, tuple[BadArgs, str]] = {
    "source missing": (lambda t, s, d: ["run", t / "nope", d], "does not exist"),
    "source is a file": (lambda t, s, d: ["run", s / "a.txt", d], "is not a folder"),
    "target equal to source": (lambda t, s, d: ["run", s, s], "target folder is the source"),
    "target inside source": (lambda t, s, d: ["run", s, s / "inner"], "inside the source"),
    "target through a link into source": (
        lambda t, s, d: ["run", s, _link(t / "alias", s) / "inner"],
        "inside the source",
    ),
    "unknown stage": (lambda t, s, d: ["run", s, d, "--stage", "nosuch"], "unknown stage"),
    "unknown stage option": (
        lambda t, s, d: ["run", s, d, "--stage", "copy:colour=red"],
        "has no option colour",
    ),
    "stage option not key=value": (
        lambda t, s, d: ["run", s, d, "--stage", "copy:match"],
        "is not key=value",
    ),
    "bad bwlimit value": (lambda t, s, d: ["run", s, d, "--bwlimit", "fast"], "not a size"),
    "negative bwlimit": (lambda t, s, d: ["run", s, d, "--bwlimit=-1M"], "negative"),
    "workers not a number": (lambda t, s, d: ["run", s, d, "-w", "many"], "--workers"),
    "workers 0": (lambda t, s, d: ["run", s, d, "--workers", "0"], "at least 1"),
    "missing DST": (lambda t, s, d: ["run", s], "give a source and a target"),
    "unknown if-exists": (
        lambda t, s, d: ["run", s, d, "--if-exists", "clobber"],
        "if-exists must be one of",
    ),
    "unknown flag": (lambda t, s, d: ["run", s, d, "--frobnicate"], "--frobnicate"),
    "job file missing": (lambda t, s, d: ["run", "--job", t / "none.toml"], "does not exist"),
    "job file is a folder": (lambda t, s, d: ["run", s, d, "--job", t], "is a folder"),
    "job file invalid TOML": (
        lambda t, s, d: ["run", s, d, "--job", _invalid_toml(t)],
        "not valid TOML",
    ),
    "log file in a missing folder": (
        lambda t, s, d: ["run", s, d, "--log-file", t / "no" / "such" / "log.txt"],
        "cannot open log file",
    ),
    "log file is a folder": (lambda t, s, d: ["run", s, d, "--log-file", t], "it is a folder"),
    "log file name empty": (lambda t, s, d: ["run", s, d, "--log-file", ""], "empty file name"),
    "bwlimit nan": (lambda t, s, d: ["run", s, d, "--bwlimit", "nan"], "finite number"),
    "bwlimit inf": (lambda t, s, d: ["run", s, d, "--bwlimit", "inf"], "finite number"),
    "bwlimit overflowing": (lambda t, s, d: ["run", s, d, "--bwlimit", "1e400"], "finite number"),
    "bwlimit beyond any link": (
        lambda t, s, d: ["run", s, d, "--bwlimit", "1e300"],
        "bwlimit must be at most 1024G",
    ),
    "bwlimit below one byte": (
        lambda t, s, d: ["run", s, d, "--bwlimit", "0.5"],
        "less than one byte",
    ),
    "file timeout nan": (
        lambda t, s, d: ["run", s, d, "--file-timeout", "nan"],
        "'nan' is not a finite number of seconds",
    ),
    "file timeout inf": (
        lambda t, s, d: ["run", s, d, "--file-timeout", "inf"],
        "'inf' is not a finite number of seconds",
    ),
    "file timeout negative": (
        lambda t, s, d: ["run", s, d, "--file-timeout=-1"],
        "file timeout must be 0 (none) or more",
    ),
    "file timeout beyond 30 days": (
        lambda t, s, d: ["run", s, d, "--file-timeout", "1e9"],
        "at most 2592000",
    ),
    "retries negative": (
        lambda t, s, d: ["run", s, d, "--retries", "-1"],
        "retries must be between 0 and 100",
    ),
    "retries far too many": (
        lambda t, s, d: ["run", s, d, "--retries", "1000000"],
        "retries must be between 0 and 100",
    ),
    "workers negative": (lambda t, s, d: ["run", s, d, "-w", "-1"], "at least 1"),
    "workers far too many": (lambda t, s, d: ["run", s, d, "-w", "300"], "workers must be at most"),
    "include naming nothing": (
        lambda t, s, d: ["run", s, d, "--include", ""],
        "include pattern '' names no file or folder",
    ),
    "scheduler empty": (
        lambda t, s, d: ["run", s, d, "--scheduler", ""],
        "--scheduler is given an empty value",
    ),
    "float stage option nan": (
        lambda t, s, d: ["run", s, d, "--stage", "exec:cmd=cat,timeout=nan"],
        "option 'timeout' of stage 'exec' must be a finite number",
    ),
    "int stage option inf": (
        lambda t, s, d: ["run", s, d, "--stage", "gzip:level=inf"],
        "option 'level' of stage 'gzip' must be a whole number",
    ),
    "newline in a value": (
        lambda t, s, d: ["run", s, d, "--if-exists", "skip\nthen more"],
        "not 'skip\\nthen more'",
    ),
    "newline in an unknown flag": (lambda t, s, d: ["run", s, d, "--x\ny"], "--x\\ny"),
}


def _link(link: Path, to: Path) -> Path:
    link.symlink_to(to)
    return link


@pytest.mark.parametrize("case", list(BAD_INVOCATIONS))
def test_bad_invocation_exits_2_with_one_line_error_and_writes_nothing(
    engine: Engine, tmp_path: Path, src: Path, dst: Path, case: str
) -> None:
    three_files(src)
    before = snapshot(src)
    build_args, hint = BAD_INVOCATIONS[case]
    result = engine(*build_args(tmp_path, src, dst))
    assert_usage_error(result, hint)
    assert not dst.exists()
    assert not (src / "inner").exists()
    assert snapshot(src) == before


# --- output modes -----------------------------------------------------------------------------


def test_quiet_prints_only_the_summary_line(engine: Engine, src: Path, dst: Path) -> None:
    three_files(src)
    result = engine("run", src, dst, "-w", "2", "-q", "-v")
    assert result.returncode == 0
    lines = stdout_lines(result)
    assert len(lines) == 1, result.stdout
    assert SUMMARY.match(lines[0])
    assert "Copied 3 files" in lines[0]


def test_verbose_prints_one_line_per_file(engine: Engine, src: Path, dst: Path) -> None:
    three_files(src)
    (src / "link").symlink_to("a.txt")
    result = engine("run", src, dst, "-w", "2", "-v")
    assert result.returncode == 0
    *file_lines, summary = stdout_lines(result)
    assert SUMMARY.match(summary)
    assert sorted(line.split()[-1] for line in file_lines) == [
        "a.txt",
        "b.txt",
        "link",
        "sub/c.txt",
    ]
    assert all(line.split()[0] == "copied" for line in file_lines)


def test_plain_output_prints_no_progress_line_for_a_short_run(
    engine: Engine, src: Path, dst: Path
) -> None:
    three_files(src)
    result = engine("run", src, dst, "-w", "2")
    assert result.returncode == 0
    lines = stdout_lines(result)
    assert len(lines) == 1 and SUMMARY.match(lines[0]), result.stdout


def test_plain_output_prints_progress_lines_during_a_slow_run(
    engine: Engine, src: Path, dst: Path
) -> None:
    """Not a terminal: only a plain line every few seconds (5 s), so the run must last longer."""
    write_tree(src, {"slow.bin": os.urandom(3 << 20)})
    result = engine("run", src, dst, "-w", "1", "--bwlimit", "512K")
    assert result.returncode == 0
    *progress, summary = stdout_lines(result)
    assert SUMMARY.match(summary)
    assert len(progress) >= 1
    for line in progress:
        assert line.startswith("progress: ")
        assert "files" in line and "ETA" in line
        assert "\x1b" not in line and "\r" not in line


def test_terminal_shows_live_display_then_summary(src: Path, dst: Path) -> None:
    write_tree(src, {"one.bin": os.urandom(1 << 20), "two.bin": os.urandom(1 << 20)})
    returncode, drawn = run_on_terminal(
        ["run", src, dst, "-w", "2", "--bwlimit", "1M"], timeout_s=60
    )
    assert returncode == 0
    assert "\x1b[" in drawn, "no terminal control sequences: the live display never drew"
    plain = ANSI.sub("", drawn)
    assert "━" in plain, "no progress bar drawn"
    assert re.search(r"\d+/2 files, .+/s, ETA", plain)
    assert re.search(r"PID\s+S\s+CPU%\s+MEM\s+FILE", plain), "no table of worker processes"
    last = [line for line in plain.replace("\r", "\n").splitlines() if line.strip()][-1]
    assert SUMMARY.match(last.strip()), last
    assert "Copied 2 files" in last


def test_log_file_has_a_line_per_file_and_a_summary(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    three_files(src)
    write_tree(src, {"keep": "blocked"})
    occupy_with_folder(dst)
    (dst / "b.txt").write_text("bravo")  # same size and time as the source: unchanged
    copy_times(src / "b.txt", dst / "b.txt")
    log = tmp_path / "run.log"
    result = engine("run", src, dst, "-w", "2", "--log-file", log)
    assert result.returncode == 1
    lines = log.read_text().splitlines()
    *file_lines, summary = lines
    fates = {}
    for line in file_lines:
        fields = line.split("\t")
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", fields[0])
        fates[fields[2]] = fields[1]
    assert len(file_lines) == 4
    assert fates == {"a.txt": "done", "b.txt": "skipped", "sub/c.txt": "done", "keep": "failed"}
    assert summary.split("\t")[1] == "summary"
    assert SUMMARY.match(summary.split("\t")[2])


def test_failures_go_to_stderr_and_results_to_stdout(engine: Engine, src: Path, dst: Path) -> None:
    three_files(src)
    write_tree(src, {"keep": "blocked"})
    occupy_with_folder(dst)
    result = engine("run", src, dst, "-w", "2")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["engine: failed: keep: the target is a folder"]
    lines = stdout_lines(result)
    assert len(lines) == 1 and SUMMARY.match(lines[0])
    assert "failed 1" in lines[0]
