"""How far a running job has got: what it is doing, the large bar with its speed behind it,
and the totals (files, data, speed, time left, time taken).

Each figure is a label whose text is the figure, with its caption as its buddy: a screen
reader reads "56 of 3,269" for it, and finds "Files" through the label relation, rather than
reading the caption in place of the value.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from engine import Progress, Summary
from gui.formatting import (
    UNKNOWN,
    format_count,
    format_duration,
    format_percent,
    format_rate,
    format_size,
)
from gui.widgets.progress_gauge import BAR_STEPS, ProgressGauge
from gui.widgets.side_notes import NoteLabel

SAMPLE_EVERY_S = 1.0
"""Speed points per second of the job's own clock (Progress.elapsed_s), not the wall's."""

_FIGURE_SCALE = 1.25
"""The totals' figures, in this many times the panel's font size."""


class ProgressPanel(QWidget):
    """Shows `engine.Progress` values as they arrive, then the `engine.Summary` at the end.

    Expects coalesced input (the engine sends progress about ten times a second); each call
    only sets a few label texts, so it never holds up the UI thread.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self._last: Progress | None = None
        self._next_sample_s = 0.0
        self._captions: dict[QLabel, QLabel] = {}

        self.state_label = QLabel()
        self.state_label.setObjectName("runState")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setToolTip(
            self.tr("What the job is doing: scanning, copying, paused or finished")
        )
        font = self.state_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * _FIGURE_SCALE)
        self.state_label.setFont(font)

        self.bar = ProgressGauge()
        self.bar.setObjectName("progressGauge")
        self.bar.setAccessibleName(self.tr("Overall progress"))
        self.bar.setToolTip(
            self.tr(
                "Share of all bytes dealt with (copied, skipped or failed), with the speed "
                "at each point of the job behind it"
            )
        )

        figures = QGridLayout()
        figures.setHorizontalSpacing(28)
        figures.setVerticalSpacing(0)
        (
            self.files_label,
            self.bytes_label,
            self.rate_label,
            self.eta_label,
            self.elapsed_label,
            self.left_out_label,
        ) = (
            self._figure(figures, column, name, caption, tip)
            for column, (name, caption, tip) in enumerate(
                (
                    (
                        "files",
                        self.tr("Files"),
                        self.tr("Files dealt with out of all found so far"),
                    ),
                    ("data", self.tr("Data"), self.tr("Bytes dealt with out of all found so far")),
                    (
                        "speed",
                        self.tr("Speed"),
                        self.tr("Bytes copied per second, measured over the last moments"),
                    ),
                    (
                        "timeLeft",
                        self.tr("Time left"),
                        self.tr("Estimated time until the job is done"),
                    ),
                    (
                        "elapsed",
                        self.tr("Time taken"),
                        self.tr("Time since the job started, pauses included"),
                    ),
                    (
                        "leftOut",
                        self.tr("Left out"),
                        self.tr(
                            "Files beneath folders that failed: they are not copied, so the "
                            "bar stops short of its end"
                        ),
                    ),
                )
            )
        )
        figures.setColumnStretch(6, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_label)
        layout.addWidget(self.bar)
        layout.addLayout(figures)
        self.reset()

    def _figure(self, grid: QGridLayout, column: int, name: str, caption: str, tip: str) -> QLabel:
        """A figure's value label under its caption, in `column` of `grid`."""
        value = QLabel()
        value.setObjectName(f"{name}Figure")
        value.setToolTip(tip)
        value.setAccessibleDescription(tip)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = value.font()
        font.setPointSizeF(font.pointSizeF() * _FIGURE_SCALE)
        value.setFont(font)
        label = NoteLabel()
        label.setObjectName(f"{name}Caption")
        label.setText(caption)
        label.setBuddy(value)
        grid.addWidget(label, 0, column)
        grid.addWidget(value, 1, column)
        self._captions[value] = label
        return value

    def reset(self) -> None:
        """Back to the empty state, ready for the next run."""
        self._last = None
        self._next_sample_s = 0.0
        self.state_label.setText(self.tr("Starting…"))
        self.bar.clear()
        self._set_bar(0)
        for label in (
            self.files_label,
            self.bytes_label,
            self.rate_label,
            self.eta_label,
            self.elapsed_label,
        ):
            label.setText(UNKNOWN)
        self._show_left_out(0, 0)

    def update_progress(self, p: Progress) -> None:
        self._last = p
        if p.paused:
            self.state_label.setText(self.tr("Paused"))
        elif p.scanning:
            self.state_label.setText(self.tr("Scanning and copying…"))
        else:
            self.state_label.setText(self.tr("Copying…"))
        done, total = self._measure(p)
        self._set_bar(min(BAR_STEPS, BAR_STEPS * done // total) if total > 0 else 0)
        self.bar.set_total(total)
        self.bar.set_live(done, p.rate)
        self.files_label.setText(
            self._files_text(
                p.files_finished, p.files_total, p.files_skipped, p.files_failed, p.scanning
            )
        )
        pattern = self.tr("{done} of {total}+") if p.scanning else self.tr("{done} of {total}")
        self.bytes_label.setText(
            pattern.format(done=format_size(p.bytes_done), total=format_size(p.bytes_total))
        )
        self.rate_label.setText(format_rate(p.rate))
        self.eta_label.setText(UNKNOWN if p.scanning else format_duration(p.eta_s))
        self.elapsed_label.setText(format_duration(p.elapsed_s))
        self._show_left_out(p.files_left_out, p.bytes_left_out)
        if p.elapsed_s >= self._next_sample_s:
            self.bar.add_sample(done, p.rate)
            self._next_sample_s = p.elapsed_s + SAMPLE_EVERY_S

    def finish(self, s: Summary) -> None:
        """The final figures; the bar stays where it stopped if the job was cancelled."""
        finished = s.files_done + s.files_updated + s.files_skipped + s.files_failed
        if s.cancelled:
            self.state_label.setText(self.tr("Cancelled"))
            total = max(self._last.files_total, finished) if self._last else finished
        else:
            self._set_bar(BAR_STEPS)
            if self._last is not None:  # the speed curve reaches the end of the bar
                self.bar.add_sample(self._measure(self._last)[1], self._last.rate)
            total = finished
            if s.files_failed:
                self.state_label.setText(
                    self.tr("Finished; %n files failed", "", s.files_failed)
                    if s.files_failed != 1
                    else self.tr("Finished; %n file failed", "", s.files_failed)
                )
            elif s.dry_run:
                self.state_label.setText(self.tr("Dry run finished; nothing was written"))
            else:
                self.state_label.setText(self.tr("Finished"))
        self.files_label.setText(
            self._files_text(finished, total, s.files_skipped, s.files_failed, scanning=False)
        )
        if s.dry_run:
            self.bytes_label.setText(
                self.tr("{size} to copy").format(size=format_size(s.bytes_done))
            )
        else:
            self.bytes_label.setText(
                self.tr("{size} copied").format(size=format_size(s.bytes_done))
            )
        average = s.bytes_done / s.elapsed_s if s.elapsed_s > 0 else 0.0
        self.rate_label.setText(self.tr("{rate} on average").format(rate=format_rate(average)))
        self.eta_label.setText(UNKNOWN)
        self.elapsed_label.setText(format_duration(s.elapsed_s))
        self._show_left_out(s.files_left_out, s.bytes_left_out)

    def _show_left_out(self, files: int, size: int) -> None:
        """The files beneath failed folders, shown only when there are any."""
        self.left_out_label.setText(
            self.tr("{files} files ({size})").format(
                files=format_count(files), size=format_size(size)
            )
        )
        for widget in (self.left_out_label, self._captions[self.left_out_label]):
            widget.setVisible(files > 0)

    @staticmethod
    def _measure(p: Progress) -> tuple[int, int]:
        """How much is done of how much: bytes, or files when every file found so far is
        empty."""
        if p.bytes_total > 0:
            return p.bytes_done, p.bytes_total
        return p.files_finished, p.files_total

    def _set_bar(self, steps: int) -> None:
        self.bar.setValue(steps)
        self.bar.setFormat(format_percent(100 * steps / BAR_STEPS))

    def _files_text(
        self, finished: int, total: int, skipped: int, failed: int, scanning: bool
    ) -> str:
        values = {
            "done": format_count(finished),
            "total": format_count(total),
            "skipped": format_count(skipped),
            "failed": format_count(failed),
        }
        if scanning and (skipped or failed):
            return self.tr("{done} of {total}+ ({skipped} skipped, {failed} failed)").format(
                **values
            )
        if scanning:
            return self.tr("{done} of {total}+").format(**values)
        if skipped or failed:
            return self.tr("{done} of {total} ({skipped} skipped, {failed} failed)").format(
                **values
            )
        return self.tr("{done} of {total}").format(**values)
