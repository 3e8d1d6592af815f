"""Points in time as the sidebar shows them, in the current QLocale's words and order:
a scheduled run with its weekday ("Tuesday, December 8, 2026 2:00 AM"), a past run briefly
("12/7/26 11:04 PM")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QTime


def format_moment(moment: datetime, *, long: bool = False) -> str:
    """`long`: the date in words with its weekday, for runs to come."""
    locale = QLocale()
    date_format = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    date = locale.toString(QDate(moment.year, moment.month, moment.day), date_format)
    time = locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return f"{date} {time}"
