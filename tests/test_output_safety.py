"""Output that a file name cannot turn against the user, and a reader that may leave early.

A name may hold any byte but `/` and NUL: printed raw, an escape sequence in it could clear
the terminal or retitle its window, and a tab or newline could forge a log record. Terminal
lines, stderr and `--log-file` show such bytes as visible escapes; `--json` keeps them
exact. And `engine run ... | head -1` must not stop the copy it glimpses at.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest
from helpers import (
    CLI_TIMEOUT_S,
    ENGINE,
    Engine,
    copied_files,
    json_events,
    write_tree,
)

from engine.cli.display import LogFile
from engine.events import FileEvent, LogMessage
from engine.names import printable
from engine.records import Status

ESCAPE = "title\x1b]0;owned\x07\x1b[2J.txt"
"""Sets the terminal's title and clears its screen, if printed raw."""
ESCAPE_SHOWN = "title\\x1b]0;owned\\x07\\x1b[2J.txt"
FORGED = "a\tb\nFAILED  c\r.txt"
"""Would shift the columns of a log line and start a false one, if written raw."""
FORGED_SHOWN = "a\\tb\\nFAILED  c\\r.txt"
RAW_CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]


def assert_no_controls(text: str) -> None:
    """No C0 control but newlines (between lines), no DEL, no C1 control."""
    found = {repr(c) for c in RAW_CONTROLS if c != "\n" and c in text}
    assert not found, f"raw control characters in the output: {found}"


