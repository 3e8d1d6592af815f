"""The run controller: one job at a time, from Start to its result.

It holds the run state, starts, pauses, resumes and cancels jobs through the `EngineBridge`,
resizes a running job's pool and changes its speed limit as the run view's fields are edited,
and feeds the bridge's signals to the run view (gui/run_view.py): progress, what each worker
is doing, the problems, and the result at the end. It builds the setup view's Preview and
Start buttons and the line that says why Start is disabled, and enables Start, Pause, Cancel
and Preview (buttons and the window's menu actions alike) from the run state and the form's
last check. A mirror or a move asks first: `ConfirmDialog` runs a dry run of it and lists
what it would delete or move, and the job starts only once that is confirmed. Job → Compare
source and target runs `engine check` of the form's job (`Comparer`) and lists the
differences in the run view.

The run view can also follow a job started elsewhere (the command line, cron; `follow`): a
`JobWatcher` feeds it as the bridge feeds the app's own, and Pause and Cancel steer that job
through its socket, on the thread pool. Following is only watching: Start stops it. Pause
follows the job's own word (`Progress.paused`), so a job paused from the jobs sidebar, or
from a terminal, shows Resume here too.

A run's result stays the form's only while the form still describes the job that ran: the
moment the form is changed, the result is marked as the previous run's, and Retry failed
and Open target are disabled, so nothing acts on a job the form no longer shows.

Which view shows, and the status bar, are the window's business: the controller says when
the run view is wanted (`run_view_wanted`) and what to say (`message`).
"""

from __future__ import annotations

import os
from dataclasses import replace
from enum import Enum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from engine import Job, JobError, Progress, Summary
from engine.check import Tally, Verdict
from engine.filters import escape_glob
from engine.registry import Entry
from gui.bridge import EngineBridge
from gui.compare import Comparer
from gui.confirm_dialog import ConfirmDialog, needs_confirmation
from gui.formatting import format_count, format_duration, format_rate, format_size, spoken
from gui.job_form import JobForm
from gui.jobs import JobWatcher
from gui.jobs.background import Background
from gui.jobs.running import Op, not_steered_text, steer
from gui.open_folder import show_folder
from gui.preview_dialog import PreviewDialog
from gui.reason_texts import engine_text
from gui.run_view import RunView
from gui.widgets.buttons import push_button
from gui.widgets.result_banner import Outcome
from gui.widgets.speed_limit_field import format_bwlimit


class RunState(Enum):
    IDLE = "idle"
    """No job has run yet."""
    RUNNING = "running"
    PAUSED = "paused"
    COMPARING = "comparing"
    FINISHED = "finished"
    """The last job or comparison ended: done, cancelled, or it could not run."""


