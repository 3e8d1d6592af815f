"""A pipe any thread can poke to end the coordinator's wait at once.

The pipeline waits in one place (`Executor.poll`) on the workers' pipes and process
sentinels; the scanner thread, the front-end's pause, resume, cancel and resize, and the
Dask client's callbacks have news too, and poke this pipe so that the same wait ends
(as the `_ThreadWakeup` of CPython's `concurrent.futures.process` does). The coordinator
never sleeps on a short timeout to look for news.
"""

from __future__ import annotations

import contextlib
import os
import select


class Wakeup:
    def __init__(self) -> None:
        self._read, self._write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)

    def fileno(self) -> int:
        """The end to wait on (with `select`, or `multiprocessing.connection.wait`)."""
        return self._read

    def poke(self) -> None:
        """End the current or the next wait; cheap, and safe from any thread."""
        with contextlib.suppress(BlockingIOError, OSError):
            os.write(self._write, b"\0")  # a full pipe is poked already

    def clear(self) -> None:
        """Forget the pokes so far: called before looking for news, so a poke that comes
        after the look ends the next wait instead of being lost."""
        with contextlib.suppress(BlockingIOError, OSError):
            while os.read(self._read, 4096):
                pass

    def wait(self, timeout: float) -> None:
        """Wait until poked or `timeout` seconds have passed."""
        select.select([self._read], [], [], max(0.0, timeout))

    def close(self) -> None:
        for fd in (self._read, self._write):
            with contextlib.suppress(OSError):
                os.close(fd)
