"""The main window: a setup view to describe a job, and a run view that takes its place from
Start to the result.

Three parts, one class each: the `JobForm` (gui/job_form.py) describes a job, the
`RunController` (gui/controller.py) runs it through the `EngineBridge` and feeds the run view,
and this window holds them: menus and shortcuts, drops, job files, closing, the status bar,
the settings kept between sessions, and the layout. The views sit in one pane of a splitter,
the jobs sidebar (gui/jobs/) in the other: the window runs what the sidebar asks for (Run
again, Retry failed), shows in the run view the job it points to, and carries its own job's
progress in its title.

The window opens within the screen's available area, whatever its size, and comes back
where and as large as it was left; the setup view scrolls as a whole on a screen too small
for it, and nothing in it scrolls on its own.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QMargins, QRect, QSettings, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from engine import Job, JobError, Progress, Summary, dump_job_file, load_job_file
from engine.command_line import command_line
from engine.history import Again, again
from engine.job import job_from_text
from engine.registry import Entry
from engine.system import cpu_count
from gui.controller import RunController
from gui.formatting import format_size
from gui.job_form import JobForm
from gui.jobs import JobsSidebar, started_here, window_title
from gui.jobs.background import Background
from gui.messages import tell
from gui.reason_texts import engine_text
from gui.system_status import Reading, SystemStatus
from gui.tab_order import set_tab_order
from gui.wheel_guard import install_wheel_guard
from gui.widgets import folder_from_mime

SETTINGS_JOB_KEY = "last_job"
SETTINGS_GEOMETRY_KEY = "window/geometry"
SETTINGS_SPLITTER_KEY = "window/splitter"
SETTINGS_OPTIONS_KEY = "window/options_open"

SIDEBAR_MIN_WIDTH = 260
"""The jobs sidebar's width in a new window, and its narrowest: the views take the rest."""
DEFAULT_SIZE = QSize(1180, 780)
"""The window's size on a screen with room for it; a smaller screen gets less."""
FRAME_ALLOWANCE = QMargins(8, 40, 8, 8)
"""Room left around the window for the window manager's frame and title bar, which Qt
cannot measure before the window is first shown."""
JOB_FILE_SUFFIX = "toml"


def fitted(available: QRect, wanted: QSize = DEFAULT_SIZE) -> QRect:
    """Where a new window's contents go on a screen whose free area (less panels and docks)
    is `available`: `wanted`, or less so that the window with its frame fits, centred."""
    size = wanted.boundedTo(available.marginsRemoved(FRAME_ALLOWANCE).size())
    framed = QRect(0, 0, size.width(), size.height()).marginsAdded(FRAME_ALLOWANCE)
    framed.moveCenter(available.center())
    return framed.marginsRemoved(FRAME_ALLOWANCE)


def job_file_path(chosen: str) -> Path:
    """The job file a name chosen in a dialog stands for: with `.toml` added when it has no
    such suffix, so that Open job, which lists `.toml` files, finds it again."""
    path = Path(chosen)
    suffix = f".{JOB_FILE_SUFFIX}"
    return path if path.suffix == suffix else path.with_name(path.name + suffix)