# --- printable ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("tab\there", "tab\\there"),
        ("new\nline\r", "new\\nline\\r"),
        ("esc\x1b[31m", "esc\\x1b[31m"),
        ("nul\x00del\x7f", "nul\\x00del\\x7f"),
        ("c1\x9bnel\x85", "c1\\u009bnel\\u0085"),
        ("bidi\u202eexe.txt", "bidi\\u202eexe.txt"),
        ("sep\u2028line", "sep\\u2028line"),
        (os.fsdecode(b"latin1-\xe9"), "latin1-\\xe9"),
        ("中文 名字 😀.txt", "中文 名字 😀.txt"),
        ("back\\slash [bold]", "back\\slash [bold]"),
    ],
)
def test_printable_shows_control_characters_as_visible_escapes(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_printable_is_stable_when_applied_to_its_own_output() -> None:
    """Reasons may quote names already escaped; escaping them again must not mangle them."""
    text = printable(ESCAPE + FORGED + os.fsdecode(b"\xff"))
    assert printable(text) == text


# --- the terminal, stderr and the log file --------------------------------------------------


def test_verbose_lines_escape_control_characters_in_names(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {ESCAPE: "1", FORGED: "2"})
    result = engine("run", src, dst, "-v")
    assert result.returncode == 0, result.stderr
    assert_no_controls(result.stdout)
    lines = result.stdout.splitlines()
    assert f"    copied  {ESCAPE_SHOWN}" in lines
    assert f"    copied  {FORGED_SHOWN}" in lines
    assert len(lines) == 3  # two files and the summary: no forged line


def test_a_renamed_output_is_escaped_in_verbose_lines(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {FORGED: "text"})
    result = engine("run", src, dst, "-v", "--stage", "gzip")
    assert result.returncode == 0, result.stderr
    assert f"    copied  {FORGED_SHOWN} -> {FORGED_SHOWN}.gz" in result.stdout.splitlines()


def test_a_warning_on_stderr_escapes_the_name_it_quotes(
    engine: Engine, src: Path, dst: Path
) -> None:
    os.mkfifo(src / ESCAPE)
    result = engine("run", src, dst, "--no-preserve", "specials")  # a skipped FIFO warns
    assert result.returncode == 0, result.stderr
    assert_no_controls(result.stderr)
    assert f"engine: warning: {ESCAPE_SHOWN}: a FIFO (named pipe)" in result.stderr


def test_the_log_file_keeps_one_record_of_tab_separated_fields_per_line(
    engine: Engine, tmp_path: Path, src: Path, dst: Path
) -> None:
    write_tree(src, {FORGED: "text", ESCAPE: "text"})
    log = tmp_path / "run.log"
    result = engine("run", src, dst, "--stage", "gzip", "--log-file", log)
    assert result.returncode == 0, result.stderr
    text = log.read_text()
    assert_no_controls(text.replace("\t", ""))
    *records, summary = text.splitlines()
    fields = sorted(line.split("\t")[1:] for line in records)
    assert fields == [
        ["done", FORGED_SHOWN, "4", f"-> {FORGED_SHOWN}.gz"],
        ["done", ESCAPE_SHOWN, "4", f"-> {ESCAPE_SHOWN}.gz"],
    ]
    assert summary.split("\t")[1] == "summary"


def test_the_log_file_escapes_reasons_and_messages_that_quote_a_name(tmp_path: Path) -> None:
    """No run reliably yields a reason holding a raw name, so the log is fed one directly."""
    log = LogFile(os.fspath(tmp_path / "run.log"))
    log(FileEvent(FORGED, Status.FAILED, 1, reason=f"cannot open '{FORGED}'"))
    log(LogMessage("warning", f"'{ESCAPE}' changed", ESCAPE))
    log.close()
    lines = (tmp_path / "run.log").read_text().splitlines()
    assert [line.split("\t")[1:] for line in lines] == [
        ["failed", FORGED_SHOWN, "1", f"cannot open '{FORGED_SHOWN}'"],
        ["warning", ESCAPE_SHOWN, f"'{ESCAPE_SHOWN}' changed"],
    ]


def test_json_keeps_names_with_control_characters_byte_exact(
    engine: Engine, src: Path, dst: Path
) -> None:
    raw = [os.fsencode(ESCAPE), os.fsencode(FORGED), b"bytes\x1b\xff\x85", b"c1\xc2\x9b\x7f"]
    for name in raw:
        (src / os.fsdecode(name)).write_bytes(b"x")
    result = engine("run", src, dst, "--json")
    assert result.returncode == 0, result.stderr
    assert_no_controls(result.stdout)  # escaped as JSON \uXXXX, which loads back exactly
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    paths = [os.fsencode(event["path"]) for event in lines if event["event"] == "file"]
    assert sorted(paths) == sorted(raw)


def run_on_terminal(args: list[str | os.PathLike[str]]) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as its stdout and stderr; return its exit status
    and everything it drew."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "200", "LINES": "40"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [*ENGINE, *map(os.fspath, args)],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + CLI_TIMEOUT_S
    try:
        while time.monotonic() < deadline:
            if not select.select([master], [], [], 0.5)[0]:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the CLI closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        return proc.wait(timeout=10), b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_the_live_display_shows_names_escaped_and_without_markup(src: Path, dst: Path) -> None:
    name = f"[bold red]{ESCAPE}"
    write_tree(src, {name: "x"})
    os.mkfifo(src / f"fifo-{ESCAPE}")
    returncode, drawn = run_on_terminal(["run", src, dst, "-v", "--no-preserve", "specials"])
    assert returncode == 0, drawn
    assert "\x1b[" in drawn, "the live display never drew"
    assert "]0;owned" not in drawn.replace("\\x1b]0;owned", "")
    assert "\x1b[2J" not in drawn
    assert f"[bold red]{ESCAPE_SHOWN}" in drawn  # rich markup shown as typed, not applied
    assert f"fifo-{ESCAPE_SHOWN}" in drawn  # the warning on stderr


# --- a reader that leaves early -------------------------------------------------------------


MANY_FILES = {f"folder-{i % 20:02d}/file-{i:06d}.txt": f"{i}\n" for i in range(4000)}
"""Enough lines (over 100 kB) that the pipe fills: the CLI is still writing when the reader
leaves, whatever the timing."""


def glimpse(*args: str | os.PathLike[str]) -> tuple[int, str, str]:
    """Run the CLI with stdout into a pipe, read one line and close the pipe, as `| head -1`
    does; return its exit status, that line and its stderr."""
    proc = subprocess.Popen(
        [*ENGINE, *map(os.fspath, args)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="surrogateescape",
    )
    assert proc.stdout is not None and proc.stderr is not None
    try:
        first = proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read()
        return proc.wait(timeout=CLI_TIMEOUT_S), first, stderr
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def assert_left_quietly(stderr: str) -> None:
    for sign in ("Traceback", "internal error", "Exception ignored", "BrokenPipe"):
        assert sign not in stderr, stderr


def test_a_verbose_copy_whose_reader_leaves_early_still_copies_every_file(
    src: Path, dst: Path
) -> None:
    write_tree(src, MANY_FILES)
    returncode, first, stderr = glimpse("run", src, dst, "-v", "-w", "2")
    assert returncode == 0, stderr
    assert first.startswith("    copied  ")
    assert_left_quietly(stderr)
    assert copied_files(dst) == set(MANY_FILES)


def test_a_json_copy_whose_reader_leaves_early_still_copies_every_file(
    src: Path, dst: Path
) -> None:
    write_tree(src, MANY_FILES)
    returncode, first, stderr = glimpse("run", src, dst, "--json", "-w", "2")
    assert returncode == 0, stderr
    assert json_events(first)[0]["event"] == "start"
    assert_left_quietly(stderr)
    assert copied_files(dst) == set(MANY_FILES)


def test_a_reader_leaving_early_keeps_the_exit_status_of_failed_files(src: Path, dst: Path) -> None:
    write_tree(src, MANY_FILES)
    (dst / "folder-00/file-000000.txt/in-the-way").mkdir(parents=True)
    returncode, _, stderr = glimpse("run", src, dst, "-v", "-w", "2")
    assert returncode == 1, stderr
    assert stderr.splitlines() == [
        "engine: failed: folder-00/file-000000.txt: the target is a folder"
    ]
    assert copied_files(dst) == set(MANY_FILES) - {"folder-00/file-000000.txt"}


def test_verify_whose_reader_leaves_early_keeps_its_exit_status(tmp_path: Path) -> None:
    write_tree(tmp_path, {**MANY_FILES, "SHA256SUMS": ""})
    returncode, first, stderr = glimpse("verify", tmp_path)
    assert returncode == 1, stderr  # every file is unlisted: extra
    assert first.startswith("extra: ")
    assert_left_quietly(stderr)
