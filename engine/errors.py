"""The one exception root of the engine, with messages written for the person at the keyboard,
and OS errors worded as short sentences for the report."""

from __future__ import annotations

import errno
import os


class EngineError(Exception):
    """A failure the user can act on: `message` says what is wrong, `hint` what to do about it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class JobError(EngineError):
    """The job itself is invalid (bad folders, stages, options): nothing has been written."""


class StageError(EngineError):
    """A stage cannot transform one file (undecodable text, a failed command): that file
    fails with this message and the job goes on."""


def describe(exc: BaseException) -> str:
    """An OS error as a short sentence for the report: what happened, not a traceback."""
    if isinstance(exc, OSError):
        reasons = {
            errno.EACCES: "permission denied",
            errno.EPERM: "operation not permitted",
            errno.ENOSPC: "no space left on the target device",
            errno.EDQUOT: "disk quota exceeded on the target",
            errno.EISDIR: "the target is a folder",
            errno.ENOTDIR: "a folder on the way is a file",
            errno.ENAMETOOLONG: "the name is too long for the target file system",
            errno.EROFS: "the target file system is read-only",
            errno.EIO: "input/output error (failing disk or medium?)",
            errno.EFBIG: "the file is too large for the target (its file system or a size limit)",
            errno.EMFILE: "too many open files (this process's limit, see ulimit -n)",
        }
        if exc.errno in reasons and exc.strerror == os.strerror(exc.errno):
            return reasons[exc.errno]
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__