class RunController(QObject):
    """Runs the form's job and shows it running; see the module docstring."""

    message = Signal(str, int)
    """A status-bar message and how long to show it in ms (0: until the next one)."""
    job_started = Signal(object)
    """The Job that has just started, so the window can remember it for the next session."""
    run_view_wanted = Signal()
    """A job or a comparison has begun, or the last run is asked for: show the run view."""

    def __init__(self, form: JobForm, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = form
        self._dialog_parent = parent
        self.bridge = EngineBridge(self)
        self.comparer = Comparer(self)
        self.confirmation: ConfirmDialog | None = None
        """The dialog asking before a mirror or a move, from Start until it has settled."""
        self._state = RunState.IDLE
        self._ran_job: Job | None = None
        """The form's job as it was when the last run started (a retry's too): what the
        result belongs to."""
        self._running_job: Job | None = None
        """The job the last run ran: the form's, or a retry's of its failed files."""
        self._bwlimit = 0
        """The running job's speed limit per worker, as last set (0: none)."""
        self.watcher: JobWatcher | None = None
        """What feeds the run view while it follows a job started elsewhere."""
        self._followed: Entry | None = None
        """The job started elsewhere that the run view shows, while and after it runs."""
        self._asked_paused: bool | None = None
        """Pause or Resume as last pressed, until the job's progress says it is so: the
        progress sent before the press must not flip the button back."""
        self._steering = Background(self)
        self._start_actions: list[QAction] = []
        self._pause_actions: list[QAction] = []
        self._cancel_actions: list[QAction] = []
        self._preview_actions: list[QAction] = []
        self._compare_actions: list[QAction] = []
        self._edit_actions: list[QAction] = []
        self.run_view = RunView()
        self._build_controls()
        self._connect()

    def _build_controls(self) -> None:
        self.preview_button = push_button(
            self.tr("&Preview…"),
            "previewButton",
            self.tr("Run the stages on a few sample files and estimate the whole job (Ctrl+R)"),
        )
        self.start_button = push_button(
            self.tr("&Start"), "startButton", self.tr("Start copying (Ctrl+Return)")
        )
        self.start_button.setDefault(True)
        self.start_problem = QLabel()
        self.start_problem.setObjectName("startProblem")
        self.start_problem.setWordWrap(True)
        self.start_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.last_run_button = push_button(
            self.tr("Show the last run"),
            "lastRunButton",
            self.tr("The result of the last run, and its problems"),
        )
        self.last_run_button.hide()
        for button in self.setup_buttons():
            button.setAccessibleName(spoken(button.text()))

    def _connect(self) -> None:
        view = self.run_view
        self.form.validated.connect(self._show_readiness)
        view.pool.valueChanged.connect(self._pool_changed)
        view.limit.editingFinished.connect(self._limit_changed)
        self.start_button.clicked.connect(self.start)
        self.preview_button.clicked.connect(self.show_preview)
        self.last_run_button.clicked.connect(self.run_view_wanted)
        view.pause_button.clicked.connect(self.toggle_pause)
        view.cancel_button.clicked.connect(self.cancel)
        view.banner.retry_requested.connect(self.retry_failed)
        view.banner.open_target_requested.connect(self.open_target)
        self.bridge.progress.connect(self._progress)
        self.bridge.workers.connect(view.now_copying.set_workers)
        self.bridge.problems.connect(view.problems.add_problems)
        self.bridge.finished.connect(self._finished)
        self.bridge.error.connect(self._failed)
        self.comparer.differences.connect(view.problems.add_differences)
        self.comparer.finished.connect(self._compared)
        self.comparer.failed.connect(self._compare_failed)

    def setup_buttons(self) -> tuple[QPushButton, ...]:
        """The setup view's buttons, in the order shown: Show the last run, Preview, Start."""
        return (self.last_run_button, self.preview_button, self.start_button)

    def add_actions(
        self,
        *,
        start: QAction,
        pause: QAction,
        cancel: QAction,
        preview: QAction,
        compare: QAction | None = None,
        edit: QAction | None = None,
    ) -> None:
        """Let menu actions do what the buttons do, enabled and disabled along with them;
        `compare` (no button) compares the source and the target; `edit`, an action that
        changes the form (opening a job file), is enabled while no job runs."""
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
        if edit is not None:
            self._edit_actions.append(edit)
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

    @property
    def following(self) -> bool:
        """True while the run view follows a job started elsewhere, until it ends."""
        return self.watcher is not None

    def results_current(self) -> bool:
        """Whether the last run's result belongs to the job the form describes now; a
        followed job's result is never the form's, and stays its own."""
        if self._followed is not None:
            return True
        return self._ran_job is not None and self.form.described_job() == self._ran_job

    def show_problem(self, text: str) -> None:
        """Say beside Start why the job cannot start or be used (`text`: the engine's words),
        until the form's next check."""
        self.start_problem.setText(engine_text(text))

    def _show_readiness(self, problem: str) -> None:
        """After each check of the form: why the job cannot start, if it cannot, and whether
        the last result is still the form's."""
        self.start_problem.setText(problem)
        if self._state is RunState.FINISHED:
            self.run_view.banner.set_current(self.results_current())
        self._enable()

    def _enable(self) -> None:
        """Start, Preview and Compare when the form is valid and nothing runs; Pause while a
        job does, Cancel while a job or a comparison does."""
        ready = self.form.is_valid() and not self.busy
        for widget in (self.start_button, self.preview_button):
            widget.setEnabled(ready)
        for action in self._start_actions + self._preview_actions + self._compare_actions:
            action.setEnabled(ready)
        for action in self._edit_actions:
            action.setEnabled(not self.busy)
        running = self.running or self.following
        self.run_view.pause_button.setEnabled(running)
        for action in self._pause_actions:
            action.setEnabled(running)
        stoppable = running or self.comparer.running
        self.run_view.cancel_button.setEnabled(stoppable)
        for action in self._cancel_actions:
            action.setEnabled(stoppable)

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
        self.run_job(job)

    def run_job(self, job: Job, base: Job | None = None) -> None:
        """Run `job` as Start runs the form's (a mirror or a move only once its list is
        confirmed); its result belongs to the form's job `base` (`job` itself when None),
        as a retry's of failed files belongs to the job they failed in."""
        if self.busy:
            return
        if needs_confirmation(job):
            self._confirm(job, base or job)
        else:
            self._run(job, base or job)

    def _confirm(self, job: Job, base: Job) -> None:
        """A dry run of the job, then the question; the job runs once it is answered yes."""
        dialog = ConfirmDialog(job, self._dialog_parent)
        try:
            dialog.start()
        except JobError as exc:
            dialog.deleteLater()
            self.show_problem(str(exc))
            return
        self.confirmation = dialog
        dialog.settled.connect(lambda accepted: self._confirmed(accepted, base))
        self.message.emit(self.tr("Dry run: finding what the job would delete or move…"), 0)
        self._enable()
        dialog.open()

    def _confirmed(self, accepted: bool, base: Job) -> None:
        dialog, self.confirmation = self.confirmation, None
        if dialog is not None:
            dialog.deleteLater()
        if accepted and dialog is not None:
            self._run(dialog.job, base)
            return
        self.message.emit(self.tr("Nothing was written."), 10_000)
        self._enable()

    def _run(self, job: Job, base: Job) -> None:
        """Run `job`, whose result belongs to the form's `base` job (itself, or the job a
        retry of failed files comes from)."""
        try:
            self.bridge.start(job)
        except JobError as exc:
            self.show_problem(str(exc))
            return
        self.stop_following()
        self._ran_job, self._running_job = base, job
        self._bwlimit = job.bwlimit
        self._state = RunState.RUNNING
        self.run_view.show_running(job)
        self._enable()
        self.job_started.emit(base)
        self.run_view_wanted.emit()
        self.message.emit(self.tr("Copying…"), 0)

    def toggle_pause(self) -> None:
        """Pause or resume the app's job, or the job followed (through its socket)."""
        if not (self.running or self.following):
            return
        pause = self._state is not RunState.PAUSED
        if self.following:
            self._steer(Op.PAUSE if pause else Op.RESUME)
        elif pause:
            self.bridge.pause()
        else:
            self.bridge.resume()
        self.message.emit(self.tr("Paused") if pause else self.tr("Copying…"), 0)
        self._asked_paused = pause
        self._show_paused(pause)

    def _show_paused(self, paused: bool) -> None:
        self._state = RunState.PAUSED if paused else RunState.RUNNING
        self.run_view.show_paused(paused)
        self.run_view.now_copying.set_paused(paused)

    def _progress(self, progress: Progress) -> None:
        """Show the job's progress, and whether it is paused, as the job says: it may have
        been paused or resumed from elsewhere (the jobs sidebar, `engine pause`)."""
        self.run_view.progress.update_progress(progress)
        if self._asked_paused is not None and progress.paused != self._asked_paused:
            return  # sent before the last press of Pause or Resume reached the job
        self._asked_paused = None
        if progress.paused != (self._state is RunState.PAUSED):
            self._show_paused(progress.paused)

    def cancel(self) -> None:
        """Stop the running job (it ends with its summary), the job followed (through its
        socket) or the comparison (at once)."""
        if self.following:
            self._steer(Op.CANCEL)
            self.message.emit(self.tr("Cancelling…"), 0)
        elif self.running:
            self.bridge.cancel()
            self.message.emit(self.tr("Cancelling…"), 0)
        elif self.comparer.running:
            self.comparer.stop()
            self._end_comparison(self.tr("The comparison was stopped."), Outcome.STOPPED)

    def shutdown(self) -> None:
        """Cancel the job, dry run or comparison, if any, and wait for the job and the dry
        run to end: the window is closing."""
        if self.confirmation is not None:
            self.confirmation.shutdown()
        self.stop_following()
        self.comparer.stop()
        self.bridge.shutdown()

    # Following a job started elsewhere

    def follow(self, entry: Entry) -> None:
        """Show `entry`'s job, which runs in another process, in the run view; not while
        this app's own job, dry run or comparison runs (the view is theirs), when the
        status bar says so."""
        if self.busy:
            self.message.emit(
                self.tr("Your job is running: follow another job once it has ended."), 10_000
            )
            return
        self.stop_following()
        watcher = JobWatcher(entry, self)
        view = self.run_view
        watcher.progress.connect(self._progress)
        watcher.workers.connect(view.now_copying.set_workers)
        watcher.problems.connect(view.problems.add_problems)
        watcher.finished.connect(self._followed_finished)
        watcher.error.connect(self._followed_lost)
        self.watcher, self._followed = watcher, entry
        self._ran_job = self._running_job = None
        self._asked_paused = None
        self._state = RunState.RUNNING
        view.show_following(entry.source, entry.target)
        watcher.start()
        self._enable()
        self.run_view_wanted.emit()
        self.message.emit(self.tr("Following a job started elsewhere"), 0)

    def stop_following(self) -> None:
        """Stop feeding the run view from the job followed, which goes on running."""
        self._drop_watcher()
        self._followed = None

    def _steer(self, op: Op) -> None:
        """Ask the job followed to pause, resume or cancel, off the UI thread; a refusal
        goes to the status bar."""
        entry = self._followed
        if entry is None:
            return
        self._steering.run(
            lambda: steer(entry, op),
            lambda _none: None,
            lambda error: self.message.emit(not_steered_text(op, engine_text(str(error))), 10_000),
        )

    def _followed_finished(self, summary: Summary) -> None:
        self._drop_watcher()
        self._finished(summary)

    def _followed_lost(self, reason: str) -> None:
        self._drop_watcher()
        self._state = RunState.FINISHED
        self._end(reason, Outcome.STOPPED, 0)
        self.message.emit(reason, 10_000)

    def _drop_watcher(self) -> None:
        """Nothing more to watch; the followed job's result, if any, stays shown."""
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop()
            watcher.deleteLater()

    def _pool_changed(self, value: int) -> None:
        if self.running:
            self.bridge.set_workers(value)

    def _limit_changed(self) -> None:
        """Apply the speed limit typed in the run view to the running job; a limit that
        cannot be is said in the status bar, and the field goes back to the one in force."""
        if not self.running:
            return
        field = self.run_view.limit
        try:
            rate = field.rate()
            if rate != self._bwlimit:
                self.bridge.set_bwlimit(rate or None)
        except JobError as exc:
            field.set_rate(self._bwlimit)
            self.message.emit(engine_text(str(exc)), 10_000)
            return
        field.set_rate(rate)  # as the setup view would show it: "1M" for "1024k"
        if rate == self._bwlimit:
            return
        self._bwlimit = rate
        said = (
            self.tr("Speed limit now {rate}/s per worker").format(rate=format_bwlimit(rate))
            if rate
            else self.tr("No speed limit now")
        )
        self.message.emit(said, 10_000)

    def _finished(self, summary: Summary) -> None:
        self._state = RunState.FINISHED
        self.run_view.progress.finish(summary)
        if summary.cancelled:
            outcome, said = Outcome.STOPPED, self.tr("Cancelled")
        elif summary.files_failed:
            outcome, said = Outcome.FAILURES, self.tr("Finished with failures")
        elif summary.dry_run:
            outcome, said = Outcome.DONE, self.tr("Dry run finished; nothing was written")
        else:
            outcome, said = Outcome.DONE, self.tr("Done")
        # A followed job's failures are retried from its row in the jobs sidebar's history.
        retriable = 0 if self._followed is not None else summary.files_failed
        self._end(self._summary_text(summary), outcome, retriable)
        self.message.emit(said, 10_000)

    def _end(self, text: str, outcome: Outcome, failed: int) -> None:
        """Show the result; the setup view offers to show it again."""
        banner = self.run_view.banner
        banner.show_result(text, outcome, failed)
        banner.set_current(self.results_current())
        self.run_view.show_ended()
        self.last_run_button.setToolTip(text)
        self.last_run_button.show()
        self._enable()

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
        ) + self._left_out_text(s)

    def _left_out_text(self, s: Summary) -> str:
        """What the folders that failed left out beneath them, as sentences to add."""
        text = ""
        if s.files_left_out:
            text += " " + self.tr(
                "Not copied: {files} files ({size}) beneath folders that failed."
            ).format(files=format_count(s.files_left_out), size=format_size(s.bytes_left_out))
        if s.folders_unlisted:
            text += " " + self.tr(
                "What could not be listed in {folders} failed folders was not copied either."
            ).format(folders=format_count(s.folders_unlisted))
        return text

    def _failed(self, message: str) -> None:
        self._state = RunState.FINISHED
        self._end(
            self.tr("The job could not run: {reason}").format(reason=engine_text(message)),
            Outcome.STOPPED,
            0,
        )
        self.message.emit(self.tr("The job could not run"), 10_000)

    def retry_failed(self) -> None:
        """Run the last job again on exactly the files that failed, while it is still the
        form's job."""
        problems = self.run_view.problems
        paths, folders = problems.failed_paths(), set(problems.failed_folders())
        base, ran = self._ran_job, self._running_job
        if not paths or base is None or ran is None or self.busy or not self.results_current():
            return
        # A folder that failed left out all beneath it: the retry takes that too.
        include = tuple(
            glob
            for path in paths
            for glob in (
                (escape_glob(path), f"{escape_glob(path)}/**")
                if path in folders
                else (escape_glob(path),)
            )
        )
        self._run(replace(ran, include=include), base)

    def open_target(self) -> None:
        """Show the last run's target in the file manager, or say why it cannot be."""
        job, followed = self._ran_job, self._followed
        if followed is not None:
            target = followed.target
        elif job is not None and self.results_current():
            target = os.fspath(job.target)
        else:
            return
        # A folder the job has just written into: asking whether it is one cannot hang.
        show_folder(self._dialog_parent, target, os.path.isdir(target))

    # Comparing

    def compare(self) -> None:
        """Compare the form's source and target as `engine check` does; the differences go
        to the run view, the counts to the status bar."""
        if self.busy:
            return
        try:
            job = self.form.job()
            self.comparer.start(job)
        except JobError as exc:
            self.show_problem(str(exc))
            return
        self.stop_following()
        self._ran_job = self._running_job = job
        self._state = RunState.COMPARING
        self.run_view.show_comparing(job)
        self._enable()
        self.run_view_wanted.emit()
        self.message.emit(self.tr("Comparing the source and the target…"), 0)

    def _compared(self, tally: Tally) -> None:
        summary = self.compare_summary(tally)
        self._end_comparison(summary, Outcome.COMPARED)
        self.message.emit(summary, 0)

    def _compare_failed(self, message: str) -> None:
        text = self.tr("The comparison could not run: {reason}").format(reason=engine_text(message))
        self._end_comparison(text, Outcome.STOPPED)
        self.message.emit(text, 0)

    def _end_comparison(self, text: str, outcome: Outcome) -> None:
        self._state = RunState.FINISHED
        self._end(text, outcome, 0)

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
