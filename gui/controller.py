"""The run controller: one job at a time, from Start to its summary.

It holds the run state, starts, pauses, resumes and cancels jobs through the
`EngineBridge`, and feeds the bridge's signals to the panels that show a run (progress,
workers, log, the summary banner). It builds the run's buttons and panels and enables
Start, Pause, Cancel and Preview (buttons and the window's menu actions alike) from the
run state and the form's last check. A mirror or a move asks first: `ConfirmDialog` runs a
dry run of it and lists what it would delete or move, and the job starts only once that is
confirmed. Job → Compare source and target runs `engine check` of the form's job
(`Comparer`) and lists the differences in the log. Where they sit is the window's business,
and so is the status bar: the controller only says what to show there, through `message`.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from enum import Enum

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from engine import Job, JobError, Summary
from engine.check import Tally, Verdict
from engine.filters import escape_glob
from gui.bridge import EngineBridge
from gui.compare import Comparer
from gui.confirm_dialog import ConfirmDialog, needs_confirmation
from gui.formatting import format_count, format_duration, format_rate, format_size
from gui.job_form import JobForm
from gui.preview_dialog import PreviewDialog
from gui.widgets.log_panel import LogPanel
from gui.widgets.progress_panel import ProgressPanel
from gui.widgets.worker_table import WorkerTable


def plain_text(label: str) -> str:
    """A button's text without its accelerator (`&Start`, `开始(&S)`) or ellipsis."""
    return re.sub(r"\(&\w\)|&", "", label).rstrip("…").strip()


class RunState(Enum):
    IDLE = "idle"
    """No job has run yet."""
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    """The last job ended: done, cancelled, or it could not run."""


