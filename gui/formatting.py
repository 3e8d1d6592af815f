"""Numbers as the app shows them: sizes, rates, durations, counts and percentages.

Decimal units (1 kB = 1000 B), as the command line prints them, so both front-ends agree on
every figure. Each unit is a whole translatable pattern ("{0} MB") so a language can move
or change the unit; numbers use the current QLocale's digits and separators.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale

UNKNOWN = "—"
"""Shown where a value is not known yet (an ETA while scanning, a vanished process)."""

_STEP = 1000.0


def _size_patterns() -> tuple[str, ...]:
    """Byte units, smallest first; written out so pyside6-lupdate finds each string."""
    return (
        QCoreApplication.translate("Formatting", "{0} B"),
        QCoreApplication.translate("Formatting", "{0} kB"),
        QCoreApplication.translate("Formatting", "{0} MB"),
        QCoreApplication.translate("Formatting", "{0} GB"),
        QCoreApplication.translate("Formatting", "{0} TB"),
        QCoreApplication.translate("Formatting", "{0} PB"),
    )


def _rate_patterns() -> tuple[str, ...]:
    """Rate units, smallest first, matching `_size_patterns`."""
    return (
        QCoreApplication.translate("Formatting", "{0} B/s"),
        QCoreApplication.translate("Formatting", "{0} kB/s"),
        QCoreApplication.translate("Formatting", "{0} MB/s"),
        QCoreApplication.translate("Formatting", "{0} GB/s"),
        QCoreApplication.translate("Formatting", "{0} TB/s"),
        QCoreApplication.translate("Formatting", "{0} PB/s"),
    )


def _scaled(n: float, patterns: tuple[str, ...]) -> str:
    """n in the largest unit that keeps it under 1000 once rounded to what is shown."""
    locale = QLocale()
    if abs(n) < _STEP - 0.5:
        return patterns[0].format(locale.toString(round(n)))
    for index, pattern in enumerate(patterns[1:], start=2):
        n /= _STEP
        if abs(n) < _STEP - 0.05 or index == len(patterns):
            return pattern.format(locale.toString(n, "f", 1))
    raise AssertionError("unreachable: the last pattern always returns")


def format_size(n_bytes: float) -> str:
    """A byte count such as "1.5 MB"."""
    return _scaled(n_bytes, _size_patterns())


def format_rate(bytes_per_s: float) -> str:
    """A throughput such as "12.3 MB/s"."""
    return _scaled(bytes_per_s, _rate_patterns())


def format_duration(seconds: float | None) -> str:
    """A clock-style duration ("0:42", "12:03", "1:02:03"); UNKNOWN when None."""
    if seconds is None:
        return UNKNOWN
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_count(n: int) -> str:
    """A count with the locale's digit grouping ("12,345")."""
    return QLocale().toString(n)


def format_percent(value: float, decimals: int = 1) -> str:
    """A percentage, with one decimal unless told otherwise ("42.5%", "50%")."""
    return QCoreApplication.translate("Formatting", "{0}%").format(
        QLocale().toString(value, "f", decimals)
    )


def spoken(label: str) -> str:
    """A control's text as a screen reader should say it: without its accelerator, however
    the language marks it (`&Start`, `开始(&S)`), and without a trailing ellipsis."""
    return re.sub(r"\(&\w\)|&", "", label).rstrip("…").strip()
