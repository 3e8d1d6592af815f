"""`engine run` on a real terminal with a real shell's job control: Ctrl-Z stops the whole
job and `fg`/`bg` continue it, the live display is silent in the background, a stop does not
count against a file's time limit, and a closed terminal does not lose the job."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from helpers import ENGINE, Launch, Terminal, alive, run_engine, temp_files, wait_for, write_tree

from engine import registry

KiB = 1024
SLOW = ["-w", "2", "--bwlimit", "128K"]
"""Two workers at 128 KiB/s each: 2 MiB of files take about 8 s."""


@pytest.fixture
def shell() -> Iterator[Terminal]:
    terminal = Terminal(["bash", "--norc", "--noprofile", "-i"], env={"PS1": "$ "})
    terminal.read_until(r"\$ ")
    yield terminal
    terminal.close()


@pytest.fixture(autouse=True)
def no_job_left_behind(src: Path) -> Iterator[None]:
    """Whatever a test leaves stopped or running of its job is ended with it."""
    yield
    for entry in registry.entries():
        if entry.source == str(src):
            with contextlib.suppress(ProcessLookupError):
                os.kill(entry.pid, signal.SIGCONT)
                os.kill(entry.pid, signal.SIGTERM)
            with contextlib.suppress(psutil.Error):
                psutil.Process(entry.pid).wait(timeout=20)


def the_job(src: Path) -> registry.Entry:
    """The running job copying `src`, once it has registered."""
    found: list[registry.Entry] = []

    def registered() -> bool:
        found[:] = [entry for entry in registry.entries() if entry.source == str(src)]
        return bool(found)

    wait_for(registered, "the job to register", timeout=20)
    return found[0]


def whole_job(entry: registry.Entry) -> list[psutil.Process]:
    job = psutil.Process(entry.pid)
    return [job, *job.children(recursive=True)]


def all_stopped(entry: registry.Entry) -> bool:
    """Every process of the job stopped (or, had one just ended, left for the stopped job
    to reap)."""
    ended = (psutil.STATUS_STOPPED, psutil.STATUS_ZOMBIE)
    return all(p.status() in ended for p in whole_job(entry))


def none_stopped(entry: registry.Entry) -> bool:
    return all(p.status() != psutil.STATUS_STOPPED for p in whole_job(entry))


def bytes_in(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def engine_line(*args: str | Path) -> str:
    return shlex.join([*ENGINE, *map(str, args)]) + "\n"


def exit_status(shell: Terminal, entry: registry.Entry) -> int:
    """The exit status of the job, once it ended in the shell's foreground (reading what it
    draws meanwhile: a terminal nobody reads fills up and blocks its writers)."""
    job = psutil.Process(entry.pid)
    wait_for(lambda: (shell.read_for(0.2), not alive(job))[1], "the job to end", timeout=60)
    shell.type("echo rc=$?\n")
    return int(shell.read_until(r"rc=(\d+)").group(1))


def files_of(size_kib: int, count: int) -> dict[str, bytes]:
    return {f"f{i:02}.bin": os.urandom(size_kib * KiB) for i in range(count)}


def test_ctrl_z_stops_the_job_and_its_workers_and_fg_continues_it(
    shell: Terminal, src: Path, dst: Path
) -> None:
    write_tree(src, files_of(128, 16))
    shell.type(engine_line("run", src, dst, *SLOW))
    entry = the_job(src)
    wait_for(lambda: bytes_in(dst) > 0, "the copying to begin")

    shell.type("\x1a")  # Ctrl-Z

    wait_for(lambda: all_stopped(entry), "the job and every worker to stop")
    shell.read_until(r"Stopped")
    written = bytes_in(dst)
    time.sleep(1.0)
    assert bytes_in(dst) == written
    shell.type("fg\n")
    assert exit_status(shell, entry) == 0
    assert sorted(path.name for path in dst.iterdir()) == sorted(files_of(1, 16))
    assert temp_files(dst) == []


def test_in_the_background_the_display_is_silent_and_fg_brings_it_back(
    shell: Terminal, src: Path, dst: Path
) -> None:
    write_tree(src, files_of(128, 16))
    shell.type(engine_line("run", src, dst, *SLOW))
    entry = the_job(src)
    shell.read_until(r"files, ")  # the live display draws
    shell.type("\x1a")
    shell.read_until(r"Stopped")
    shell.type("bg\n")
    wait_for(lambda: none_stopped(entry), "the job to run again")
    shell.read_for(0.5)  # the shell's "[1]+ ... &"

    in_background = shell.read_for(1.5)

    assert "files, " not in in_background, in_background
    assert bytes_in(dst) < 16 * 128 * KiB, "the job ended before the test could look"
    shell.type("fg\n")
    shell.read_until(r"files, ")
    shell.type("\x03")  # Ctrl-C: a clean cancel
    assert exit_status(shell, entry) == 130


def test_a_stop_sent_to_the_job_alone_stops_its_workers_and_engine_resume_continues_it(
    launch: Launch, src: Path, dst: Path
) -> None:
    write_tree(src, files_of(128, 8))
    running = launch("run", src, dst, *SLOW, "--json")
    entry = the_job(src)

    os.kill(entry.pid, signal.SIGTSTP)

    wait_for(lambda: all_stopped(entry), "the job and every worker to stop")
    asked = time.monotonic()
    listing = run_engine("jobs")
    assert " stopped " in listing.stdout
    assert time.monotonic() - asked < registry.TIMEOUT_S, "it waited for a stopped job"
    refused = run_engine("pause", entry.id)
    assert refused.returncode == 1
    assert "is stopped (Ctrl-Z)" in refused.stderr
    assert run_engine("resume", entry.id).returncode == 0
    wait_for(lambda: none_stopped(entry), "the job and every worker to run again")
    code, _, stderr = running.finish()
    assert code == 0, stderr
    assert len(list(dst.iterdir())) == 8


def test_time_stopped_does_not_count_against_the_file_time_limit(
    launch: Launch, src: Path, dst: Path
) -> None:
    write_tree(src, files_of(96, 6))  # under a second a file at 128 KiB/s
    running = launch("run", src, dst, *SLOW, "--file-timeout", "2", "--json")
    entry = the_job(src)
    wait_for(lambda: bytes_in(dst) > 0, "the copying to begin")

    os.kill(entry.pid, signal.SIGTSTP)
    wait_for(lambda: all_stopped(entry), "the job to stop")
    time.sleep(3.0)
    os.kill(entry.pid, signal.SIGCONT)

    code, _, stderr = running.finish()
    assert code == 0, stderr
    assert len(list(dst.iterdir())) == 6


def test_a_closed_terminal_does_not_lose_the_job(src: Path, dst: Path) -> None:
    write_tree(src, files_of(128, 8))
    terminal = Terminal([sys.executable, "-m", "engine", "run", str(src), str(dst), *SLOW])
    try:
        entry = the_job(src)
        terminal.read_until(r"files, ")

        terminal.hang_up()

        time.sleep(0.5)
        assert run_engine("jobs").stdout.count(entry.id) == 1, "the job is still listed"
        _, status = os.waitpid(terminal.pid, 0)
    finally:
        terminal.close()
    assert os.waitstatus_to_exitcode(status) == 0
    assert len(list(dst.iterdir())) == 8
    assert temp_files(dst) == []
