"""The main window: where from, where to, what to do, go, and watch it happen.

Three parts, one class each: the `JobForm` (gui/job_form.py) describes a job, the
`RunController` (gui/controller.py) runs it through the `EngineBridge` and shows it
running, and this window holds them: menus and shortcuts, drops, job files, closing, the
status bar, the settings kept between sessions, and the layout.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import psutil
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine import Job, JobError, dump_job_file, load_job_file
from engine.command_line import command_line
from engine.job import job_from_text
from gui.controller import RunController
from gui.formatting import format_size
from gui.job_form import JobForm
from gui.widgets import folder_from_mime

SETTINGS_JOB_KEY = "last_job"
STATUS_EVERY_MS = 2000


class MainWindow(QMainWindow):
    """The app's window around a job form and its run controller; see the module docstring."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.setWindowTitle(self.tr("Conveyor"))
        self.setAcceptDrops(True)
        self.form = JobForm()
        self.controller = RunController(self.form, self)
        self.bridge = self.controller.bridge
        self._keep_attributes()
        self._build_status()
        self._build_menus()
        self._lay_out()
        self._connect()
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self._update_system_status)
        self._status_timer.start(STATUS_EVERY_MS)
        self._update_system_status()
        self._restore_last_job()
        self.form.validate()

    def _keep_attributes(self) -> None:
        """The parts that tests and scripts reach through the window, where they were
        before the window was split into a form, a controller and itself."""
        form, run = self.form, self.controller
        self.source, self.target, self.workers = form.source, form.target, form.workers
        self.backend, self.scheduler = form.backend, form.scheduler
        self.exclude, self.retries = form.exclude, form.retries
        self.start_button, self.pause_button = run.start_button, run.pause_button
        self.cancel_button, self.start_problem = run.cancel_button, run.start_problem
        self.banner, self.progress = run.banner, run.progress
        self.worker_table, self.log = run.worker_table, run.log

    # Building the window

    def _build_status(self) -> None:
        self.system_status = QLabel()
        self.system_status.setToolTip(self.tr("The system's load average and free memory"))
        self.statusBar().addPermanentWidget(self.system_status)

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
        buttons = QHBoxLayout()
        buttons.addWidget(self.controller.start_problem, 1)
        for button in self.controller.buttons():
            buttons.addWidget(button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.controller.worker_table, self.tr("&Workers"))
        self.tabs.addTab(self.controller.log, self.tr("&Log"))
        self.tabs.setAccessibleName(self.tr("Workers and log"))

        watch = QWidget()
        watch_layout = QVBoxLayout(watch)
        watch_layout.setContentsMargins(0, 0, 0, 0)
        watch_layout.addLayout(buttons)
        watch_layout.addWidget(self.controller.banner)
        watch_layout.addWidget(self.controller.progress)
        watch_layout.addWidget(self.tabs, 1)

        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(watch)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(splitter)
        self.setCentralWidget(central)
        self.resize(960, 860)

    def _connect(self) -> None:
        self.controller.add_actions(
            start=self.start_action,
            pause=self.pause_action,
            cancel=self.cancel_action,
            preview=self.preview_action,
            compare=self.compare_action,
        )
        self.controller.message.connect(self.statusBar().showMessage)
        self.controller.job_started.connect(self._remember_job)
        self.open_action.triggered.connect(self.open_job)
        self.save_action.triggered.connect(self.save_job)
        self.copy_command_action.triggered.connect(self.copy_command_line)
        self.quit_action.triggered.connect(self.close)

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

    # Files, the clipboard and the settings

    def open_job(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open job"), "", self.tr("Job files (*.toml)")
        )
        if path:
            self.load_job_file(Path(path))

    def load_job_file(self, path: Path) -> None:
        try:
            values = load_job_file(path)
            job = Job(**{"source": Path(), "target": Path(), **values})
        except JobError as exc:
            QMessageBox.warning(self, self.tr("Open job"), str(exc))
            return
        self.set_job(job)

    def save_job(self) -> None:
        try:
            job = self.job()
        except JobError as exc:
            QMessageBox.warning(self, self.tr("Save job"), str(exc))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save job"), "job.toml", self.tr("Job files (*.toml)")
        )
        if path:
            self.save_job_file(Path(path), job)

    def save_job_file(self, path: Path, job: Job) -> None:
        try:
            path.write_text(dump_job_file(job), encoding="utf-8")
        except (OSError, JobError) as exc:
            QMessageBox.warning(self, self.tr("Save job"), str(exc))

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

    def _restore_last_job(self) -> None:
        text = self.settings.value(SETTINGS_JOB_KEY, "")
        if text:
            with contextlib.suppress(JobError):
                self.set_job(job_from_text(str(text)))

    # Drops anywhere, closing, the status bar

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A folder dropped on the window fills the source, then the target."""
        folder, problem = folder_from_mime(event.mimeData())
        if folder is None:
            self.statusBar().showMessage(problem or "", 8000)
            event.ignore()
            return
        field = self.form.target if self.form.source.path() else self.form.source
        field.set_path(folder)
        event.acceptProposedAction()
        self.form.validate()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller.running:
            answer = QMessageBox.question(
                self,
                self.tr("Cancel the running job?"),
                self.tr(
                    "A job is still running. Cancel it and quit? Files being written are "
                    "removed; finished files stay."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.controller.shutdown()
        self._status_timer.stop()
        event.accept()

    def _update_system_status(self) -> None:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
        free = psutil.virtual_memory().available
        self.system_status.setText(
            self.tr("Load {load:.2f} · {free} free").format(load=load, free=format_size(free))
        )
