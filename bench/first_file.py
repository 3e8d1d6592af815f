"""The moment a copy's first file appears in its target, seen through inotify.

Polling the target would cost the runner CPU on a two-core machine while the copy runs, and
on a tree of 1,000 folders it would have to list them all each time. Instead a thread blocks
on an inotify descriptor (via ctypes: the standard library has no binding) watching the
target's parent for the target folder, then the target and every folder made under it, and
notes the time a regular file appears under its own name: created there, or renamed into
place (names starting with "." are temporary files, such as `.conveyor-*` or rsync's). Each
folder is listed once right after its watch is added, for entries made before it. With the
first file the descriptor is closed, which removes every watch, so the rest of the copy runs
unwatched; until then the kernel queues one event per entry made in a watched folder.
"""

from __future__ import annotations

import ctypes
import functools
import os
import select
import stat
import struct
import threading
import time
from pathlib import Path

IN_MOVED_TO = 0x80
IN_CREATE = 0x100
IN_Q_OVERFLOW = 0x4000
IN_ONLYDIR = 0x01000000
IN_ISDIR = 0x40000000
IN_CLOEXEC = os.O_CLOEXEC
IN_NONBLOCK = os.O_NONBLOCK
WATCH_MASK = IN_CREATE | IN_MOVED_TO | IN_ONLYDIR
EVENT = struct.Struct("iIII")
"""struct inotify_event: wd, mask, cookie, len, then `len` bytes of name."""
WAKE_EVERY_S = 0.05


@functools.cache
def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.inotify_init1.argtypes = (ctypes.c_int,)
    libc.inotify_add_watch.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32)
    return libc


def _inotify() -> int:
    """A new non-blocking inotify descriptor."""
    fd: int = _libc().inotify_init1(IN_CLOEXEC | IN_NONBLOCK)
    if fd < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))
    return fd


class FirstFile:
    """Watches for the first file under `target`, a folder that does not exist yet.

    `start()` sets up the watches (before the command is launched), `stop()` returns the
    `time.perf_counter()` at which the first file was seen, or None."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.error = ""
        """Why nothing could be watched ("" when watching worked)."""
        self.seen: float | None = None
        self._fd = -1
        self._folders: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="first-file", daemon=True)

    def start(self) -> None:
        try:
            self._fd = _inotify()
        except (OSError, AttributeError) as exc:  # AttributeError: a libc without inotify
            self.error = f"inotify unavailable: {exc}"
            return
        if not self._watch(str(self.target.parent)):
            self.error = f"cannot watch {self.target.parent}"
            self._close()
            return
        if self.target.exists():
            self._watch_tree(str(self.target))
        self._thread.start()

    def stop(self) -> float | None:
        """Stop watching; events still queued (a file made in the command's last moment) are
        read first, and such a file counts as seen now."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        while self._fd >= 0 and not self._found() and self._read():
            pass
        self._close()
        return self.seen

    def _run(self) -> None:
        poller = select.poll()
        poller.register(self._fd, select.POLLIN)
        while not self._found() and not self._stop.is_set():
            if poller.poll(WAKE_EVERY_S * 1000):
                self._read()
        if self._found():
            self._close()  # the rest of the copy runs unwatched

    def _read(self) -> bool:
        """Handle the events queued on the descriptor; False if there were none."""
        try:
            data = os.read(self._fd, 64 * 1024)
        except BlockingIOError:
            return False
        self._events(data)
        return True

    def _events(self, data: bytes) -> None:
        offset = 0
        parent = str(self.target.parent)
        while offset < len(data) and not self._found():
            wd, mask, _cookie, size = EVENT.unpack_from(data, offset)
            name = data[offset + EVENT.size : offset + EVENT.size + size].rstrip(b"\0")
            offset += EVENT.size + size
            if mask & IN_Q_OVERFLOW:  # events were lost: list every watched folder again
                for watched in list(self._folders.values()):
                    if watched != parent:
                        self._watch_tree(watched)
                continue
            folder = self._folders.get(wd)
            if folder is None or not name:
                continue
            path = os.path.join(folder, os.fsdecode(name))
            if folder == parent:  # only the target itself matters there
                if mask & IN_ISDIR and path == str(self.target):
                    self._watch_tree(path)
            elif mask & IN_ISDIR:
                self._watch_tree(path)
            else:
                self._candidate(path)

    def _found(self) -> bool:
        return self.seen is not None

    def _watch_tree(self, folder: str) -> None:
        """Watch `folder`, then look at what it already holds (folders: the same)."""
        if self._found() or not self._watch(folder):
            return
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        self._watch_tree(entry.path)
                    else:
                        self._candidate(entry.path)
                    if self._found():
                        return
        except OSError:
            pass  # removed meanwhile: nothing to see there

    def _watch(self, folder: str) -> bool:
        wd: int = _libc().inotify_add_watch(self._fd, os.fsencode(folder), WATCH_MASK)
        if wd < 0:
            return False  # gone already, or out of watches: a later listing still sees it
        self._folders[wd] = folder
        return True

    def _candidate(self, path: str) -> None:
        if os.path.basename(path).startswith("."):
            return
        try:
            regular = stat.S_ISREG(os.lstat(path).st_mode)
        except OSError:
            return
        if regular:
            self.seen = time.perf_counter()

    def _close(self) -> None:
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)
