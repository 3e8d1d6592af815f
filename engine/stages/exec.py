"""`exec`: run an external command on each file, for the tools Conveyor has no stage for.

The command is split once into arguments (never given to a shell) and file names are
substituted inside single arguments, so no name can inject anything. Each file is copied to
a private temporary folder, the command reads it there and writes `{out}` (or its stdout).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from engine.errors import JobError, StageError
from engine.stages.base import FileContext, Option, Stage, at_worker_exit

CHUNK = 1 << 20
PLACEHOLDER = re.compile(r"\{(in|out|name|stem|ext)\}")
STDERR_TAIL_BYTES = 4096
STDERR_TAIL_LINES = 5
STDERR_TAIL_CHARS = 500
TEMP_PREFIX = ".conveyor-exec-"


def replace_extension(name: str, ext: str) -> str:
    """`photo.jpg` with ext `png` -> `photo.png`; a name without an extension gains one."""
    return f"{posixpath.splitext(name)[0]}.{ext}"


def _split_name(name: str) -> tuple[str, str]:
    """(stem, extension without its dot): `a.tar.gz` -> (`a.tar`, `gz`); `.bashrc` has none."""
    stem, ext = posixpath.splitext(name)
    return stem, ext[1:]


class ExecStage(Stage):
    name = "exec"
    description = (
        "Run a command on each file: it reads {in} and writes {out}, or its stdout is the output."
    )
    example = 'exec:cmd="pandoc {in} -o {out}",ext=html,match=*.md'
    declared_options = (
        Option(
            "cmd",
            "text",
            "",
            "The command, split into arguments like a shell would but never run by one. In each "
            "argument {in} is the input file, {out} where to write the output (without {out}, "
            "stdout is the output), {name}, {stem} and {ext} the file's name, name without "
            "extension, and extension without the dot.",
        ),
        Option(
            "ext",
            "text",
            "",
            "Give the output this extension instead of its last one (png and .png alike); "
            "empty keeps the name.",
        ),
        Option(
            "timeout",
            "float",
            0.0,
            "Seconds one file's command may run before it is killed (the file fails); 0: no limit.",
            minimum=0,
            maximum=7 * 24 * 3600,
        ),
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        text = self.options["cmd"]
        where = "option 'cmd' of stage 'exec'"
        try:
            argv = shlex.split(text)
        except ValueError as exc:
            raise JobError(f"{where} cannot be split into arguments ({exc}): {text!r}") from None
        if not argv:
            raise JobError(
                f'{where} is required: the command to run, like cmd="gzip -c {{in}}" '
                "(quote it when it holds commas)"
            )
        program = argv[0]
        if PLACEHOLDER.search(program):
            raise JobError(
                f"{where} must start with a program name, not a placeholder: {program!r}"
            )
        if "/" in program:
            if not (os.path.isfile(program) and os.access(program, os.X_OK)):
                raise JobError(f"{where} runs '{program}', which is not an executable file")
        elif shutil.which(program) is None:
            raise JobError(f"{where} runs '{program}', which is not found on PATH")
        self.argv = tuple(argv)
        self.program = program
        self.writes_out = any("{out}" in arg for arg in argv[1:])

        given = self.options["ext"]
        ext = given.strip().removeprefix(".")
        if given and (not ext or ext.startswith(".") or "/" in ext or "\0" in ext):
            raise JobError(
                f"option 'ext' of stage 'exec' must be an extension like png or .png, not '{given}'"
            )
        self.ext = ext
        self.renames = bool(ext)  # only then can two outputs collide

    def output_name(self, rel: str) -> str:
        if not self.ext:
            return rel
        folder, name = posixpath.split(rel)
        return posixpath.join(folder, replace_extension(name, self.ext))

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        name = posixpath.basename(ctx.name)
        out_name = posixpath.basename(self.output_name(ctx.name))
        with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:
            folder = Path(tmp)
            (folder / "in").mkdir()
            (folder / "out").mkdir()
            in_path = folder / "in" / name
            out_path = folder / "out" / out_name
            with open(in_path, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
            stem, ext = _split_name(name)
            values = {
                "in": str(in_path),
                "out": str(out_path),
                "name": name,
                "stem": stem,
                "ext": ext,
            }
            argv = [self.argv[0]]
            argv += [PLACEHOLDER.sub(lambda m: values[m.group(1)], a) for a in self.argv[1:]]
            result = out_path if self.writes_out else folder / "stdout"
            self._run(argv, folder, result, ctx.checkpoint)
            if not result.is_file():
                raise StageError(f"'{self.program}' wrote no output to {{out}}")
            with open(result, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    yield chunk

    def _run(
        self, argv: list[str], folder: Path, result: Path, checkpoint: Callable[[], None]
    ) -> None:
        """Run the command to completion; StageError when it fails, times out or cannot start."""
        timeout = self.options["timeout"] or None
        with contextlib.ExitStack() as stack:
            errors = stack.enter_context(open(folder / "stderr", "w+b"))
            stdout: Any = subprocess.DEVNULL
            if not self.writes_out:
                stdout = stack.enter_context(open(result, "wb"))
            try:
                process = subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=stdout,
                    stderr=errors,
                    start_new_session=True,
                )
            except OSError as exc:
                raise StageError(f"'{self.program}' could not start: {exc.strerror}") from None
            with _killed_on_exit(process, folder):
                status = _wait(process, timeout, checkpoint)
                if status is None:
                    raise StageError(
                        f"'{self.program}' timed out after {self.options['timeout']:g} s"
                    )
            if status != 0:
                raise StageError(f"'{self.program}' {_exit_text(status)}{_tail(errors)}")


_running: dict[int, Path] = {}
"""Process group of each command running in this process, with its temporary folder."""
_running_lock = threading.Lock()
WAIT_STEP_S = 0.1


@at_worker_exit
def kill_running_commands() -> None:
    """Kill every command this process is running and remove its temporary folder.

    For a worker about to end abruptly (`os._exit` when its coordinator is gone): the
    commands run in sessions of their own, so nothing else would stop them.
    """
    with _running_lock:
        running = list(_running.items())
    for pgid, folder in running:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)


def _wait(
    process: subprocess.Popen[bytes], timeout: float | None, checkpoint: Callable[[], None]
) -> int | None:
    """The command's exit status, or None on timeout; pause and cancel are honoured meanwhile."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        checkpoint()
        step = WAIT_STEP_S if deadline is None else min(WAIT_STEP_S, deadline - time.monotonic())
        try:
            return process.wait(max(step, 0))
        except subprocess.TimeoutExpired:
            if deadline is not None and time.monotonic() >= deadline:
                return None


