"""One running or queued job in the sidebar: where it copies, what it is doing, how far it
has got (a small bar, the speed and the time left), and Pause/Resume, Cancel and Show.

A card is made once per job and updated in place on every poll, so the keyboard focus and a
screen reader's place stay on it while its figures change.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gui.formatting import format_count, format_duration, format_rate
from gui.jobs.button_row import button_row
from gui.jobs.route import RouteLabel, route
from gui.jobs.running import Op, RunningJob, State, percent
from gui.widgets.side_notes import NoteLabel

BAR_STEPS = 1000
BAR_HEIGHT_LINES = 0.6
"""The bar's height, in lines of text: a thin one, as a card holds several lines."""


class JobCard(QFrame):
    """A job of the sidebar; `steer(entry, Op)` and `attach(entry)` say what was asked."""

    steer = Signal(object, object)
    attach = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.job: RunningJob | None = None
        self.route_label = RouteLabel()
        self.route_label.setObjectName("jobRoute")
        font = self.route_label.font()
        font.setBold(True)
        self.route_label.setFont(font)
        self.state_label = QLabel()
        self.state_label.setObjectName("jobState")
        self.state_label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("jobProgress")
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(max(6, int(self.fontMetrics().height() * BAR_HEIGHT_LINES)))
        self.speed_label = NoteLabel()
        self.speed_label.setObjectName("jobSpeed")

        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("jobPauseButton")
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.cancel_button = QPushButton(self.tr("Cancel…"))
        self.cancel_button.setObjectName("jobCancelButton")
        self.cancel_button.clicked.connect(self._cancel)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName("jobShowButton")
        self.show_button.setToolTip(self.tr("Follow this job in the window"))
        self.show_button.clicked.connect(self._attach)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(self.route_label)
        layout.addWidget(self.state_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.speed_label)
        layout.addWidget(button_row(self.buttons()))

    def buttons(self) -> tuple[QPushButton, ...]:
        """Pause/Resume, Cancel and Show, in the order shown."""
        return (self.pause_button, self.cancel_button, self.show_button)

    def show_job(self, job: RunningJob, place: int = 0) -> None:
        """Show `job`'s latest state; `place` is its place in the queue (1 first), if queued."""
        self.job = job
        entry = job.entry
        where = route(entry.source, entry.target)
        self.route_label.set_route(entry.source, entry.target)
        state = self._state_text(job, place)
        self.state_label.setText(state)
        self.setAccessibleName(self.tr("{route}: {state}").format(route=where, state=state))
        process = self.tr("Process {pid}").format(pid=entry.pid)
        self.state_label.setToolTip(self.tr("This app's own job") if job.own else process)
        done = job.fraction()
        moving = job.state in (State.RUNNING, State.SCANNING, State.PAUSED)
        self.bar.setVisible(moving)
        if done is None:
            self.bar.setRange(0, 0)  # busy: nothing is known yet
        else:
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setValue(round(done * BAR_STEPS))
        self.bar.setAccessibleName(self.tr("Progress of {route}").format(route=where))
        self.speed_label.setText(self._speed_text(job))
        self.speed_label.setVisible(moving or job.waits_for is not None)
        self._enable(job, where)

    def _state_text(self, job: RunningJob, place: int) -> str:
        if job.state is State.QUEUED:
            return self.tr("Queued, number {place} in line").format(place=place)
        if job.state is State.STOPPED:
            return self.tr("Stopped (Ctrl-Z)")
        files = self.tr("{done} of {total} files").format(
            done=format_count(job.files_done), total=format_count(job.files_total)
        )
        done = job.fraction()
        if job.state is State.PAUSED and done is None:
            return self.tr("Paused; {files}").format(files=files)
        if job.state is State.PAUSED and done is not None:
            return self.tr("Paused at {percent}; {files}").format(
                percent=percent(done), files=files
            )
        if job.state is State.SCANNING or done is None:
            return self.tr("Scanning; {files}").format(files=files)
        return self.tr("Copying, {percent}; {files}").format(percent=percent(done), files=files)

    def _speed_text(self, job: RunningJob) -> str:
        if job.waits_for is not None:
            return self.tr("Waits for the job writing to {target}").format(
                target=job.waits_for.target
            )
        if job.state is State.PAUSED:
            return ""
        if job.state is State.SCANNING or job.eta_s is None:
            return format_rate(job.rate)
        return self.tr("{rate}, {left} left").format(
            rate=format_rate(job.rate), left=format_duration(job.eta_s)
        )

    def _enable(self, job: RunningJob, where: str) -> None:
        stopped = job.state is State.STOPPED
        queued = job.state is State.QUEUED
        resumes = job.state is State.PAUSED or stopped
        self.pause_button.setText(self.tr("Resume") if resumes else self.tr("Pause"))
        self.pause_button.setToolTip(
            self.tr("Continue the job where it stopped")
            if resumes
            else self.tr("Pause the job; Resume goes on where it was")
        )
        self.pause_button.setVisible(not queued)
        self.cancel_button.setEnabled(not stopped)
        self.cancel_button.setToolTip(
            self.tr("A stopped job cannot be cancelled: resume it first")
            if stopped
            else self.tr("Stop the job; files being written are removed, finished ones stay")
        )
        self.show_button.setEnabled(not stopped)
        for button in self.buttons():
            button.setAccessibleName(button.text().removesuffix("…"))
            button.setAccessibleDescription(where)

    def _pause_or_resume(self) -> None:
        job = self.job
        if job is None:
            return
        resumes = job.state in (State.PAUSED, State.STOPPED)
        self.steer.emit(job.entry, Op.RESUME if resumes else Op.PAUSE)

    def _cancel(self) -> None:
        if self.job is not None:
            self.steer.emit(self.job.entry, Op.CANCEL)

    def _attach(self) -> None:
        if self.job is not None:
            self.attach.emit(self.job.entry)
