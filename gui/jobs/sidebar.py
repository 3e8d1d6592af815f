"""The jobs sidebar: every job of this user on this machine, in one narrow pane beside the
window's views. Top to bottom: the jobs running now (the app's own, the CLI's, cron's), each
with its progress and Pause/Resume, Cancel and Show; the queue, in the order its jobs will
start; the scheduled jobs, with Schedule… and Remove; and the recent runs, with Run again,
Retry failed and Open target. While jobs run, the tray icon counts them, and the desktop is
told when one of the app's own ends.

The sidebar steers the jobs it lists itself (through their sockets, on the thread pool) and
edits the crontab itself; what needs the window it asks for by signal:
    attach_requested(Entry)        show this job in the run view (`JobWatcher` follows it;
                                   for the app's own job, `started_here(entry)`, the run view
                                   already does)
    run_again(int, Job)            run this job again: a run's id and the job as it ran
    retry_failed(int, Job)         run again what failed in that run (it had failures)
    show_window_requested()        the tray icon was clicked
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QFrame, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from engine import Job
from engine import schedule as engine_schedule
from engine.history import Outcome, Record
from engine.registry import Entry
from gui.jobs.background import Background
from gui.jobs.history_list import HistoryList
from gui.jobs.job_cards import JobCards
from gui.jobs.monitor import JobsMonitor
from gui.jobs.planned import Planned
from gui.jobs.question import ask
from gui.jobs.route import route
from gui.jobs.run_words import counts_text
from gui.jobs.running import Op, RunningJob, State, not_steered_text, steer
from gui.jobs.schedule_dialog import ScheduleDialog
from gui.jobs.schedule_list import ScheduleList
from gui.jobs.tray import Tray
from gui.tab_order import set_tab_order
from gui.widgets import Fold
from gui.widgets.side_notes import ErrorLabel


class JobsSidebar(QWidget):
    """See the module docstring. `form_job` gives the job the window's form describes
    (JobError when it cannot run), for Schedule…; `bus` is where desktop notifications go
    when there is no tray (the session bus when None)."""

    attach_requested = Signal(object)
    run_again = Signal(int, object)
    retry_failed = Signal(int, object)
    show_window_requested = Signal()

    def __init__(
        self,
        form_job: Callable[[], Job] | None = None,
        parent: QWidget | None = None,
        *,
        bus: QDBusConnection | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("jobsSidebar")
        self._form_job = form_job
        self._background = Background(self)
        self.monitor = JobsMonitor(self)
        self.tray = Tray(bus, self)
        self.question: QMessageBox | None = None
        """The last question asked (Cancel, Remove), while it is up."""
        self.schedule_dialog: ScheduleDialog | None = None

        self.notice = ErrorLabel()
        self.notice.setObjectName("jobsNotice")
        self.running = JobCards(self.tr("No jobs are running."))
        self.running.setObjectName("runningJobs")
        self.queue = JobCards(self.tr("No jobs are waiting."))
        self.queue.setObjectName("queuedJobs")
        self.schedule = ScheduleList()
        self.history = HistoryList()
        self.running_fold = self._fold(
            self.tr("Running"),
            self.running,
            "running",
            self.tr("Show or hide the jobs running now"),
        )
        self.queue_fold = self._fold(
            self.tr("Queue"),
            self.queue,
            "queue",
            self.tr("Show or hide the jobs waiting for a disk another job writes to"),
        )
        self.schedule_fold = self._fold(
            self.tr("Scheduled"),
            self.schedule,
            "scheduled",
            self.tr("Show or hide the jobs cron runs"),
        )
        self.history_fold = self._fold(
            self.tr("History"), self.history, "history", self.tr("Show or hide the jobs that ran")
        )
        self.queue_fold.hide()
        self._lay_out()
        self._connect()
        self.monitor.start()

    def _fold(self, title: str, body: QWidget, name: str, tip: str) -> Fold:
        """An open fold; the history's (the last) takes the height left."""
        fold = Fold(title, body, name, grows=body is self.history)
        fold.header.setToolTip(tip)
        fold.set_open(True)
        return fold

    def _lay_out(self) -> None:
        content = QWidget()
        content.setObjectName("jobsSidebarContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.notice)
        for fold in (self.running_fold, self.queue_fold, self.schedule_fold):
            column.addWidget(fold)
        column.addWidget(self.history_fold, 1)
        scroll = QScrollArea()
        scroll.setObjectName("jobsSidebarScroll")
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Not a stop of its own for Tab; it still scrolls to whichever control Tab reaches.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._order_tabs()

    def _connect(self) -> None:
        monitor = self.monitor
        monitor.jobs_read.connect(self._show_jobs)
        monitor.jobs_unreadable.connect(self._jobs_unreadable)
        monitor.runs_read.connect(self.history.show_runs)
        monitor.runs_unreadable.connect(self.history.show_problem)
        monitor.planned_read.connect(self.schedule.show_planned)
        monitor.planned_unreadable.connect(self.schedule.show_problem)
        monitor.app_job_ended.connect(self._tell_ended)
        for cards in (self.running, self.queue):
            cards.steer.connect(self._steer)
            cards.attach.connect(self.attach_requested)
            cards.rearranged.connect(self._order_tabs)
        self.schedule.remove.connect(self._ask_to_remove)
        self.schedule.add_requested.connect(self.open_schedule_dialog)
        self.schedule.rearranged.connect(self._order_tabs)
        self.history.run_again.connect(self.run_again)
        self.history.retry_failed.connect(self.retry_failed)
        self.tray.activated.connect(self.show_window_requested)

    def _order_tabs(self) -> None:
        """Tab goes through the sidebar as it reads, top to bottom."""
        set_tab_order(
            (
                self.running_fold.header,
                *(button for card in self.running.cards() for button in card.buttons()),
                self.queue_fold.header,
                *(button for card in self.queue.cards() for button in card.buttons()),
                self.schedule_fold.header,
                *self.schedule.controls(),
                self.history_fold.header,
                self.history.view,
                *self.history.buttons(),
            )
        )

    # Running and queued jobs

    def _show_jobs(self, jobs: list[RunningJob]) -> None:
        now = [job for job in jobs if job.state is not State.QUEUED]
        queued = [job for job in jobs if job.state is State.QUEUED]
        self.running.show_jobs(now)
        self.queue.show_jobs(queued, queue=True)
        self.queue_fold.setVisible(bool(queued))
        self.running_fold.set_badge(len(now), self.tr("%n job(s) running", "", len(now)))
        self.queue_fold.set_badge(len(queued), self.tr("%n job(s) queued", "", len(queued)))
        self.tray.set_count(len(jobs))

    def _jobs_unreadable(self, reason: str) -> None:
        self._show_jobs([])
        self.running.note.setText(reason)

    def _steer(self, entry: Entry, op: Op) -> None:
        if op is not Op.CANCEL:
            self._send(entry, op)
            return
        self.question = ask(
            self,
            "cancelJobQuestion",
            self.tr("Cancel this job?"),
            self.tr(
                "Cancel the job copying {route}? Files being written are removed; "
                "finished files stay."
            ).format(route=route(entry.source, entry.target)),
            destroy=self.tr("Cancel the job"),
            keep=self.tr("Keep it running"),
            then=lambda: self._send(entry, Op.CANCEL),
        )

    def _send(self, entry: Entry, op: Op) -> None:
        self._background.run(
            lambda: steer(entry, op),
            lambda _none: self._steered(),
            lambda error: self._not_steered(op, error),
        )

    def _steered(self) -> None:
        self.notice.show_error(None)
        self.monitor.refresh_jobs()

    def _not_steered(self, op: Op, error: Exception) -> None:
        self.notice.show_error(not_steered_text(op, str(error)))
        self.monitor.refresh_jobs()

    # The schedule

    def open_schedule_dialog(self) -> ScheduleDialog:
        dialog = ScheduleDialog(self._form_job, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.scheduled.connect(lambda _entry: self.monitor.refresh_planned())
        dialog.open()
        self.schedule_dialog = dialog
        return dialog

    def _ask_to_remove(self, planned: Planned) -> None:
        ident = planned.scheduled.id
        self.question = ask(
            self,
            "removeScheduleQuestion",
            self.tr("Remove this scheduled job?"),
            self.tr(
                "Take the job {file} ({cron}) out of your crontab? The job file stays; "
                "your own crontab lines are not touched."
            ).format(file=planned.job_file, cron=planned.scheduled.cron),
            destroy=self.tr("Remove"),
            keep=self.tr("Keep it"),
            then=lambda: self._background.run(
                lambda: engine_schedule.remove(ident),
                lambda _none: self._steered_schedule(),
                self._not_removed,
            ),
        )

    def _steered_schedule(self) -> None:
        self.notice.show_error(None)
        self.monitor.refresh_planned()

    def _not_removed(self, error: Exception) -> None:
        self.notice.show_error(
            self.tr("The scheduled job could not be removed: {reason}").format(reason=error)
        )
        self.monitor.refresh_planned()

    # Telling the desktop

    def _tell_ended(self, entry: Entry, record: Record | None) -> None:
        """A notification when one of the app's jobs ends: how, where, and what it did."""
        where = route(entry.source, entry.target)
        if record is None:
            self.tray.notify(self.tr("Copy ended"), where)
            return
        title = {
            Outcome.FINISHED: self.tr("Copy finished"),
            Outcome.FAILED: self.tr("Copy finished with failures"),
            Outcome.CANCELLED: self.tr("Copy cancelled"),
            Outcome.STOPPED: self.tr("Copy stopped"),
        }[record.outcome]
        self.tray.notify(title, f"{where}\n{counts_text(record)}")
