"""`exec`: run an external command on each file, for the tools Conveyor has no stage for.

The command is split once into arguments (never given to a shell) and file names are
substituted inside single arguments. Each file is copied to a private temporary folder
under a name made of safe characters only, so `{in}` and `{out}` can inject nothing even
where a shell script pastes them into its code; `{name}`, `{stem}` and `{ext}` are the
real names, meant as arguments of their own (`warnings` flags any placeholder pasted into
a `sh -c` script). The command reads `{in}` (without `{in}`, its stdin is the file) and
writes `{out}` (without `{out}`, its stdout is the output).

Every command runs in a session of its own and with a token of its own in its environment
(`CONVEYOR_EXEC=<pid>-<n>`); when it returns, times out or is cancelled, its process group
and every process carrying its token are killed, so not even a daemon it started outlives
its file. A full or unwritable temporary folder fails the file alone, saying so.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import itertools
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

import psutil

from engine.errors import JobError, StageError
from engine.stages.base import FileContext, Option, Stage, at_worker_exit

CHUNK = 1 << 20
PLACEHOLDER = re.compile(r"\{(in|out|name|stem|ext)\}")
STDERR_TAIL_BYTES = 4096
STDERR_TAIL_LINES = 5
STDERR_TAIL_CHARS = 500
TEMP_PREFIX = ".conveyor-exec-"
SAFE_PUNCTUATION = frozenset("._+-@%,=:")
"""Besides letters and digits, the characters a private copy's name keeps: none of them
means anything to a shell inside a word, so a name made of them needs no quoting."""
SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox"})
BUSYBOX_SHELLS = frozenset({"sh", "ash", "hush", "bash"})
SAFE_SCRIPT = """sh -c 'tr a-z A-Z < "$1" > "$2"' sh {in} {out}"""
TOKEN_VARIABLE = "CONVEYOR_EXEC"
"""Environment variable that marks every process a command starts, daemons included."""
PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37
END_WAIT_S = 2.0
"""How long ending a command's processes waits for them to die before giving up on them."""


def replace_extension(name: str, ext: str) -> str:
    """`photo.jpg` with ext `png` -> `photo.png`; a name without an extension gains one."""
    return f"{posixpath.splitext(name)[0]}.{ext}"


def safe_name(name: str) -> str:
    """`name` with every character a shell could read as code replaced by `_`: `IMG 1.jpg` ->
    `IMG_1.jpg`. Letters of any script, digits and `._+-@%,=:` stay, and so does the
    extension, for tools that look at it."""
    return "".join(c if c.isalnum() or c in SAFE_PUNCTUATION else "_" for c in name)


def _split_name(name: str) -> tuple[str, str]:
    """(stem, extension without its dot): `a.tar.gz` -> (`a.tar`, `gz`); `.bashrc` has none."""
    stem, ext = posixpath.splitext(name)
    return stem, ext[1:]


def _shell_script(argv: tuple[str, ...]) -> int | None:
    """Where in argv the script is that a shell runs with `-c` (`sh -ec SCRIPT ...`,
    `busybox sh -c SCRIPT`), or None when the program is no shell or runs no `-c` script."""
    if posixpath.basename(argv[0]) not in SHELLS:
        return None
    index = 1
    if posixpath.basename(argv[0]) == "busybox":
        if len(argv) < 2 or argv[1] not in BUSYBOX_SHELLS:
            return None
        index = 2
    has_script = False
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            index += 1
            break
        if arg in ("--rcfile", "--init-file"):
            index += 2
        elif arg.startswith("--"):
            index += 1
        elif len(arg) > 1 and arg[0] in "-+":
            has_script = has_script or (arg[0] == "-" and "c" in arg[1:])
            index += 2 if arg[-1] in "oO" else 1  # -o and -O take an option name
        else:
            break
    return index if has_script and index < len(argv) else None


