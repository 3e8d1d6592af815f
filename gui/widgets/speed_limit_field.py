"""A speed limit per worker, typed as `--bwlimit` takes it (`500k`, `10M`; empty: no limit).

The setup view sets a job's limit with one, and the run view changes a running job's with
another; both read and write rates the same way, so a limit shows alike in both.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from engine.job import parse_size


def format_bwlimit(rate: int) -> str:
    """A rate as the field takes it back: `512k`, `10M`, or "" for none."""
    for suffix, factor in (("G", 1024**3), ("M", 1024**2), ("k", 1024)):
        if rate and rate % factor == 0:
            return f"{rate // factor}{suffix}"
    return str(rate) if rate else ""


class SpeedLimitField(QLineEdit):
    """Bytes per second each worker may copy; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("no limit"))
        self.setToolTip(
            self.tr(
                "Bytes per second each worker may copy, e.g. 500k or 10M; the job as a whole "
                "goes up to this times the number of workers. Empty: no limit"
            )
        )
        self.setAccessibleName(self.tr("Speed limit per worker"))

    def rate(self) -> int:
        """The limit typed, in bytes per second (0: none); JobError, in the engine's words,
        for text that is not a size."""
        return parse_size(self.text().strip() or "0")

    def set_rate(self, rate: int) -> None:
        self.setText(format_bwlimit(rate))
