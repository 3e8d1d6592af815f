"""The preview dialog: a job's stage chain tried on a few sample files, and a rough estimate.

Each sample's tooltip names the stages that ran on it (the samples are drawn so that every
stage is tried on files it applies to); the estimate says when the speed limit holds it.

`engine.preview.preview` scans the source and runs the chain on samples, which can take a
while on a big tree or a slow command, so it runs on a pool thread; its result comes back by
a queued signal and the UI thread only fills a small table. Closing the dialog sets the
preview's stop event and returns at once: the pool thread notices within one chunk (or one
poll of a running command) and ends on its own.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine import EngineError, Job
from engine.control import Cancelled
from engine.names import printable
from engine.preview import Preview, SampleResult, preview
from gui.formatting import UNKNOWN, format_count, format_percent, format_rate, format_size
from gui.reason_texts import engine_text

COLUMNS = 6
ERROR_COLUMN = 5
"""Shown only when some sample failed, so file names get the room otherwise."""


class _Outcome(QObject):
    """Carries the pool thread's result to the dialog; as the dialog lives on the UI thread,
    emits from the pool thread reach it queued."""

    done = Signal(object)
    failed = Signal(str)


class _PreviewTask(QRunnable):
    """Runs `preview` off the UI thread and reports exactly one outcome unless stopped."""

    def __init__(self, job: Job, stop: threading.Event, outcome: _Outcome) -> None:
        super().__init__()
        self._job = job
        self._stop = stop
        self._outcome = outcome

    def run(self) -> None:
        try:
            result = preview(self._job, stop=self._stop)
        except Cancelled:
            return
        except EngineError as exc:
            self._outcome.failed.emit(str(exc))
            return
        except Exception as exc:
            self._outcome.failed.emit(
                QCoreApplication.translate(
                    "PreviewDialog", "The preview failed unexpectedly: {error}"
                ).format(error=f"{type(exc).__name__}: {exc}")
            )
            return
        self._outcome.done.emit(result)


def format_seconds(seconds: float) -> str:
    """A measured time short enough to read at a glance: "0.4 ms", "12 ms", "4.2 s",
    "3 min 20 s", "2 h 5 min"; digits as the current locale writes them."""
    if seconds < 0.01:
        return QCoreApplication.translate("PreviewDialog", "{0} ms").format(
            QLocale().toString(seconds * 1000, "f", 1)
        )
    if seconds < 1:
        return QCoreApplication.translate("PreviewDialog", "{0} ms").format(round(seconds * 1000))
    if seconds < 59.95:
        return QCoreApplication.translate("PreviewDialog", "{0} s").format(
            QLocale().toString(seconds, "f", 1)
        )
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return QCoreApplication.translate("PreviewDialog", "{0} h {1} min").format(hours, minutes)
    return QCoreApplication.translate("PreviewDialog", "{0} min {1} s").format(minutes, secs)


class PreviewDialog(QDialog):
    """Shows what the job's chain does to a few of its files, and about how long it will take.

    Call `start()` once after constructing; `ready` carries the `engine.preview.Preview` once
    the table is filled, `failed` a sentence when the job is invalid.
    """

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._stop = threading.Event()
        self._outcome = _Outcome()
        self._outcome.done.connect(self._show_result)
        self._outcome.failed.connect(self._show_failure)
        self._running = False

        self.setWindowTitle(self.tr("Preview"))
        self.setMinimumSize(760, 420)

        self.intro_label = QLabel(
            self.tr(
                "The stage chain runs on a few sample files from the source, into a temporary "
                "folder; nothing is written to the target."
            )
        )
        self.intro_label.setWordWrap(True)

        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Preview status"))
        self.status_label.setToolTip(self.tr("What the preview is doing, or why it stopped"))

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(self.tr("Preview running"))
        self.busy_bar.setToolTip(self.tr("The preview is scanning the source and trying samples"))
        policy = self.busy_bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the table below stays put when it goes
        self.busy_bar.setSizePolicy(policy)

        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Sample file"),
                self.tr("Input"),
                self.tr("Output"),
                self.tr("Ratio"),
                self.tr("Time"),
                self.tr("Error"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ERROR_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setColumnHidden(ERROR_COLUMN, True)
        self.table.setAccessibleName(self.tr("Sample files"))
        self.table.setToolTip(
            self.tr(
                "Each sample's size before and after the stages, output size as a share of "
                "the input, the time it took, and any error"
            )
        )
        table_label = QLabel(self.tr("&Samples:"))
        table_label.setBuddy(self.table)

        self.totals_label = self._value_label(
            self.tr("Files in the job"), self.tr("Files and bytes the job would copy")
        )
        self.estimate_label = self._value_label(
            self.tr("Estimated time"),
            self.tr(
                "A rough guess at the whole job's duration from the samples' cost per file and "
                "per byte, shared among the workers and held to the speed limit; it assumes "
                "the samples are typical, and plain copies depend mostly on the disks"
            ),
        )
        form = QFormLayout()
        for caption, value in (
            (self.tr("Files in the job:"), self.totals_label),
            (self.tr("Estimated time:"), self.estimate_label),
        ):
            label = QLabel(caption)
            label.setBuddy(value)
            form.addRow(label, value)

        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(table_label)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._set_running(False)
        self.totals_label.setText(UNKNOWN)
        self.estimate_label.setText(UNKNOWN)

    def _value_label(self, name: str, tip: str) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(name)
        label.setToolTip(tip)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Begin the preview on a pool thread; does nothing while one is running or after
        the dialog was closed."""
        if self._running or self._stop.is_set():
            return
        self.table.setRowCount(0)
        self.status_label.setText(
            self.tr("Scanning the source and trying the stages on sample files…")
        )
        self._set_running(True)
        QThreadPool.globalInstance().start(_PreviewTask(self._job, self._stop, self._outcome))

    def done(self, result: int) -> None:
        """Closing stops the preview without waiting for it: the pool thread ends by itself."""
        self._stop.set()
        self._set_running(False)
        super().done(result)

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.busy_bar.setVisible(running)
        if running:
            self.close_button.setText(self.tr("Cancel"))
            self.close_button.setAccessibleName(self.tr("Cancel the preview"))
            self.close_button.setToolTip(self.tr("Stop the preview and close this window"))
        else:
            self.close_button.setText(self.tr("Close"))
            self.close_button.setAccessibleName(self.tr("Close the preview"))
            self.close_button.setToolTip(self.tr("Close this window"))

    def _show_failure(self, message: str) -> None:
        if self._stop.is_set():
            return
        self._set_running(False)
        self.status_label.setText(
            self.tr("The preview could not run: {reason}").format(reason=engine_text(message))
        )
        self.failed.emit(message)

    def _show_result(self, result: Preview) -> None:
        if self._stop.is_set():
            return
        self._set_running(False)
        self.table.setRowCount(len(result.samples))
        for row, sample in enumerate(result.samples):
            for column, item in enumerate(self._row_items(sample)):
                self.table.setItem(row, column, item)
        self.table.setColumnHidden(ERROR_COLUMN, not any(s.error for s in result.samples))
        self.status_label.setText(self._status_text(result))
        self.totals_label.setText(
            self.tr("{files} files, {size}").format(
                files=format_count(result.total_files), size=format_size(result.total_bytes)
            )
        )
        self.estimate_label.setText(self._estimate_text(result))
        self.ready.emit(result)

    def _status_text(self, result: Preview) -> str:
        if not result.samples:
            return self.tr("The source holds no files the job would copy.")
        failed = sum(1 for s in result.samples if s.error)
        if failed:
            return self.tr("{failed} of {count} samples failed; see the Error column.").format(
                failed=format_count(failed), count=format_count(len(result.samples))
            )
        return self.tr("Every sample went through the stages.")

    def _estimate_text(self, result: Preview) -> str:
        if result.estimate_s is None:
            return self.tr("No estimate: no sample with data went through the stages")
        text = self._duration_text(result.estimate_s)
        if not self._job.bwlimit:
            return text
        return self.tr("{estimate}, each held to {rate}").format(
            estimate=text, rate=format_rate(self._job.bwlimit)
        )

    def _duration_text(self, seconds: float) -> str:
        workers = self._job.workers
        if seconds < 1:
            if workers == 1:
                return self.tr("Under a second with %n worker", "", workers)
            return self.tr("Under a second with %n workers", "", workers)
        duration = format_seconds(seconds)
        if workers == 1:
            return self.tr("About {duration} with %n worker", "", workers).format(duration=duration)
        return self.tr("About {duration} with %n workers", "", workers).format(duration=duration)

    def _row_items(self, sample: SampleResult) -> list[QTableWidgetItem]:
        path = printable(sample.path)
        name = QTableWidgetItem(path)
        output = printable(sample.output_name)
        if sample.stages:
            tip = self.tr("{path}\nthrough {stages}\nwritten as {output}").format(
                path=path, stages=" → ".join(sample.stages), output=output
            )
        else:
            tip = self.tr("{path}\nno stage applies: copied as it is").format(path=path)
        name.setToolTip(tip)
        failed = bool(sample.error)
        if failed or not sample.input_bytes:
            ratio = UNKNOWN
        else:
            ratio = format_percent(100 * sample.output_bytes / sample.input_bytes)
        numbers = [
            QTableWidgetItem(text)
            for text in (
                format_size(sample.input_bytes),
                UNKNOWN if failed else format_size(sample.output_bytes),
                ratio,
                format_seconds(sample.seconds),
            )
        ]
        for item in numbers:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        error = QTableWidgetItem(engine_text(sample.error))
        error.setToolTip(error.text())
        return [name, *numbers, error]
