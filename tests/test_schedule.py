"""`engine schedule`: jobs in the user's real crontab, beside the user's own lines, which are
never touched. Each test restores the crontab it found; tests that edit it take turns."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from helpers import run_engine, write_tree

from engine.schedule import cron_problem, next_runs

USERS_OWN = "17 5 * * 1 echo the user's own line # weekly\n"


@pytest.fixture
def crontab() -> Iterator[Path]:
    """The user's crontab, holding one line of the user's own, restored afterwards. One
    test at a time edits it, of every test session of this user on this machine."""
    if shutil.which("crontab") is None:
        pytest.skip("the crontab command is missing (apt-get install cron)")
    held = Path(tempfile.gettempdir()) / f"conveyor-tests-crontab-{os.getuid()}.lock"
    lock = open(held, "w")  # noqa: SIM115
    fcntl.flock(lock, fcntl.LOCK_EX)
    found = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    before = found.stdout if found.returncode == 0 else None
    subprocess.run(["crontab", "-"], input=USERS_OWN, text=True, check=True)
    try:
        yield Path("crontab")
    finally:
        if before is None:
            subprocess.run(["crontab", "-r"], capture_output=True, check=False)
        else:
            subprocess.run(["crontab", "-"], input=before, text=True, check=True)
        lock.close()


def current() -> str:
    return subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=True).stdout


def job_file(tmp_path: Path) -> Path:
    src = write_tree(tmp_path / "src", {"a.txt": "a"})
    path = tmp_path / "nightly.toml"
    path.write_text(f'source = "{src}"\ntarget = "{tmp_path / "dst"}"\n')
    return path


def test_add_installs_a_marked_line_and_shows_the_next_three_runs(
    crontab: Path, tmp_path: Path
) -> None:
    result = run_engine("schedule", "add", "--job", job_file(tmp_path), "--cron", "0 2 * * *")

    assert result.returncode == 0, result.stderr
    assert len([line for line in result.stdout.splitlines() if "next:" in line]) == 3
    assert all(" 02:00" in line for line in result.stdout.splitlines() if "next:" in line)
    text = current()
    assert USERS_OWN.strip() in text
    (ours,) = [line for line in text.splitlines() if "# conveyor:" in line]
    assert ours.startswith("0 2 * * * ") and "--job" in ours and "nightly.toml" in ours


def test_list_shows_only_our_lines_and_remove_leaves_the_users_own(
    crontab: Path, tmp_path: Path
) -> None:
    run_engine("schedule", "add", "--job", job_file(tmp_path), "--cron", "30 1 * * *")
    listed = run_engine("schedule", "list", "--json")
    (entry,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert entry["cron"] == "30 1 * * *"

    removed = run_engine("schedule", "remove", entry["id"])

    assert removed.returncode == 0, removed.stderr
    assert current().strip() == USERS_OWN.strip()
    assert run_engine("schedule", "list").stdout == ""


def test_a_bad_expression_is_a_usage_error_and_changes_nothing(
    crontab: Path, tmp_path: Path
) -> None:
    result = run_engine("schedule", "add", "--job", job_file(tmp_path), "--cron", "61 2 * * *")

    assert result.returncode == 2
    assert "is not valid" in result.stderr
    assert current() == USERS_OWN


def test_a_job_that_would_be_refused_is_refused_now(crontab: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(f'source = "{tmp_path / "missing"}"\ntarget = "{tmp_path / "dst"}"\n')

    result = run_engine("schedule", "add", "--job", bad, "--cron", "0 2 * * *")

    assert result.returncode == 2
    assert current() == USERS_OWN


def test_removing_an_unknown_id_is_a_usage_error(crontab: Path) -> None:
    result = run_engine("schedule", "remove", "nope")

    assert result.returncode == 2
    assert "no scheduled job 'nope'" in result.stderr
    assert current() == USERS_OWN


def test_the_installed_command_runs_the_job_and_records_it(crontab: Path, tmp_path: Path) -> None:
    """What cron would run, run now through a shell as cron does."""
    path = job_file(tmp_path)
    run_engine("schedule", "add", "--job", path, "--cron", "0 2 * * *")
    (line,) = [line for line in current().splitlines() if "# conveyor:" in line]
    command = line.split(" ", 5)[5].rsplit(" # conveyor:", 1)[0]

    subprocess.run(["sh", "-c", command], check=True, timeout=60)

    assert (tmp_path / "dst/a.txt").read_text() == "a"
    history = run_engine("history", "--json")
    assert json.loads(history.stdout.splitlines()[0])["outcome"] == "finished"


def test_expressions_are_checked_by_their_fields() -> None:
    assert cron_problem("0 2 * * *") is None
    assert "five fields" in str(cron_problem("0 2 * *"))
    assert "not valid" in str(cron_problem("0 25 * * *"))
    after = datetime(2026, 12, 7, 23, 0)
    assert [t.hour for t in next_runs("0 2 * * *", 3, after)] == [2, 2, 2]
