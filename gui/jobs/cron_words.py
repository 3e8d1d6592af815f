"""Cron expressions in words, for the common shapes people schedule ("0 2 * * *" is "Every
day at 2:00 AM"); anything rarer gets no words, and the expression alone is shown.

Times and weekday names come from the current QLocale, so each language shows them its way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTime


def _number(field: str, low: int, high: int) -> int | None:
    """The field as one number within [low, high], or None."""
    if not field.isdigit():
        return None
    value = int(field)
    return value if low <= value <= high else None


def _step(field: str) -> int | None:
    """N of a `*/N` field, or None."""
    if not field.startswith("*/"):
        return None
    return _number(field[2:], 1, 59)


def in_words(expression: str) -> str | None:
    """What the expression means, or None for a shape this does not put into words."""
    fields = expression.split()
    if len(fields) != 5:
        return None
    minute, hour, day, month, weekday = fields
    if month != "*":
        return None
    if (minute, hour, day, weekday) == ("*", "*", "*", "*"):
        return QCoreApplication.translate("CronWords", "Every minute")
    every = _step(minute)
    if every is not None and (hour, day, weekday) == ("*", "*", "*"):
        return QCoreApplication.translate("CronWords", "Every {count} minutes").format(count=every)
    at_minute = _number(minute, 0, 59)
    if at_minute is None:
        return None
    if (hour, day, weekday) == ("*", "*", "*"):
        return QCoreApplication.translate(
            "CronWords", "Every hour at {minute} minutes past"
        ).format(minute=at_minute)
    hours = _step(hour)
    if hours is not None and (day, weekday) == ("*", "*"):
        return QCoreApplication.translate("CronWords", "Every {count} hours").format(count=hours)
    at_hour = _number(hour, 0, 23)
    if at_hour is None:
        return None
    time = QLocale().toString(QTime(at_hour, at_minute), QLocale.FormatType.ShortFormat)
    return _on_days(day, weekday, time)


def _on_days(day: str, weekday: str, time: str) -> str | None:
    if (day, weekday) == ("*", "*"):
        return QCoreApplication.translate("CronWords", "Every day at {time}").format(time=time)
    if day == "*" and weekday == "1-5":
        return QCoreApplication.translate("CronWords", "Monday to Friday at {time}").format(
            time=time
        )
    on_weekday = _number(weekday, 0, 7)
    if day == "*" and on_weekday is not None:
        name = QLocale().dayName(on_weekday or 7, QLocale.FormatType.LongFormat)
        return QCoreApplication.translate("CronWords", "Every {weekday} at {time}").format(
            weekday=name, time=time
        )
    on_day = _number(day, 1, 31)
    if weekday == "*" and on_day is not None:
        return QCoreApplication.translate(
            "CronWords", "On day {day} of every month at {time}"
        ).format(day=on_day, time=time)
    return None
