"""A past run in words: when it started and how it ended, and what it did. The history
list shows these, and the notification at the end of one of the app's jobs says them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from engine.history import Outcome, Record
from gui.formatting import format_count, format_duration, format_size
from gui.jobs.moments import format_moment
from gui.jobs.route import route


def title_text(record: Record) -> str:
    """When the run started and how it ended: "12/7/26 11:04 PM: finished"."""
    pattern = {
        Outcome.FINISHED: QCoreApplication.translate("RunWords", "{when}: finished"),
        Outcome.FAILED: QCoreApplication.translate("RunWords", "{when}: finished with failures"),
        Outcome.CANCELLED: QCoreApplication.translate("RunWords", "{when}: cancelled"),
        Outcome.STOPPED: QCoreApplication.translate("RunWords", "{when}: stopped"),
    }[record.outcome]
    return pattern.format(when=format_moment(datetime.fromtimestamp(record.started)))


def counts_text(record: Record) -> str:
    """What the run did: "12 copied, 1 failed; 3.4 MB in 0:42" (with "3 skipped" when some
    were)."""
    values = {
        "done": format_count(record.files_done),
        "skipped": format_count(record.files_skipped),
        "failed": format_count(record.files_failed),
        "size": format_size(record.bytes),
        "time": format_duration(record.ended - record.started),
    }
    if record.files_skipped:
        return QCoreApplication.translate(
            "RunWords", "{done} copied, {skipped} skipped, {failed} failed; {size} in {time}"
        ).format(**values)
    return QCoreApplication.translate(
        "RunWords", "{done} copied, {failed} failed; {size} in {time}"
    ).format(**values)


def run_text(record: Record) -> str:
    """The run whole, one line each: title, route, counts, and the reason a stopped run
    gives."""
    lines = [title_text(record), route(record.source, record.target), counts_text(record)]
    return "\n".join([*lines, record.message] if record.message else lines)
