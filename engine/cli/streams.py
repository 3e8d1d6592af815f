"""Output streams whose reader may go away: `engine run ... | head -1` must not end a copy."""

from __future__ import annotations

import os
from typing import IO


def silence(stream: IO[str]) -> None:
    """Point the stream's descriptor at /dev/null, so that what is still buffered, and the
    interpreter's final flush, go nowhere instead of raising BrokenPipeError again (which
    Python would report as "Exception ignored ..." on its way out)."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not backed by a descriptor (io.UnsupportedOperation)
        return
    devnull = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


class Outlet:
    """A stream written until its reader goes away. `engine run SRC DST -v | head -1` closes
    the pipe after one line; the copy must not fail for that (the user asked for a glimpse,
    not to stop), so from then on nothing more is written to it and the job finishes as
    usual, its exit status unchanged."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.gone = False

    def write(self, text: str) -> None:
        if not self.gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._leave()

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._leave()

    def _leave(self) -> None:
        self.gone = True
        silence(self._stream)
