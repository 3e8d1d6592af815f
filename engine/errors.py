"""The one exception root of the engine, with messages written for the person at the keyboard."""

from __future__ import annotations


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
