"""How far a running job has got: a bar by bytes, the counts, speed, times and a speed chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from engine import Progress, Summary
from gui.formatting import (
    UNKNOWN,
    format_count,
    format_duration,
    format_percent,
    format_rate,
    format_size,
)
from gui.widgets.throughput_chart import ThroughputChart

BAR_STEPS = 1000
"""The bar's range: a fraction of a total, so terabyte totals never overflow Qt's int."""

SAMPLE_EVERY_S = 1.0
"""Chart resolution, measured on the job's own clock (Progress.elapsed_s), not the wall's."""


class ProgressPanel(QWidget):
    """Shows `engine.Progress` values as they arrive, then the `engine.Summary` at the end.

    Expects coalesced input (the engine sends progress about ten times a second); each call
    only sets a few label texts, so it never holds up the UI thread.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last: Progress | None = None
        self._next_sample_s = 0.0

        self.state_label = self._value_label(
            self.tr("State"), self.tr("What the job is doing: scanning, paused or finished")
        )
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.state_label.font()
        font.setBold(True)
        self.state_label.setFont(font)

        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setAccessibleName(self.tr("Overall progress"))
        self.bar.setToolTip(self.tr("Share of all bytes dealt with: copied, skipped or failed"))

        self.files_label = self._value_label(
            self.tr("Files"), self.tr("Files dealt with out of all found so far")
        )
        self.bytes_label = self._value_label(
            self.tr("Data"), self.tr("Bytes dealt with out of all found so far")
        )
        self.rate_label = self._value_label(
            self.tr("Speed"), self.tr("Bytes copied per second, measured over the last moments")
        )
        self.eta_label = self._value_label(
            self.tr("Time left"), self.tr("Estimated time until the job is done")
        )
        self.elapsed_label = self._value_label(
            self.tr("Elapsed"), self.tr("Time since the job started, pauses included")
        )
        self.chart = ThroughputChart()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, value in (
            (self.tr("Files:"), self.files_label),
            (self.tr("Data:"), self.bytes_label),
            (self.tr("Speed:"), self.rate_label),
            (self.tr("Time left:"), self.eta_label),
            (self.tr("Elapsed:"), self.elapsed_label),
        ):
            label = QLabel(caption)
            label.setBuddy(value)
            form.addRow(label, value)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_label)
        layout.addWidget(self.bar)
        layout.addLayout(form)
        layout.addWidget(self.chart)
        layout.addStretch(1)
        self.reset()

    def _value_label(self, name: str, tip: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setToolTip(tip)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def reset(self) -> None:
        """Back to the empty state, ready for the next run."""
        self._last = None
        self._next_sample_s = 0.0
        self.state_label.setText(self.tr("Not started"))
        self._set_bar(0)
        for label in (
            self.files_label,
            self.bytes_label,
            self.rate_label,
            self.eta_label,
            self.elapsed_label,
        ):
            label.setText(UNKNOWN)
        self.chart.clear()

    def update_progress(self, p: Progress) -> None:
        self._last = p
        if p.paused:
            self.state_label.setText(self.tr("Paused"))
        elif p.scanning:
            self.state_label.setText(self.tr("Scanning and copying…"))
        else:
            self.state_label.setText(self.tr("Copying…"))
        self._set_bar(self._steps(p))
        self.files_label.setText(
            self._files_text(
                p.files_finished, p.files_total, p.files_skipped, p.files_failed, p.scanning
            )
        )
        if p.scanning:
            self.bytes_label.setText(
                self.tr("{done} of {total}+").format(
                    done=format_size(p.bytes_done), total=format_size(p.bytes_total)
                )
            )
        else:
            self.bytes_label.setText(
                self.tr("{done} of {total}").format(
                    done=format_size(p.bytes_done), total=format_size(p.bytes_total)
                )
            )
        self.rate_label.setText(format_rate(p.rate))
        self.eta_label.setText(UNKNOWN if p.scanning else format_duration(p.eta_s))
        self.elapsed_label.setText(format_duration(p.elapsed_s))
        if p.elapsed_s >= self._next_sample_s:
            self.chart.add_sample(p.rate)
            self._next_sample_s = p.elapsed_s + SAMPLE_EVERY_S

    def finish(self, s: Summary) -> None:
        """The final figures; the bar stays where it stopped if the job was cancelled."""
        finished = s.files_done + s.files_updated + s.files_skipped + s.files_failed
        if s.cancelled:
            self.state_label.setText(self.tr("Cancelled"))
            total = max(self._last.files_total, finished) if self._last else finished
        else:
            self._set_bar(BAR_STEPS)
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

    @staticmethod
    def _steps(p: Progress) -> int:
        """The bar position: by bytes, or by files when every file found so far is empty."""
        if p.bytes_total > 0:
            done, total = p.bytes_done, p.bytes_total
        else:
            done, total = p.files_finished, p.files_total
        if total <= 0:
            return 0
        return min(BAR_STEPS, BAR_STEPS * done // total)

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
