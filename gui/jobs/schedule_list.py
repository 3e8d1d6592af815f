"""The scheduled jobs of the sidebar, one row each: when it runs (in words where the
expression has a common shape), the expression itself and the line's id, its next run, the
job file it runs, and Remove; under them, Schedule… to add one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.jobs.cron_words import in_words
from gui.jobs.moments import format_moment
from gui.jobs.planned import Planned
from gui.widgets.side_notes import NoteLabel


class ScheduleRow(QFrame):
    """One scheduled job; `remove(Planned)` when its Remove is pressed."""

    remove = Signal(object)

    def __init__(self, planned: Planned, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.planned = planned
        scheduled = planned.scheduled
        words = in_words(scheduled.cron)
        self.when_label = QLabel(words or scheduled.cron)
        self.when_label.setObjectName("scheduleWhen")
        self.when_label.setWordWrap(True)
        font = self.when_label.font()
        font.setBold(True)
        self.when_label.setFont(font)
        self.cron_label = NoteLabel()
        self.cron_label.setObjectName("scheduleCron")
        self.cron_label.setText(
            self.tr("{cron}, id {id}").format(cron=scheduled.cron, id=scheduled.id)
        )
        next_run = format_moment(planned.next_runs[0], long=True) if planned.next_runs else ""
        self.next_label = NoteLabel()
        self.next_label.setObjectName("scheduleNext")
        self.next_label.setText(self.tr("Next run: {when}").format(when=next_run))
        self.file_label = NoteLabel()
        self.file_label.setObjectName("scheduleFile")
        self.file_label.setText(planned.job_file)
        self.file_label.setToolTip(scheduled.command)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setObjectName("scheduleRemoveButton")
        self.remove_button.setAccessibleName(self.tr("Remove"))
        self.remove_button.setAccessibleDescription(
            self.tr("Scheduled job {id}: {when}").format(
                id=scheduled.id, when=words or scheduled.cron
            )
        )
        self.remove_button.setToolTip(
            self.tr("Take this job out of your crontab ({id})").format(id=scheduled.id)
        )
        self.remove_button.clicked.connect(lambda: self.remove.emit(self.planned))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        for label in (self.when_label, self.cron_label, self.next_label, self.file_label):
            layout.addWidget(label)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)


class ScheduleList(QWidget):
    """The rows, a note when there are none or the crontab cannot be read, and
    Schedule…; `remove(Planned)` and `add_requested` say what was asked."""

    remove = Signal(object)
    add_requested = Signal()
    rearranged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ScheduleRow] = []
        self._shown: list[Planned] | None = None
        self.note = NoteLabel()
        self.note.setObjectName("scheduleNote")
        self.add_button = QPushButton(self.tr("Schedule…"))
        self.add_button.setObjectName("scheduleAddButton")
        self.add_button.setToolTip(self.tr("Run a job at set times from your crontab"))
        self.add_button.clicked.connect(self.add_requested)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addLayout(self._rows)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_problem(self.tr("Reading the schedule…"))

    def show_planned(self, planned: list[Planned]) -> None:
        """One row per scheduled job; the rows are made again only when the list changed
        (it is read again every few seconds)."""
        if planned == self._shown:
            return
        self._clear()
        self._shown = planned
        for entry in planned:
            row = ScheduleRow(entry)
            row.remove.connect(self.remove)
            self._rows.addWidget(row)
            self.rows.append(row)
        self.note.setText(self.tr("No jobs are scheduled."))
        self.note.setVisible(not planned)
        self.rearranged.emit()

    def show_problem(self, text: str) -> None:
        """Why the schedule cannot be shown (no crontab command), in place of the rows."""
        self._clear()
        self.note.setText(text)
        self.note.show()
        self.rearranged.emit()

    def _clear(self) -> None:
        self._shown = None
        for row in self.rows:
            self._rows.removeWidget(row)
            row.deleteLater()
        self.rows = []

    def controls(self) -> list[QWidget]:
        """Its controls in reading order, for the sidebar's tab order."""
        return [*(row.remove_button for row in self.rows), self.add_button]