@contextlib.contextmanager
def _killed_on_exit(process: subprocess.Popen[bytes], folder: Path) -> Iterator[None]:
    """Whatever ends the wait (exit, timeout, cancel, an exception), kill the command's
    process group: it runs in a session of its own, so a shell and all it started go at once
    (and the terminal's Ctrl-C reaches only the engine, which cancels it here)."""
    with _running_lock:
        _running[process.pid] = folder
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        with _running_lock:
            del _running[process.pid]
        process.wait()  # only now can the group's id be reused


def _exit_text(status: int) -> str:
    if status < 0:
        try:
            return f"was killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"was killed by signal {-status}"
    return f"exited with status {status}"


def _tail(errors: Any) -> str:
    """The last few lines of what the command wrote to stderr, as `: a | b`, or ""."""
    errors.flush()
    size = errors.seek(0, os.SEEK_END)
    errors.seek(max(0, size - STDERR_TAIL_BYTES))
    text = errors.read().decode("utf-8", "replace")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line][-STDERR_TAIL_LINES:]
    joined = "".join(c if c.isprintable() else "?" for c in " | ".join(lines))
    if len(joined) > STDERR_TAIL_CHARS:
        joined = "..." + joined[-STDERR_TAIL_CHARS:]
    return f": {joined}" if joined else ""