class MainWindow(QMainWindow):
    """The app's window around a job form and its run controller; see the module docstring."""

    def __init__(self, settings: QSettings | None = None) -> None:
        install_wheel_guard()
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or QSettings()
        self._closing = False
        """The user has agreed to cancel the running job and quit."""
        self.setWindowTitle(self.tr("Conveyor"))
        self.setAcceptDrops(True)
        self.form = JobForm()
        self.controller = RunController(self.form, self)
        self.bridge = self.controller.bridge
        self.run_view = self.controller.run_view
        self.jobs = JobsSidebar(self.job)
        self._background = Background(self)
        self._keep_attributes()
        self._build_status()
        self._build_menus()
        self._lay_out()
        self._connect()
        self._restore()
        self.form.validate()
        self._status.start()

    def _keep_attributes(self) -> None:
        """The parts that tests and scripts reach through the window."""
        form, run, view = self.form, self.controller, self.run_view
        self.source, self.target, self.workers = form.source, form.target, form.workers
        self.backend, self.scheduler = form.backend, form.scheduler
        self.exclude, self.retries = form.exclude, form.retries
        self.start_button, self.start_problem = run.start_button, run.start_problem
        self.pause_button, self.cancel_button = view.pause_button, view.cancel_button
        self.banner, self.progress = view.banner, view.progress
        self.now_copying, self.problems = view.now_copying, view.problems

    # Building the window

    def _build_status(self) -> None:
        self.disk_label = QLabel()
        self.disk_label.setObjectName("targetDisk")
        self.disk_label.hide()
        self.load_label = QLabel()
        self.load_label.setObjectName("loadAverage")
        self.load_label.setToolTip(
            self.tr(
                "Processes running or waiting for a CPU, averaged over the last minute; this "
                "computer has %n CPU(s)",
                "",
                cpu_count(),
            )
        )
        self.statusBar().addPermanentWidget(self.disk_label)
        self.statusBar().addPermanentWidget(self.load_label)
        self._status = SystemStatus(self.form.target.path, self)
        self._status.sampled.connect(self._show_system_status)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(
            file_menu, self.tr("&Open job…"), QKeySequence.StandardKey.Open
        )
        self.save_action = self._action(
            file_menu, self.tr("&Save job…"), QKeySequence.StandardKey.Save
        )
        self.copy_command_action = self._action(
            file_menu, self.tr("&Copy command line"), QKeySequence("Ctrl+Shift+C")
        )
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit)
        job_menu = self.menuBar().addMenu(self.tr("&Job"))
        self.start_action = self._action(job_menu, self.tr("&Start"), QKeySequence("Ctrl+Return"))
        self.pause_action = self._action(
            job_menu, self.tr("&Pause / Resume"), QKeySequence("Ctrl+P")
        )
        self.cancel_action = self._action(job_menu, self.tr("&Cancel"), QKeySequence("Ctrl+."))
        self.preview_action = self._action(job_menu, self.tr("Pre&view…"), QKeySequence("Ctrl+R"))
        job_menu.addSeparator()
        self.compare_action = self._action(
            job_menu, self.tr("C&ompare source and target"), QKeySequence("Ctrl+K")
        )
        self.compare_action.setToolTip(
            self.tr(
                "List what the target lacks, holds in another version, or holds besides, "
                "as a run of the job sees them; nothing is written"
            )
        )

    def _action(
        self, menu: QMenu, text: str, shortcut: QKeySequence | QKeySequence.StandardKey
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        menu.addAction(action)
        return action

    def _lay_out(self) -> None:
        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("setupScroll")
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Not a stop of its own for Tab; it still scrolls to whichever field Tab reaches.
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        footer = QHBoxLayout()
        footer.addWidget(self.controller.start_problem, 1)
        for button in self.controller.setup_buttons():
            footer.addWidget(button)
        self.setup_view = QWidget()
        self.setup_view.setObjectName("setupView")
        setup_layout = QVBoxLayout(self.setup_view)
        setup_layout.addWidget(self.form_scroll, 1)
        setup_layout.addLayout(footer)

        self.views = QStackedWidget()
        self.views.setObjectName("views")
        self.views.addWidget(self.setup_view)
        self.views.addWidget(self.run_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.views)
        self.jobs.setMinimumWidth(SIDEBAR_MIN_WIDTH)
        self.splitter.addWidget(self.jobs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([DEFAULT_SIZE.width() - SIDEBAR_MIN_WIDTH, SIDEBAR_MIN_WIDTH])
        self.setCentralWidget(self.splitter)
        self._link_footer()

    def _link_footer(self) -> None:
        """Tab goes from the form's last control on to the footer's buttons (and from the
        last of them round to the form's first, as nothing between takes the focus)."""
        set_tab_order((self.form.focus_chain()[-1], *self.controller.setup_buttons()))

    def _connect(self) -> None:
        self.controller.add_actions(
            start=self.start_action,
            pause=self.pause_action,
            cancel=self.cancel_action,
            preview=self.preview_action,
            compare=self.compare_action,
            edit=self.open_action,
        )
        self.controller.message.connect(self.statusBar().showMessage)
        self.controller.job_started.connect(self._remember_job)
        self.controller.run_view_wanted.connect(self.show_run_view)
        self.bridge.progress.connect(self._show_progress_in_title)
        self.bridge.finished.connect(self._plain_title)
        self.bridge.error.connect(self._plain_title)
        self.jobs.run_again.connect(self.run_again)
        self.jobs.retry_failed.connect(self.retry_failed)
        self.jobs.attach_requested.connect(self.show_job)
        self.jobs.show_window_requested.connect(self.come_forward)
        self.run_view.banner.back_requested.connect(self.show_setup_view)
        self.form.rearranged.connect(self._link_footer)
        self.form.target.changed.connect(self._status.refresh)
        self.open_action.triggered.connect(self.open_job)
        self.save_action.triggered.connect(self.save_job)
        self.copy_command_action.triggered.connect(self.copy_command_line)
        self.quit_action.triggered.connect(self.close)

    # The two views

    def show_setup_view(self) -> None:
        self.views.setCurrentWidget(self.setup_view)
        self.form.source.line_edit.setFocus()

    def show_run_view(self) -> None:
        self.views.setCurrentWidget(self.run_view)
        self.run_view.take_focus()

    # The job, through the form and the controller

    def job(self) -> Job:
        """The job the form describes, validated; JobError says what to fix."""
        return self.form.job()

    def set_job(self, job: Job) -> None:
        self.form.set_job(job)

    def start(self) -> None:
        self.controller.start()

    def cancel(self) -> None:
        self.controller.cancel()

    # What the jobs sidebar asks for

    def _refuse_while_busy(self) -> bool:
        """Whether a job (or a dry run, or a comparison) runs, said in the status bar: the
        sidebar's Run again and Retry failed wait for it."""
        if self.controller.busy:
            self.statusBar().showMessage(
                self.tr("A job is running: run another once it has ended."), 10_000
            )
        return self.controller.busy

    def run_again(self, _run: int, job: Job) -> None:
        """Put a run's job in the form and start it, as Start would."""
        if self._refuse_while_busy():
            return
        self.set_job(job)
        self.show_setup_view()  # where a reason it cannot start shows; a start leaves it
        self.start()

    def retry_failed(self, run: int, job: Job) -> None:
        """Put a run's job (`job`) in the form and run what failed in it; the history is
        read on the thread pool (another job may hold it for a moment)."""
        if self._refuse_while_busy():
            return
        self._background.run(
            lambda: again(run, failed_only=True),
            lambda retry: self._retry(job, retry),
            lambda error: self.statusBar().showMessage(engine_text(str(error)), 10_000),
        )

    def _retry(self, job: Job, retry: Again) -> None:
        if self._refuse_while_busy():
            return
        self.set_job(job)
        self.show_setup_view()
        try:
            base = self.job()
        except JobError as exc:
            self.controller.show_problem(str(exc))
            return
        self.controller.run_job(retry.job, base)
        if self.controller.busy:
            self.statusBar().showMessage(
                self.tr("Retrying {what}").format(what=engine_text(retry.retried)), 0
            )

    def show_job(self, entry: Entry) -> None:
        """Show a running job in the run view: the app's own as it is, another one followed
        there through its socket."""
        if started_here(entry):
            self.show_run_view()
        else:
            self.controller.follow(entry)

    def come_forward(self) -> None:
        """The tray icon was clicked: the window comes to the front, shown if hidden."""
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def _show_progress_in_title(self, progress: Progress) -> None:
        self.setWindowTitle(window_title(self.tr("Conveyor"), progress))

    def _plain_title(self, _end: Summary | str) -> None:
        self.setWindowTitle(self.tr("Conveyor"))

    # Files, the clipboard and the settings

    def _job_file_dialog(self, title: str, mode: QFileDialog.AcceptMode) -> QFileDialog:
        dialog = QFileDialog(self, title)
        dialog.setObjectName("jobFileDialog")
        dialog.setAcceptMode(mode)
        dialog.setNameFilters([self.tr("Job files (*.toml)"), self.tr("All files (*)")])
        dialog.setDefaultSuffix(JOB_FILE_SUFFIX)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def open_job(self) -> None:
        dialog = self._job_file_dialog(self.tr("Open job"), QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.load_job_file(Path(path)))
        dialog.open()

    def load_job_file(self, path: Path) -> None:
        try:
            values = load_job_file(path)
            job = Job(**{"source": Path(), "target": Path(), **values})
        except JobError as exc:
            tell(self, self.tr("Open job"), engine_text(str(exc)))
            return
        self.set_job(job)
        self.show_setup_view()

    def save_job(self) -> None:
        try:
            job = self.job()
        except JobError as exc:
            tell(self, self.tr("Save job"), engine_text(str(exc)))
            return
        dialog = self._job_file_dialog(self.tr("Save job"), QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(f"job.{JOB_FILE_SUFFIX}")
        # The dialog adds the suffix before it asks about replacing a file; a platform's
        # own dialog may not, so the name is made whole again here.
        dialog.fileSelected.connect(lambda path: self.save_job_file(job_file_path(path), job))
        dialog.open()

    def save_job_file(self, path: Path, job: Job) -> None:
        try:
            path.write_text(dump_job_file(job), encoding="utf-8")
        except (OSError, JobError) as exc:
            tell(self, self.tr("Save job"), engine_text(str(exc)))
            return
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)

    def copy_command_line(self) -> None:
        try:
            line = command_line(self.job())
        except JobError as exc:
            self.controller.show_problem(str(exc))
            return
        QGuiApplication.clipboard().setText(line)
        self.statusBar().showMessage(self.tr("Command line copied to the clipboard"), 5000)

    def _remember_job(self, job: Job) -> None:
        """The job last started comes back in the form on the next start of the app."""
        self.settings.setValue(SETTINGS_JOB_KEY, dump_job_file(job))

    def _restore(self) -> None:
        """The last job, and the window as it was left: where, how large, the splitter, and
        whether Options was open; a new window fits the screen it opens on."""
        text = self.settings.value(SETTINGS_JOB_KEY, "")
        if text:
            with contextlib.suppress(JobError):
                self.set_job(job_from_text(str(text)))
        geometry = self.settings.value(SETTINGS_GEOMETRY_KEY)
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.setGeometry(fitted(screen.availableGeometry()))
        splitter = self.settings.value(SETTINGS_SPLITTER_KEY)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.form.options.set_open(self.settings.value(SETTINGS_OPTIONS_KEY, False, bool) is True)

    def _save_window(self) -> None:
        self.settings.setValue(SETTINGS_GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(SETTINGS_SPLITTER_KEY, self.splitter.saveState())
        self.settings.setValue(SETTINGS_OPTIONS_KEY, self.form.options.is_open())

    # Drops anywhere, closing, the status bar

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """A folder dragged over the window lights up the field a drop would fill."""
        if not event.mimeData().hasUrls():
            return
        if self.controller.busy:
            self.statusBar().showMessage(
                self.tr("A job is running: drop folders once it has ended."), 5000
            )
            return
        folder, _problem = folder_from_mime(event.mimeData())
        if folder is not None:
            self.form.drop_field().set_drop_hint(True)
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        for field in (self.form.source, self.form.target):
            field.set_drop_hint(False)

    def dropEvent(self, event: QDropEvent) -> None:
        """A folder dropped on the window fills the source, then the target."""
        for field in (self.form.source, self.form.target):
            field.set_drop_hint(False)
        folder, problem = folder_from_mime(event.mimeData())
        if folder is None or self.controller.busy:
            self.statusBar().showMessage(problem or "", 8000)
            event.ignore()
            return
        self.form.drop_field().set_path(folder)
        event.acceptProposedAction()
        self.show_setup_view()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing during a job asks first; keeping the job running is the default answer."""
        if self.controller.running and not self._closing:
            event.ignore()
            self._ask_before_closing()
            return
        if self._closing or self.controller.busy:
            self.controller.shutdown()
        self._status.stop()
        self._save_window()
        event.accept()

    def _ask_before_closing(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cancel the running job?"),
            self.tr(
                "A job is still running. Cancel it and quit? Files being written are "
                "removed; finished files stay."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("closeQuestion")
        quit_button = box.addButton(
            self.tr("Cancel the job and &quit"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(self.tr("&Keep it running"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._close_after_cancelling() if button is quit_button else None
        )
        box.open()

    def _close_after_cancelling(self) -> None:
        self._closing = True
        self.close()

    def _show_system_status(self, reading: Reading) -> None:
        if reading.free_bytes is None:
            self.disk_label.hide()
        else:
            self.disk_label.setText(
                self.tr("Target disk: {free} free").format(free=format_size(reading.free_bytes))
            )
            self.disk_label.setToolTip(
                self.tr("Free space on the disk that holds {path}").format(path=reading.path)
            )
            self.disk_label.show()
        if reading.load is None:
            self.load_label.hide()
        else:
            self.load_label.setText(self.tr("Load average: {load:.2f}").format(load=reading.load))
            self.load_label.show()
