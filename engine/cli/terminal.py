"""`engine run` toward its terminal, as a shell user expects of a job in the foreground.

- Ctrl-Z (SIGTSTP) stops the whole job, workers included, also when the signal is sent to
  its PID alone; `fg`, `bg` or `kill -CONT` continue it all.
- In the background (`bg`, or started with `&`) the live display stays silent; it comes
  back when the job is brought to the foreground.
- SIGHUP (its terminal closed) does not lose work: the job goes on to its end with its
  output silenced, findable with `engine jobs` and watchable with `engine attach`; `engine
  cancel` stops it. A job started under `nohup` keeps nohup's choice.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import IO, Protocol


class Display(Protocol):
    """A display that can be taken off the terminal and put back."""

    def hide(self) -> None: ...

    def show(self) -> None: ...


_hangups_were_ignored = False


def hold_hangups() -> None:
    """Ignore SIGHUP from the start, so that every process the job starts inherits that
    (its workers, whatever they start), until `TerminalControl` decides for the job."""
    global _hangups_were_ignored
    _hangups_were_ignored = signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


def in_foreground(stream: IO[str]) -> bool:
    """Whether `stream` is a terminal whose foreground is this process's group: where a
    live display may draw without getting in the way of the shell."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return False
    if not os.isatty(fd):
        return False
    try:
        return os.tcgetpgrp(fd) == os.getpgrp()
    except OSError:  # a terminal but not ours to share (no job control): ours to draw on
        return True


class TerminalControl:
    """Stops, continues and hangs up the job as the module docstring says; `follow` is called
    now and then to show or hide the display as the job moves between fore- and background."""

    def __init__(self) -> None:
        self.display: Display | None = None
        self._shown = True
        self._hung_up = False

    def install(self) -> None:
        signal.signal(signal.SIGTSTP, self._on_stop)
        if not _hangups_were_ignored:
            signal.signal(signal.SIGHUP, self._on_hangup)

    def follow(self) -> None:
        visible = not self._hung_up and in_foreground(sys.stdout)
        if self.display is not None and visible != self._shown:
            self._shown = visible
            if visible:
                self.display.show()
            else:
                self.display.hide()

    def _on_stop(self, _signum: int, _frame: object) -> None:
        if self.display is not None:
            self.display.hide()  # leave the terminal clean for the shell's prompt
            self._shown = False
        workers = _descendants()
        for pid in workers:  # a signal to our PID alone must stop the workers too
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGSTOP)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP if _under_job_control() else signal.SIGSTOP)
        # Stopped here until continued (fg, bg, kill -CONT), which our workers may not
        # have been sent.
        signal.signal(signal.SIGTSTP, self._on_stop)
        for pid in workers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGCONT)
        self.follow()

    def _on_hangup(self, _signum: int, _frame: object) -> None:
        self._hung_up = True
        # Writing to a hung-up terminal fails: from now on everything goes nowhere, the
        # display's last words included.
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(null, fd)
        os.close(null)
        if self.display is not None:
            self.display.hide()
            self._shown = False


def _under_job_control() -> bool:
    """Whether a shell of our session started us (in a process group of our own): it sees us
    stop and can continue us. Otherwise (cron, setsid, the app) the kernel would drop a
    SIGTSTP (an orphaned process group), so the job stops itself with SIGSTOP."""
    try:
        parent = os.getppid()
        return os.getsid(parent) == os.getsid(0) and os.getpgid(parent) != os.getpgrp()
    except OSError:
        return False


def _descendants() -> list[int]:
    import psutil

    try:
        return [child.pid for child in psutil.Process().children(recursive=True)]
    except psutil.Error:
        return []
