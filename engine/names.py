"""File names as they appear in messages, whatever bytes they hold."""

from __future__ import annotations

import os


def printable(path: str) -> str:
    """A path safe to print: bytes that are not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
