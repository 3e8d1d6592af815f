"""The window's title while its job runs ("42% — Conveyor"), so the taskbar and the
window switcher tell how far a job has got while the window is hidden behind others."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine import Progress
from gui.jobs.running import fraction, percent


def window_title(app: str, progress: Progress | None) -> str:
    """`app` alone before a job reports progress, while it scans (its total still grows)
    and once it has ended (`progress` None); else the share done in front of it."""
    if progress is None or progress.scanning:
        return app
    done = fraction(
        progress.bytes_done, progress.bytes_total, progress.files_finished, progress.files_total
    )
    if done is None:
        return app
    share = percent(done)
    if progress.paused:
        return QCoreApplication.translate("WindowTitle", "{percent}, paused — {app}").format(
            percent=share, app=app
        )
    return QCoreApplication.translate("WindowTitle", "{percent} — {app}").format(
        percent=share, app=app
    )
