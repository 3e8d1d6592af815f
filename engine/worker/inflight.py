"""The temporary file a worker is writing, so that whatever ends the worker can remove it."""

from __future__ import annotations

import contextlib
import os


class TempFiles:
    """The temporary file being written, so a dying worker can remove it from any thread.

    No lock: one attribute write is atomic, and the worst race (two threads removing the same
    file) costs an ENOENT. A lock could also deadlock the SIGTERM handler, which runs on the
    thread that might be holding it. Temporary names are never reused, so a late removal
    cannot hit another file.
    """

    def __init__(self) -> None:
        self._current: tuple[int, str] | None = None

    def begin(self, dir_fd: int, name: str) -> None:
        """`name` in the folder `dir_fd` is ours to delete until `committed` or `discard`."""
        self._current = (dir_fd, name)

    def committed(self) -> None:
        """The file was renamed into place: nothing is left to delete."""
        self._current = None

    def discard(self) -> None:
        """Delete the file begun and not committed, if any."""
        current, self._current = self._current, None
        if current is not None:
            with contextlib.suppress(OSError):
                os.unlink(current[1], dir_fd=current[0])