class RunController(QObject):
    """Runs the form's job and shows it running; see the module docstring."""

    message = Signal(str, int)
    """A status-bar message and how long to show it in ms (0: until the next one)."""
    job_started = Signal(object)
    """The Job that has just started, so the window can remember it for the next session."""

    def __init__(self, form: JobForm, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = form
        self._dialog_parent = parent
        self.bridge = EngineBridge(self)
        self.comparer = Comparer(self)
        self.confirmation: ConfirmDialog | None = None
        """The dialog asking before a mirror or a move, from Start until it has settled."""
        self._state = RunState.IDLE
        self._running_job: Job | None = None
        self._start_actions: list[QAction] = []
        self._pause_actions: list[QAction] = []
        self._cancel_actions: list[QAction] = []
        self._preview_actions: list[QAction] = []
        self._compare_actions: list[QAction] = []
        self._build_controls()
        self._build_panels()
        self._connect()

    def _build_controls(self) -> None:
        self.preview_button = QPushButton(self.tr("Pre&view…"))
        self.preview_button.setToolTip(
            self.tr("Run the stages on a few sample files and estimate the whole job")
        )
        self.start_button = QPushButton(self.tr("&Start"))
        self.start_button.setDefault(True)
        self.start_button.setToolTip(self.tr("Start copying (Ctrl+Return)"))
        self.pause_button = QPushButton(self.tr("&Pause"))
        self.pause_button.setToolTip(self.tr("Pause or resume the running job (Ctrl+P)"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop the job; files being written are removed, finished ones stay")
        )
        for button in self.buttons():
            button.setAccessibleName(plain_text(button.text()))
        self.start_problem = QLabel()
        self.start_problem.setWordWrap(True)
        self.start_problem.setAccessibleName(self.tr("Why the job cannot start"))

    def _build_panels(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("summaryBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setWordWrap(True)
        self.banner.setMargin(8)
        self.banner.setAccessibleName(self.tr("Job summary"))
        self.banner.hide()
        self.progress = ProgressPanel()
        self.worker_table = WorkerTable()
        self.log = LogPanel()

    def _connect(self) -> None:
        self.form.validated.connect(self._show_readiness)
        self.form.workers.valueChanged.connect(self._workers_changed)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button.clicked.connect(self.cancel)
        self.preview_button.clicked.connect(self.show_preview)
        self.bridge.progress.connect(self.progress.update_progress)
        self.bridge.workers.connect(self.worker_table.set_workers)
        self.bridge.problems.connect(self.log.add_problems)
        self.bridge.finished.connect(self._finished)
        self.bridge.error.connect(self._failed)
        self.log.retry_requested.connect(self.retry_failed)
        self.log.open_target_requested.connect(self.open_target)
        self.comparer.differences.connect(self.log.add_differences)
        self.comparer.finished.connect(self._compared)
        self.comparer.failed.connect(self._compare_failed)

    def buttons(self) -> tuple[QPushButton, ...]:
        """Preview, Start, Pause and Cancel, in the order they are shown."""
        return (self.preview_button, self.start_button, self.pause_button, self.cancel_button)

    def add_actions(
        self,
        *,
        start: QAction,
        pause: QAction,
        cancel: QAction,
        preview: QAction,
        compare: QAction | None = None,
    ) -> None:
        """Let menu actions do what the buttons do, enabled and disabled along with them;
        `compare` (no button) compares the source and the target."""
        start.triggered.connect(self.start)
        pause.triggered.connect(self.toggle_pause)
        cancel.triggered.connect(self.cancel)
        preview.triggered.connect(self.show_preview)
        self._start_actions.append(start)
        self._pause_actions.append(pause)
        self._cancel_actions.append(cancel)
        self._preview_actions.append(preview)
        if compare is not None:
            compare.triggered.connect(self.compare)
            self._compare_actions.append(compare)
        self._enable()

    # The state

    @property
    def state(self) -> RunState:
        return self._state

    @property
    def running(self) -> bool:
        """True from a successful start until the bridge reports the end (paused included)."""
        return self.bridge.running

    @property
    def busy(self) -> bool:
        """A job runs, a mirror or move waits for its confirmation (or for its dry run to
        end), or a comparison runs: nothing else may start."""
        return self.running or self.confirmation is not None or self.comparer.running

    def show_problem(self, text: str) -> None:
        """Say beside Start why the job cannot start or be used, until the form's next check."""
        self.start_problem.setText(text)

    def _show_readiness(self, problem: str) -> None:
        """After each check of the form: why the job cannot start, if it cannot."""
        self.start_problem.setText(problem)
        self._enable()

    def _enable(self) -> None:
        """Start, Preview and Compare when the form is valid and nothing runs; Pause and
        Cancel while a job does."""
        ready = self.form.is_valid() and not self.busy
        for widget in (self.start_button, self.preview_button):
            widget.setEnabled(ready)
        for action in self._start_actions + self._preview_actions + self._compare_actions:
            action.setEnabled(ready)
        running = self.running
        for widget in (self.pause_button, self.cancel_button):
            widget.setEnabled(running)
        for action in self._pause_actions + self._cancel_actions:
            action.setEnabled(running)

    # Running

    def start(self) -> None:
        """Start the form's job; a mirror or a move only once its list is confirmed."""
        if self.busy:
            return
        try:
            job = self.form.job()
        except JobError as exc:
            self.show_problem(str(exc))
            return
        if needs_confirmation(job):
            self._confirm(job)
        else:
            self._run(job)

    def _confirm(self, job: Job) -> None:
        """A dry run of the job, then the question; the job runs once it is answered yes."""
        dialog = ConfirmDialog(job, self._dialog_parent)
        try:
            dialog.start()
        except JobError as exc:
            dialog.deleteLater()
            self.show_problem(str(exc))
            return
        self.confirmation = dialog
        dialog.settled.connect(self._confirmed)
        self.message.emit(self.tr("Dry run: finding what the job would delete or move…"), 0)
        self._enable()
        dialog.open()

    def _confirmed(self, accepted: bool) -> None:
        dialog, self.confirmation = self.confirmation, None
        if dialog is not None:
            dialog.deleteLater()
        if accepted and dialog is not None:
            self._run(dialog.job)
            return
        self.message.emit(self.tr("Nothing was written."), 10_000)
        self.form.validate()

    def _run(self, job: Job) -> None:
        self.banner.hide()
        self.progress.reset()
        self.worker_table.clear()
        self.log.clear()
        self.log.set_finished(False)
        try:
            self.bridge.start(job)
        except JobError as exc:
            self.show_problem(str(exc))
            return
        self._running_job = job
        self._state = RunState.RUNNING
        self.pause_button.setText(self.tr("&Pause"))
        self.job_started.emit(job)
        self.message.emit(self.tr("Copying…"), 0)
        self.form.validate()

    def toggle_pause(self) -> None:
        if not self.running:
            return
        if self._state is RunState.PAUSED:
            self.bridge.resume()
            self.pause_button.setText(self.tr("&Pause"))
            self.message.emit(self.tr("Copying…"), 0)
            self._state = RunState.RUNNING
        else:
            self.bridge.pause()
            self.pause_button.setText(self.tr("&Resume"))
            self.message.emit(self.tr("Paused"), 0)
            self._state = RunState.PAUSED

    def cancel(self) -> None:
        if self.running:
            self.bridge.cancel()
            self.message.emit(self.tr("Cancelling…"), 0)

    def shutdown(self) -> None:
        """Cancel the job, dry run or comparison, if any, and wait for the job and the dry
        run to end: the window is closing."""
        if self.confirmation is not None:
            self.confirmation.shutdown()
        self.comparer.stop()
        self.bridge.shutdown()

    def _workers_changed(self, value: int) -> None:
        if self.running:
            self.bridge.set_workers(value)

    def _finished(self, summary: Summary) -> None:
        self._state = RunState.FINISHED
        self.progress.finish(summary)
        self.worker_table.clear()
        self.log.set_finished(True)
        self.banner.setText(self._summary_text(summary))
        self.banner.show()
        self.message.emit(self.tr("Finished"), 10_000)
        self.pause_button.setText(self.tr("&Pause"))
        self.form.validate()

    def _summary_text(self, s: Summary) -> str:
        """The end-of-job banner, one whole translatable sentence per outcome."""
        if s.cancelled:
            text = self.tr(
                "Cancelled. {done} copied, {updated} metadata updated, {skipped} skipped, "
                "{failed} failed; {size} in {time} ({rate})."
            )
        elif s.files_failed:
            text = self.tr(
                "Finished with failures. {done} copied, {updated} metadata updated, "
                "{skipped} skipped, {failed} failed; {size} in {time} ({rate})."
            )
        else:
            text = self.tr(
                "Done. {done} copied, {updated} metadata updated, {skipped} skipped, "
                "{failed} failed; {size} in {time} ({rate})."
            )
        return text.format(
            done=format_count(s.files_done),
            updated=format_count(s.files_updated),
            skipped=format_count(s.files_skipped),
            failed=format_count(s.files_failed),
            size=format_size(s.bytes_done),
            time=format_duration(s.elapsed_s),
            rate=format_rate(s.bytes_done / s.elapsed_s if s.elapsed_s > 0 else 0.0),
        )

    def _failed(self, message: str) -> None:
        self._state = RunState.FINISHED
        self.log.set_finished(True)
        self.banner.setText(self.tr("The job could not run: {reason}").format(reason=message))
        self.banner.show()
        self.form.validate()

    def retry_failed(self) -> None:
        """Run the last job again on exactly the files that failed."""
        paths = self.log.failed_paths()
        if not paths or self._running_job is None or self.busy:
            return
        include = tuple(escape_glob(path) for path in paths)
        self._run(replace(self._running_job, include=include))

    def open_target(self) -> None:
        target = self.form.target.path()
        if target and os.path.isdir(target):
            QDesktopServices.openUrl(QUrl.fromLocalFile(target))

    # Comparing

    def compare(self) -> None:
        """Compare the form's source and target as `engine check` does; the differences go
        to the log, the counts to the status bar."""
        if self.busy:
            return
        try:
            job = self.form.job()
            self.comparer.start(job)
        except JobError as exc:
            self.show_problem(str(exc))
            return
        self.banner.hide()
        self.log.clear()
        self.log.set_finished(False)
        self.message.emit(self.tr("Comparing the source and the target…"), 0)
        self._enable()

    def _compared(self, tally: Tally) -> None:
        self.log.set_finished(True)
        self.message.emit(self.compare_summary(tally), 0)
        self._enable()

    def _compare_failed(self, message: str) -> None:
        self.log.set_finished(True)
        self.message.emit(
            self.tr("The comparison could not run: {reason}").format(reason=message), 0
        )
        self._enable()

    def compare_summary(self, tally: Tally) -> str:
        """`1 missing, 2 changed, 1 extra; 4,210 matching`, in the app's language."""
        words = {
            Verdict.MISSING: self.tr("{count} missing"),
            Verdict.CHANGED: self.tr("{count} changed"),
            Verdict.EXTRA: self.tr("{count} extra"),
            Verdict.UNREADABLE: self.tr("{count} unreadable"),
        }
        found = [
            words[verdict].format(count=format_count(count))
            for verdict, count in tally.found.items()
            if count and verdict in words
        ]
        matching = format_count(tally.matching)
        if not found:
            return self.tr(
                "The target matches the source: no differences; {matching} matching"
            ).format(matching=matching)
        return self.tr("{found}; {matching} matching").format(
            found=self.tr(", ").join(found), matching=matching
        )

    def show_preview(self) -> None:
        try:
            job = self.form.job()
        except JobError as exc:
            self.show_problem(str(exc))
            return
        dialog = PreviewDialog(job, self._dialog_parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.start()
