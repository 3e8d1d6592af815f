"""Counts and sizes in words people read (`1 file`, `37 files`, `1.2 MB`), for the engine's
own messages and the CLI's."""

from __future__ import annotations


def human_bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    raise AssertionError


def counted(n: int, noun: str) -> str:
    """`1 file`, `2 files`: nouns whose plural takes an s."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