class ExecStage(Stage):
    name = "exec"
    description = (
        "Run a command on each file: it reads {in} (or its stdin) and writes {out}, or its "
        "stdout is the output."
    )
    example = 'exec:cmd="pandoc {in} -o {out}",ext=html,match=*.md'
    declared_options = (
        Option(
            "cmd",
            "text",
            "",
            "The command, split into arguments like a shell would but never run by one. In each "
            "argument {in} is the input file (without {in}, stdin is the input), {out} where to "
            "write the output (without {out}, stdout is the output), {name}, {stem} and {ext} "
            "the file's name, name without extension, and extension without the dot. {in} and "
            "{out} are paths of safe characters only; pass the others to a shell script as "
            "arguments: sh -c '... \"$1\"' sh {name}.",
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
        self.reads_in = any("{in}" in arg for arg in argv[1:])
        self.writes_out = any("{out}" in arg for arg in argv[1:])

        given = self.options["ext"]
        ext = given.strip().removeprefix(".")
        if given and (not ext or ext.startswith(".") or "/" in ext or "\0" in ext):
            raise JobError(
                f"option 'ext' of stage 'exec' must be an extension like png or .png, not '{given}'"
            )
        self.ext = ext
        self.renames = bool(ext)  # only then can two outputs collide

    def warnings(self) -> tuple[str, ...]:
        """A shell script with placeholders pasted into its code: valid, but a file name
        there is read as shell code (`x$(touch PWNED).txt` runs touch)."""
        index = _shell_script(self.argv)
        if index is None:
            return ()
        script = self.argv[index]
        found = list(dict.fromkeys(f"{{{m.group(1)}}}" for m in PLACEHOLDER.finditer(script)))
        if not found:
            return ()
        names = " and ".join(", ".join(found).rsplit(", ", 1))
        shell = " ".join(self.argv[:index])
        return (
            f"stage 'exec' puts {names} inside the script of '{shell}': a file name pasted "
            "into a shell script can run code; pass names to the script as arguments "
            f"instead, like {SAFE_SCRIPT}",
        )

    def output_name(self, rel: str) -> str:
        if not self.ext:
            return rel
        folder, name = posixpath.split(rel)
        return posixpath.join(folder, replace_extension(name, self.ext))

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        name = posixpath.basename(ctx.name)
        out_name = posixpath.basename(self.output_name(ctx.name))
        with _temporary_space("make the command's copy of the file"):
            root = tempfile.gettempdir()
            folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        try:
            with _temporary_space("make the command's copy of the file", root):
                (folder / "in").mkdir()
                (folder / "out").mkdir()
            in_path = folder / "in" / safe_name(name)
            out_path = folder / "out" / safe_name(out_name)
            _save(chunks, in_path, root)
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
            stdin = None if self.reads_in else in_path
            self._run(argv, folder, stdin, result, ctx.checkpoint)
            if not result.is_file():
                raise StageError(f"'{self.program}' wrote no output to {{out}}")
            with _temporary_space("read the command's output", root):
                handle = open(result, "rb")  # noqa: SIM115 (closed below, reads checked)
            with handle:
                while True:
                    with _temporary_space("read the command's output", root):
                        chunk = handle.read(CHUNK)
                    if not chunk:
                        break
                    yield chunk
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _run(
        self,
        argv: list[str],
        folder: Path,
        stdin: Path | None,
        result: Path,
        checkpoint: Callable[[], None],
    ) -> None:
        """Run the command to completion; StageError when it fails, times out or cannot start.
        `stdin` is the file it reads when it has no `{in}` (else /dev/null)."""
        timeout = self.options["timeout"] or None
        token = f"{os.getpid()}-{next(_tokens)}"
        with contextlib.ExitStack() as stack:
            with _temporary_space("make the command's copy of the file", str(folder.parent)):
                errors = stack.enter_context(open(folder / "stderr", "w+b"))
                stdout: Any = subprocess.DEVNULL
                if not self.writes_out:
                    stdout = stack.enter_context(open(result, "wb"))
                source: Any = subprocess.DEVNULL
                if stdin is not None:
                    source = stack.enter_context(open(stdin, "rb"))
            with _running_lock:  # no orphan reaping between the fork and the registration
                try:
                    process = subprocess.Popen(
                        argv,
                        stdin=source,
                        stdout=stdout,
                        stderr=errors,
                        start_new_session=True,
                        env={**os.environ, TOKEN_VARIABLE: token},
                    )
                except OSError as exc:
                    raise StageError(f"'{self.program}' could not start: {exc.strerror}") from None
                _running[process.pid] = folder
            with _ended_on_exit(process, token):
                status = _wait(process, timeout, checkpoint)
                if status is None:
                    raise StageError(
                        f"'{self.program}' timed out after {self.options['timeout']:g} s"
                    )
            if status != 0:
                raise StageError(f"'{self.program}' {_exit_text(status)}{_tail(errors)}")


@contextlib.contextmanager
def _temporary_space(doing: str, root: str | None = None) -> Iterator[None]:
    """Turn an error of the temporary folder (full, over quota, unwritable) into a StageError
    that names the folder and what to do: it costs this file, and TMPDIR is the fix."""
    try:
        yield
    except OSError as exc:
        where = f"the temporary folder {root or os.environ.get('TMPDIR') or '/tmp'}"
        if exc.errno == errno.ENOSPC:
            message = (
                f"no space left in {where} for the command's copy of the file; free space "
                "or set TMPDIR to a larger folder"
            )
        elif exc.errno == errno.EDQUOT:
            message = (
                f"disk quota exceeded in {where} for the command's copy of the file; free "
                "space or set TMPDIR to a folder with room"
            )
        else:
            reason = exc.strerror or str(exc)
            message = f"cannot {doing} in {where}: {reason}; set TMPDIR to another folder"
        raise StageError(message) from None


def _save(chunks: Iterator[bytes], path: Path, root: str) -> None:
    """Write the input to the private copy. Only writing the copy is the temporary folder's
    fault: an error reading the source (or an earlier stage's) passes through unchanged."""
    with _temporary_space("make the command's copy of the file", root):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                with _temporary_space("write the command's copy of the file", root):
                    view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


_running: dict[int, Path] = {}
"""Process group of each command running in this process, with its temporary folder."""
_running_lock = threading.RLock()
"""Reentrant: the at-exit hook may run in a signal handler on a thread that holds it."""
_tokens = itertools.count()
WAIT_STEP_S = 0.1


@at_worker_exit
def kill_running_commands() -> None:
    """Kill every command this process is running, and every process one of its commands
    started, and remove their temporary folders.

    For a worker about to end abruptly (`os._exit` when its coordinator is gone): the
    commands run in sessions of their own, so nothing else would stop them.
    """
    with _running_lock:
        running = list(_running.items())
    for pgid, folder in running:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)
    end_commands_of(os.getpid())


def become_subreaper() -> bool:
    """Make this process the child subreaper of all it starts (Linux), so a command's daemon
    is re-parented to it rather than to init: ending a command's processes then needs to
    look at this process's descendants only, instead of every process of the user.

    Only for a process whose children are all commands of this module (a worker): it then
    reaps any orphan that ends. False where the system does not allow it.
    """
    prctl = _prctl()
    if prctl is None:
        return False
    return prctl(PR_SET_CHILD_SUBREAPER, ctypes.c_ulong(1), 0, 0, 0) == 0


def end_commands_of(pid: int) -> None:
    """Kill every process started by a command of process `pid` (a worker that died, whose
    commands would otherwise run on with nobody to stop them)."""
    prefix = f"{pid}-"
    _end_carriers(lambda token: token.startswith(prefix))


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """libc's prctl, or None where there is none (not Linux)."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _is_subreaper() -> bool:
    prctl = _prctl()
    if prctl is None:
        return False
    flag = ctypes.c_int(0)
    return prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(flag), 0, 0, 0) == 0 and flag.value != 0


def _carriers(matches: Callable[[str], bool]) -> list[psutil.Process]:
    """The live processes whose token matches. A subreaper's commands all stay among its
    descendants; otherwise a daemon may hang from init, so every process of this user is
    looked at."""
    if _is_subreaper():
        candidates = [p for p in map(_process, _descendants()) if p is not None]
    else:
        uid = os.getuid()
        candidates = []
        for process in psutil.process_iter():
            with contextlib.suppress(psutil.Error):
                if process.pid != os.getpid() and process.uids().real == uid:
                    candidates.append(process)
    found = []
    for process in candidates:
        try:
            token = process.environ().get(TOKEN_VARIABLE)
        except (psutil.Error, OSError):  # gone, a zombie, or not ours to read
            continue
        if token is not None and matches(token):
            found.append(process)
    return found


def _process(pid: int) -> psutil.Process | None:
    try:
        return psutil.Process(pid)
    except psutil.Error:  # gone already
        return None


def _descendants(children: bool = False) -> list[int]:
    """The pids of this process's descendants (only its children, with `children`), from the
    kernel's list of each thread's children: a few small files instead of every process's
    status, which psutil reads where the kernel keeps no such list."""
    found: list[int] = []
    pending = [os.getpid()]
    while pending:
        kids = _children_of(pending.pop())
        if kids is None:
            me = psutil.Process()
            return [p.pid for p in (me.children() if children else me.children(recursive=True))]
        found += kids
        if not children:
            pending += kids
    return found


def _children_of(pid: int) -> list[int] | None:
    """The children of process `pid` ([] once it is gone); None where the kernel does not
    list them (/proc/PID/task/TID/children needs CONFIG_PROC_CHILDREN)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None if pid == os.getpid() else []
    kids: list[int] = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                kids += map(int, handle.read().split())
        except FileNotFoundError:
            if os.path.isdir(f"/proc/{pid}/task/{task}"):
                return None  # the thread is there, its list is not: no such lists here
        except OSError:
            continue
    return kids


def _end_carriers(matches: Callable[[str], bool], orphans: bool = False) -> None:
    """Kill the processes whose token matches until none is left (one may fork while its
    parent is being killed), wait for them to die, and reap those that are our children
    (with `orphans`, see `_reap`)."""
    deadline = time.monotonic() + END_WAIT_S
    killed: list[psutil.Process] = []
    while found := _carriers(matches):
        for process in found:
            with contextlib.suppress(psutil.Error):
                process.kill()
        killed += found
        _wait_dead(found, deadline)
        if time.monotonic() > deadline:
            break
    _reap(killed, orphans)


def _wait_dead(processes: list[psutil.Process], deadline: float) -> None:
    """Wait until each process is gone or a zombie, or until the deadline (one stuck in an
    uninterruptible read dies when that read ends)."""
    pending = processes
    while pending and time.monotonic() < deadline:
        pending = [p for p in pending if _alive(p)]
        if pending:
            time.sleep(0.005)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _reap(killed: list[psutil.Process], orphans: bool) -> None:
    """Collect the exit status of killed processes that are our children, so none stays a
    zombie. With `orphans`, a subreaper also reaps every other zombie child but the commands
    it is running: orphans of its commands that ended on their own (a background job that
    outlived its script)."""
    me = os.getpid()
    pids = {p.pid for p in killed}
    if orphans and _is_subreaper():
        pids |= set(_descendants(children=True))
    with _running_lock:
        for pid in pids - set(_running):
            try:
                process = psutil.Process(pid)
                ours = process.ppid() == me and process.status() == psutil.STATUS_ZOMBIE
            except psutil.Error:
                continue
            if ours:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, os.WNOHANG)


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
def _ended_on_exit(process: subprocess.Popen[bytes], token: str) -> Iterator[None]:
    """Whatever ends the wait (exit, timeout, cancel, an exception), kill the command's
    process group: it runs in a session of its own, so a shell and all it started go at once
    (and the terminal's Ctrl-C reaches only the engine, which cancels it here). Then kill
    every process carrying its token: daemons leave the group, not their environment."""
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        with _running_lock:
            del _running[process.pid]
        process.wait()  # only now can the group's id be reused
        _end_carriers(lambda found: found == token, orphans=True)


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
