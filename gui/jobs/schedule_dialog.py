"""Schedule a job to run from the user's crontab, as `engine schedule add` does: which job
(the one in the form, or a job file), and when (a cron expression, checked as it is typed:
what is wrong with it shows under the field, in the CLI's words; what it means and the next
three times it runs show while it is right).

Schedule adds the line on the thread pool (it runs `crontab` and checks the job's folders);
the dialog closes once the line is in, or shows why it could not be added.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from engine import Job, JobError
from engine.schedule import Scheduled, cron_problem, next_runs
from gui.jobs import planned
from gui.jobs.background import Background
from gui.jobs.cron_words import in_words
from gui.jobs.moments import format_moment
from gui.tab_order import set_tab_order
from gui.widgets.side_notes import ErrorLabel, NoteLabel

DEFAULT_CRON = "0 2 * * *"
MIN_WIDTH_CHARS = 60
"""Room for a run's date in words on one line, and for the reason a bad expression is
refused on two."""


class ScheduleDialog(QDialog):
    """See the module docstring. `form_job` gives the job the window's form describes
    (raising JobError when it cannot run); without it only a job file can be scheduled.
    `scheduled(Scheduled)` is emitted once the line is in the crontab."""

    scheduled = Signal(object)

    def __init__(
        self, form_job: Callable[[], Job] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDialog")
        self.setWindowTitle(self.tr("Schedule a job"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * MIN_WIDTH_CHARS)
        self._form_job = form_job
        self._background = Background(self)

        self.form_choice = QRadioButton(self.tr("The job in the form"))
        self.form_choice.setObjectName("scheduleFormJob")
        self.form_choice.setToolTip(self.tr("Save the job the window describes, and run it"))
        self.form_choice.setEnabled(form_job is not None)
        self.file_choice = QRadioButton(self.tr("A job file:"))
        self.file_choice.setObjectName("scheduleFileJob")
        self.file_choice.setToolTip(self.tr("Run a job file saved with File → Save job"))
        choices = QButtonGroup(self)
        choices.addButton(self.form_choice)
        choices.addButton(self.file_choice)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("scheduleJobFile")
        self.file_edit.setAccessibleName(self.tr("Job file"))
        self.file_edit.setToolTip(self.tr("The job file (.toml) to run"))
        self.file_edit.setPlaceholderText(self.tr("nightly.toml"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("scheduleBrowse")
        self.browse_button.setAccessibleName(self.tr("Choose the job file"))
        self.browse_button.setToolTip(self.tr("Choose the job file"))
        self.job_error = ErrorLabel()
        self.job_error.setObjectName("scheduleJobError")

        self.cron_edit = QLineEdit(DEFAULT_CRON)
        self.cron_edit.setObjectName("scheduleCron")
        self.cron_edit.setAccessibleName(self.tr("Cron expression"))
        self.cron_edit.setToolTip(
            self.tr(
                "Five fields: minute, hour, day of the month, month, day of the week; "
                '"0 2 * * *" is 02:00 every day, "30 1 * * 1-5" 01:30 Monday to Friday'
            )
        )
        self.cron_label = QLabel(self.tr("&When (cron):"))
        self.cron_label.setBuddy(self.cron_edit)
        self.cron_error = ErrorLabel()
        self.cron_error.setObjectName("scheduleCronError")
        self.meaning = NoteLabel()
        self.meaning.setObjectName("scheduleMeaning")
        self.meaning.setAccessibleName(self.tr("Next runs"))

        self.add_error = ErrorLabel()
        self.add_error.setObjectName("scheduleAddError")

        self.buttons = QDialogButtonBox()
        self.schedule_button = self.buttons.addButton(
            self.tr("Schedule"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.schedule_button.setObjectName("scheduleButton")
        self.schedule_button.setToolTip(self.tr("Add the job to your crontab"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(self.tr("Close; schedule nothing"))
        self.schedule_button.setDefault(True)

        self._lay_out()
        self.form_choice.toggled.connect(self._check)
        self.file_edit.textChanged.connect(self._file_typed)
        self.browse_button.clicked.connect(self._browse)
        self.cron_edit.textChanged.connect(self._check)
        self.schedule_button.clicked.connect(self._schedule)
        self.cancel_button.clicked.connect(self.reject)
        (self.form_choice if form_job is not None else self.file_choice).setChecked(True)
        self._check()

    def _lay_out(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        which = QVBoxLayout()
        which.addWidget(self.form_choice)
        which.addWidget(self.file_choice)
        which.addLayout(file_row)
        which.addWidget(self.job_error)
        when = QVBoxLayout()
        when.addWidget(self.cron_edit)
        when.addWidget(self.cron_error)
        when.addWidget(self.meaning)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        job_label = QLabel(self.tr("Job:"))
        job_label.setBuddy(self.form_choice)
        form.addRow(job_label, which)
        form.addRow(self.cron_label, when)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.add_error)
        layout.addWidget(self.buttons)
        set_tab_order((*self._fields(), self.cancel_button))

    def _fields(self) -> tuple[QWidget, ...]:
        """What can be changed or pressed before Cancel, in reading order."""
        return (
            self.form_choice,
            self.file_choice,
            self.file_edit,
            self.browse_button,
            self.cron_edit,
            self.schedule_button,
        )

    def _file_typed(self, text: str) -> None:
        if text:
            self.file_choice.setChecked(True)
        self._check()

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the job file"))
        dialog.setObjectName("scheduleFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Job files (*.toml)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.file_edit.setText)
        dialog.open()

    def _check(self) -> None:
        """Say what is wrong with the expression at the field, or what it means; Schedule
        only with a job and a right expression."""
        expression = self.cron_edit.text().strip()
        problem = cron_problem(expression)
        self.cron_error.show_error(problem)
        self.cron_edit.setAccessibleDescription(problem or "")
        self.meaning.setText("" if problem else self._meaning(expression))
        self.meaning.setVisible(problem is None)
        has_job = self.form_choice.isChecked() or bool(self.file_edit.text().strip())
        self.schedule_button.setEnabled(problem is None and has_job)
        self.job_error.show_error(None)
        self.add_error.show_error(None)

    def _meaning(self, expression: str) -> str:
        runs = next_runs(expression, planned.NEXT_RUNS)
        times = "\n".join(format_moment(moment, long=True) for moment in runs)
        words = in_words(expression)
        if words is None:
            return self.tr("Next runs:\n{times}").format(times=times)
        return self.tr("{words}.\nNext runs:\n{times}").format(words=words, times=times)

    def _schedule(self) -> None:
        if not self.schedule_button.isEnabled():
            return
        job: Path | Job
        try:
            if self.form_choice.isChecked() and self._form_job is not None:
                job = self._form_job()
            else:
                job = Path(self.file_edit.text().strip()).expanduser()
        except JobError as exc:
            self.job_error.show_error(str(exc))
            return
        expression = self.cron_edit.text().strip()
        self._busy(True)
        self._background.run(lambda: planned.add(job, expression), self._added, self._refused)

    def _busy(self, busy: bool) -> None:
        """While the line is being added nothing can be changed; after, as the fields say."""
        for widget in self._fields():
            widget.setEnabled(not busy)
        self.form_choice.setEnabled(not busy and self._form_job is not None)
        self.schedule_button.setText(self.tr("Scheduling…") if busy else self.tr("Schedule"))
        if not busy:
            self._check()

    def _added(self, entry: Scheduled) -> None:
        self._busy(False)
        self.scheduled.emit(entry)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._busy(False)
        self.add_error.show_error(
            self.tr("The job could not be scheduled: {reason}").format(reason=error)
        )
