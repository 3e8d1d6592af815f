"""Before a mirror deletes or a move empties the source: a dry run, the list, and a question.

The dialog runs a dry run of the very job (`dry_run=True`) through its own `EngineBridge`,
so the run is off the UI thread and its file events arrive as signals, and collects what
the real run would remove: the `deleted` entries of a mirror (target paths) and the files a
move would take out of the source (source paths). Then it asks, with the list. Nothing is
written before the user confirms; Cancel, or a dry run that fails, starts nothing.

The dialog outlives its window when closed during the dry run: the run is cancelled and
`settled` is emitted only once it has ended (a job still holding the target would keep
the next one from starting), so its owner waits for `settled`, not for `finished`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine import FileEvent, Job, Status, Summary
from engine.names import printable
from gui.bridge import EngineBridge
from gui.formatting import format_count
from gui.reason_texts import engine_text

UP_TO_DATE = "unchanged"
"""How the engine's file events begin the reason of a file the target already holds; under
a move such a file leaves the source too. The engine's own constant lives in the worker
package, which the app may not import."""


def would_delete(event: FileEvent) -> bool:
    """A dry run's event for an entry a mirror would remove from the target."""
    return event.status is Status.DELETED


def would_move(event: FileEvent) -> bool:
    """A dry run's event for a source file a move would remove: one it would copy or bring
    up to date, or one the target already holds; not one that fails or that the conflict
    policy leaves alone (a differing target)."""
    if event.moved or event.status in (Status.DONE, Status.UPDATED):
        return True
    reason = event.reason
    return event.status is Status.SKIPPED and (
        reason == UP_TO_DATE or reason.startswith(UP_TO_DATE + " (")
    )


def needs_confirmation(job: Job) -> bool:
    """A job that deletes or removes files, for real."""
    return (job.delete or job.move) and not job.dry_run


@dataclass
class _Section:
    """One list of the dialog: what the run would delete, or what it would move."""

    label: QLabel
    view: QListView
    model: QStringListModel
    paths: list[str]


class ConfirmDialog(QDialog):
    """Runs the dry run, lists what the job would delete or move, and asks; see the module
    docstring.

    Call `start()` once (it raises JobError when the dry run cannot start). `ready` is
    emitted when the list is complete and the question asked; `settled(bool)` once, when the
    dialog is closed and no dry run runs any more: True to start the job for real.
    """

    ready = Signal()
    settled = Signal(bool)

    def __init__(self, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self._closed = False
        self._answer = False
        self._failed = False
        self.bridge = EngineBridge(self)
        self.bridge.files.connect(self._collect)
        self.bridge.progress.connect(self._show_progress)
        self.bridge.finished.connect(self._dry_run_finished)
        self.bridge.error.connect(self._dry_run_failed)

        self.setWindowTitle(self._title())
        self.setMinimumSize(640, 420)
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.question_label = QLabel()
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        self.question_label.setWordWrap(True)
        font = self.question_label.font()
        font.setBold(True)
        self.question_label.setFont(font)
        self.question_label.setAccessibleName(self.tr("Question"))

        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Dry run status"))

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(self.tr("Dry run running"))

        self.sections: dict[str, _Section] = {}
        if job.delete:
            self.sections["delete"] = self._section(
                self.tr("Items to &delete from the target:"),
                self.tr("Items to delete"),
                self.tr("The target's files and folders the mirror would delete"),
            )
        if job.move:
            self.sections["move"] = self._section(
                self.tr("&Files to move out of the source:"),
                self.tr("Files to move"),
                self.tr("The source's files the move would remove once they are copied"),
            )

        self.confirm_button = QPushButton(self._confirm_text())
        self.confirm_button.setAccessibleName(self._confirm_text().replace("&", ""))
        self.confirm_button.setEnabled(False)
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel; write nothing"))
        self.cancel_button.setToolTip(self.tr("Go back to the job without writing anything"))
        # Enter cancels: a destructive step is never the default.
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.question_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.busy_bar)
        for section in self.sections.values():
            layout.addWidget(section.label)
            layout.addWidget(section.view, 1)
        layout.addLayout(buttons)
        self.question_label.hide()

    def _section(self, caption: str, name: str, tip: str) -> _Section:
        model = QStringListModel(self)
        view = QListView()
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setUniformItemSizes(True)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        view.setAccessibleName(name)
        view.setToolTip(tip)
        label = QLabel(caption)
        label.setBuddy(view)
        return _Section(label, view, model, [])

    def _title(self) -> str:
        if self.job.delete and self.job.move:
            return self.tr("Confirm the mirror and move")
        return self.tr("Confirm the mirror") if self.job.delete else self.tr("Confirm the move")

    def _confirm_text(self) -> str:
        if self.job.delete and self.job.move:
            return self.tr("Mirror and &move")
        return self.tr("&Mirror") if self.job.delete else self.tr("&Move")

    # The dry run

    @property
    def running(self) -> bool:
        """True while the dry run runs (also after the dialog was closed, until it ends)."""
        return self.bridge.running

    def start(self) -> None:
        """Start the dry run; JobError when the job cannot run (nothing is started then)."""
        self.status_label.setText(self._looking_text())
        self.bridge.start(replace(self.job, dry_run=True), keep=self._keeps)

    def _keeps(self, event: FileEvent) -> bool:
        return (self.job.delete and would_delete(event)) or (self.job.move and would_move(event))

    def _looking_text(self) -> str:
        if self.job.delete and self.job.move:
            return self.tr("A dry run is finding what the job would delete and move…")
        if self.job.delete:
            return self.tr("A dry run is finding what the mirror would delete…")
        return self.tr("A dry run is finding what the move would take out of the source…")

    def _collect(self, events: list[FileEvent]) -> None:
        for event in events:
            if self.job.delete and would_delete(event):
                self.sections["delete"].paths.append(printable(event.path))
            elif self.job.move and would_move(event):
                self.sections["move"].paths.append(printable(event.path))

    def _show_progress(self, progress: object) -> None:
        found = sum(len(section.paths) for section in self.sections.values())
        self.status_label.setText(
            self._looking_text()
            + "\n"
            + self.tr("Found so far: {count}").format(count=format_count(found))
        )

    def _dry_run_finished(self, summary: Summary) -> None:
        self.busy_bar.hide()
        if self._closed:
            self.settled.emit(False)
            return
        if summary.cancelled:
            self._show_failure(self.tr("The dry run was cancelled."))
            return
        for section in self.sections.values():
            section.model.setStringList(section.paths)
        if not any(section.paths for section in self.sections.values()):
            # Nothing would be deleted or moved: nothing to ask.
            self.accept()
            return
        self.question_label.setText(self._question())
        self.question_label.show()
        self.status_label.setText(self._details(summary))
        self.confirm_button.setEnabled(True)
        self.cancel_button.setFocus()
        self.ready.emit()

    def _question(self) -> str:
        questions = []
        deleted = len(self.sections["delete"].paths) if "delete" in self.sections else 0
        moved = len(self.sections["move"].paths) if "move" in self.sections else 0
        if deleted == 1:
            questions.append(self.tr("Delete 1 item in the target?"))
        elif deleted:
            questions.append(
                self.tr("Delete {count} items in the target?").format(count=format_count(deleted))
            )
        if moved == 1:
            questions.append(self.tr("Move 1 file out of the source?"))
        elif moved:
            questions.append(
                self.tr("Move {count} files out of the source?").format(count=format_count(moved))
            )
        return "\n".join(questions)

    def _details(self, summary: Summary) -> str:
        lines = []
        if "delete" in self.sections and self.sections["delete"].paths:
            lines.append(
                self.tr(
                    "The source has nothing that leads to these files and folders of the "
                    "target; the mirror deletes them after copying."
                )
            )
        if "move" in self.sections and self.sections["move"].paths:
            lines.append(
                self.tr(
                    "Each of these files is removed from the source once its copy is complete "
                    "in the target; a file that fails stays."
                )
            )
        if summary.files_failed:
            lines.append(
                self.tr("The dry run found {count} files that would fail.").format(
                    count=format_count(summary.files_failed)
                )
            )
        if summary.deletions_held:
            lines.append(
                self.tr(
                    "More would be deleted than the job's limit allows, so the mirror will "
                    "delete nothing and the job will fail."
                )
            )
        return "\n".join(lines)

    def _dry_run_failed(self, message: str) -> None:
        self.busy_bar.hide()
        if self._closed:
            self.settled.emit(False)
            return
        self._show_failure(
            self.tr("The dry run could not run: {reason}").format(reason=engine_text(message))
        )

    def _show_failure(self, text: str) -> None:
        self._failed = True
        self.status_label.setText(text)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setAccessibleName(self.tr("Close; write nothing"))
        self.ready.emit()

    # Closing

    def done(self, result: int) -> None:
        """Accepting starts the job; closing during the dry run cancels it first, and
        `settled` waits for it to end."""
        if self._closed:
            return
        self._closed = True
        accepted = result == QDialog.DialogCode.Accepted and not self._failed
        super().done(result)
        if self.bridge.running:
            self.bridge.cancel()
            return
        self.settled.emit(accepted)

    def shutdown(self) -> None:
        """Cancel the dry run and wait for it: the window is closing."""
        self._closed = True
        self.bridge.shutdown()
