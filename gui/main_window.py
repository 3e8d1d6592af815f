"""The main window: where from, where to, what to do, go, and watch it happen.

It only assembles widgets, turns the form into an `engine.Job`, and hands jobs to the
`EngineBridge`; engine events reach it as Qt signals from the bridge, on the UI thread.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from dataclasses import replace
from pathlib import Path

import psutil
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine import IfExists, Job, JobError, Summary, dump_job_file, load_job_file
from engine.cli.command import command_line
from engine.filters import escape_glob
from engine.job import (
    Backend,
    backend_problem,
    cpu_count,
    job_from_text,
    max_workers,
    parse_size,
    source_problem,
    target_problem,
)
from gui.bridge import EngineBridge
from gui.formatting import format_count, format_duration, format_rate, format_size
from gui.preview_dialog import PreviewDialog
from gui.widgets import FolderField, StageChainEditor, folder_from_mime
from gui.widgets.log_panel import LogPanel
from gui.widgets.progress_panel import ProgressPanel
from gui.widgets.worker_table import WorkerTable

SETTINGS_JOB_KEY = "last_job"
STATUS_EVERY_MS = 2000


def split_globs(text: str) -> tuple[str, ...]:
    """Globs typed into one field, separated by ';' as in a stage's match option."""
    return tuple(glob.strip() for glob in text.split(";") if glob.strip())


def plain_text(label: str) -> str:
    """A button's text without its accelerator (`&Start`, `开始(&S)`) or ellipsis."""
    return re.sub(r"\(&\w\)|&", "", label).rstrip("…").strip()


def format_bwlimit(rate: int) -> str:
    """A rate as the speed-limit field takes it back: `512k`, `10M`, or "" for none."""
    for suffix, factor in (("G", 1024**3), ("M", 1024**2), ("k", 1024)):
        if rate and rate % factor == 0:
            return f"{rate // factor}{suffix}"
    return str(rate) if rate else ""


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.bridge = EngineBridge(self)
        self._running_job: Job | None = None
        self._paused = False
        self.setWindowTitle(self.tr("Conveyor"))
        self.setAcceptDrops(True)
        self._build_folders()
        self._build_options()
        self._build_controls()
        self._build_watch()
        self._build_menus()
        self._lay_out()
        self._connect()
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self._update_system_status)
        self._status_timer.start(STATUS_EVERY_MS)
        self._update_system_status()
        self._restore_last_job()
        self._validate()

    # Building the window

    def _build_folders(self) -> None:
        self.source = FolderField(self.tr("Choose the folder to copy from"))
        self.source.setToolTip(self.tr("The folder whose contents are copied"))
        self.source.line_edit.setAccessibleName(self.tr("Source folder"))
        self.target = FolderField(self.tr("Choose the folder to copy into"))
        self.target.setToolTip(self.tr("The folder the copies go into; it is created if needed"))
        self.target.line_edit.setAccessibleName(self.tr("Target folder"))

    def _build_options(self) -> None:
        self.workers = QSpinBox()
        self.workers.setRange(1, max_workers(Backend.LOCAL, ""))
        self.workers.setValue(cpu_count())
        self.workers.setToolTip(
            self.tr("How many files are worked on at once; can be changed while a job runs")
        )
        self.workers.setAccessibleName(self.tr("Worker processes"))
        self.cpu_label = QLabel(self.tr("of %n CPU(s)", "", cpu_count()))
        self.backend = QComboBox()
        self.backend.addItem(self.tr("Processes on this computer"), Backend.LOCAL.value)
        self.backend.addItem(self.tr("A Dask cluster"), Backend.DASK.value)
        self.backend.setToolTip(
            self.tr(
                "Where the workers run: processes on this computer, or the workers of a Dask "
                "cluster, which must see the source and target folders at the same paths"
            )
        )
        self.backend.setAccessibleName(self.tr("Run on"))
        self.scheduler = QLineEdit()
        self.scheduler.setPlaceholderText(
            self.tr("e.g. tcp://scheduler:8786; empty: a new cluster on this computer")
        )
        self.scheduler.setToolTip(
            self.tr(
                "The address of a running Dask scheduler; leave it empty to start a cluster "
                "on this computer. Used only when running on a Dask cluster"
            )
        )
        self.scheduler.setAccessibleName(self.tr("Dask scheduler address"))
        self.scheduler.setEnabled(False)
        self.stages = StageChainEditor()
        self.stages.setToolTip(self.tr("The stages every file passes through, in order"))
        self.stages.setAccessibleName(self.tr("Stage chain"))
        self.include = QLineEdit()
        self.include.setPlaceholderText(self.tr("e.g. **/*.jpg;docs/**"))
        self.include.setToolTip(
            self.tr("Only files matching these globs are copied (separate them with ';')")
        )
        self.include.setAccessibleName(self.tr("Include globs"))
        self.exclude = QLineEdit()
        self.exclude.setPlaceholderText(self.tr("e.g. *.tmp;node_modules"))
        self.exclude.setToolTip(
            self.tr("Files and folders matching these globs are left out (separate with ';')")
        )
        self.exclude.setAccessibleName(self.tr("Exclude globs"))
        self.if_exists = QComboBox()
        policies = {
            IfExists.CHANGED: self.tr("Replace when changed (size or time differ)"),
            IfExists.SKIP: self.tr("Always keep the existing file"),
            IfExists.OVERWRITE: self.tr("Always replace"),
            IfExists.NEWER: self.tr("Replace when the source is newer"),
            IfExists.RENAME: self.tr("Keep both (name (1).ext)"),
        }
        for policy, text in policies.items():
            self.if_exists.addItem(text, policy.value)
        self.if_exists.setToolTip(self.tr("What to do when a file already exists in the target"))
        self.if_exists.setAccessibleName(self.tr("When a file exists"))
        self.verify = QCheckBox(self.tr("&Verify each written file"))
        self.verify.setToolTip(
            self.tr("Re-read every file from the disk after writing it and compare it")
        )
        self.verify.setAccessibleName(self.tr("Verify"))
        self.bwlimit = QLineEdit()
        self.bwlimit.setPlaceholderText(self.tr("no limit"))
        self.bwlimit.setToolTip(
            self.tr("Bytes per second each worker may copy, e.g. 500k or 10M; empty: no limit")
        )
        self.bwlimit.setAccessibleName(self.tr("Speed limit per worker"))
        self.bwlimit.setMaximumWidth(160)
        self.retries = QSpinBox()
        self.retries.setRange(0, 100)
        self.retries.setValue(1)
        self.retries.setToolTip(
            self.tr("Tries again for a file whose worker died or that changed while copied")
        )
        self.retries.setAccessibleName(self.tr("Retries"))
        self.file_timeout = QSpinBox()
        self.file_timeout.setRange(0, 7 * 24 * 3600)
        self.file_timeout.setSuffix(self.tr(" s"))
        self.file_timeout.setSpecialValueText(self.tr("no time limit"))
        self.file_timeout.setToolTip(
            self.tr("Abandon and fail a file that takes longer than this; 0 means no limit")
        )
        self.file_timeout.setAccessibleName(self.tr("Time limit per file"))
        self.follow_symlinks = QCheckBox(self.tr("Follow symbolic lin&ks"))
        self.follow_symlinks.setToolTip(
            self.tr("Copy what symbolic links point to instead of the links themselves")
        )
        self.follow_symlinks.setAccessibleName(self.tr("Follow symbolic links"))
        self.hard_links = QCheckBox(self.tr("Keep &hard links"))
        self.hard_links.setToolTip(
            self.tr("Recreate hard links among the source files instead of copying each name")
        )
        self.hard_links.setAccessibleName(self.tr("Keep hard links"))
        self.fsync = QCheckBox(self.tr("&Flush each file to disk"))
        self.fsync.setToolTip(
            self.tr("Safer against power loss, slower: flush every file before moving on")
        )
        self.fsync.setAccessibleName(self.tr("Flush each file to disk"))
        self.dry_run = QCheckBox(self.tr("&Dry run (write nothing)"))
        self.dry_run.setToolTip(self.tr("Report what would be copied without writing anything"))
        self.dry_run.setAccessibleName(self.tr("Dry run"))

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
        for button in (
            self.preview_button,
            self.start_button,
            self.pause_button,
            self.cancel_button,
        ):
            button.setAccessibleName(plain_text(button.text()))
        self.start_problem = QLabel()
        self.start_problem.setWordWrap(True)
        self.start_problem.setAccessibleName(self.tr("Why the job cannot start"))

    def _build_watch(self) -> None:
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
        self.tabs = QTabWidget()
        self.tabs.addTab(self.worker_table, self.tr("&Workers"))
        self.tabs.addTab(self.log, self.tr("&Log"))
        self.tabs.setAccessibleName(self.tr("Workers and log"))
        self.system_status = QLabel()
        self.system_status.setToolTip(self.tr("The system's load average and free memory"))
        self.statusBar().addPermanentWidget(self.system_status)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(file_menu, self.tr("&Open job…"), QKeySequence.Open)
        self.save_action = self._action(file_menu, self.tr("&Save job…"), QKeySequence.Save)
        self.copy_command_action = self._action(
            file_menu, self.tr("&Copy command line"), QKeySequence("Ctrl+Shift+C")
        )
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, self.tr("&Quit"), QKeySequence.Quit)
        job_menu = self.menuBar().addMenu(self.tr("&Job"))
        self.start_action = self._action(job_menu, self.tr("&Start"), QKeySequence("Ctrl+Return"))
        self.pause_action = self._action(
            job_menu, self.tr("&Pause / Resume"), QKeySequence("Ctrl+P")
        )
        self.cancel_action = self._action(job_menu, self.tr("&Cancel"), QKeySequence("Ctrl+."))
        self.preview_action = self._action(job_menu, self.tr("Pre&view…"), QKeySequence("Ctrl+R"))

    def _action(self, menu: object, text: str, shortcut: QKeySequence) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _lay_out(self) -> None:
        folders = QGroupBox(self.tr("Where from, where to"))
        folder_form = QFormLayout(folders)
        folder_form.addRow(self._buddy(self.tr("S&ource:"), self.source.line_edit), self.source)
        folder_form.addRow(self._buddy(self.tr("&Target:"), self.target.line_edit), self.target)

        options = QGroupBox(self.tr("What to do"))
        options_layout = QVBoxLayout(options)
        top = QFormLayout()
        workers_row = QHBoxLayout()
        workers_row.addWidget(self.workers)
        workers_row.addWidget(self.cpu_label)
        workers_row.addStretch(1)
        top.addRow(self._buddy(self.tr("&Workers:"), self.workers), workers_row)
        backend_row = QHBoxLayout()
        backend_row.addWidget(self.backend)
        self.scheduler_label = self._buddy(self.tr("Sched&uler:"), self.scheduler)
        self.scheduler_label.setEnabled(False)
        backend_row.addWidget(self.scheduler_label)
        backend_row.addWidget(self.scheduler, 1)
        top.addRow(self._buddy(self.tr("Run o&n:"), self.backend), backend_row)
        top.addRow(self._buddy(self.tr("&Include:"), self.include), self.include)
        top.addRow(self._buddy(self.tr("E&xclude:"), self.exclude), self.exclude)
        top.addRow(self._buddy(self.tr("When a file &exists:"), self.if_exists), self.if_exists)
        limits = QHBoxLayout()
        limits.addWidget(self.bwlimit)
        retries_label = self._buddy(self.tr("&Retries:"), self.retries)
        timeout_label = self._buddy(self.tr("Time li&mit per file:"), self.file_timeout)
        for widget in (retries_label, self.retries, timeout_label, self.file_timeout):
            limits.addWidget(widget)
        limits.addStretch(1)
        top.addRow(self._buddy(self.tr("Speed &limit:"), self.bwlimit), limits)
        checks = QHBoxLayout()
        for check in (
            self.verify,
            self.dry_run,
            self.follow_symlinks,
            self.hard_links,
            self.fsync,
        ):
            checks.addWidget(check)
        checks.addStretch(1)
        top.addRow("", checks)
        options_layout.addLayout(top)
        options_layout.addWidget(self.stages, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_problem, 1)
        for button in (
            self.preview_button,
            self.start_button,
            self.pause_button,
            self.cancel_button,
        ):
            buttons.addWidget(button)

        configure = QWidget()
        configure_layout = QVBoxLayout(configure)
        configure_layout.setContentsMargins(0, 0, 0, 0)
        configure_layout.addWidget(folders)
        configure_layout.addWidget(options, 1)

        watch = QWidget()
        watch_layout = QVBoxLayout(watch)
        watch_layout.setContentsMargins(0, 0, 0, 0)
        watch_layout.addLayout(buttons)
        watch_layout.addWidget(self.banner)
        watch_layout.addWidget(self.progress)
        watch_layout.addWidget(self.tabs, 1)

        scroll = QScrollArea()
        scroll.setWidget(configure)
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
        order = (
            self.source.line_edit,
            self.target.line_edit,
            self.workers,
            self.backend,
            self.scheduler,
            self.include,
            self.exclude,
            self.if_exists,
            self.bwlimit,
            self.retries,
            self.file_timeout,
            self.verify,
            self.dry_run,
            self.follow_symlinks,
            self.hard_links,
            self.fsync,
            self.stages,
        )
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.resize(960, 860)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _connect(self) -> None:
        for signal in (self.source.changed, self.target.changed, self.stages.changed):
            signal.connect(self._validate)
        self.bwlimit.textChanged.connect(self._validate)
        self.backend.currentIndexChanged.connect(self._backend_changed)
        self.scheduler.textChanged.connect(self._limit_workers)
        self.scheduler.textChanged.connect(self._validate)
        self.start_button.clicked.connect(self.start)
        self.start_action.triggered.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.pause_action.triggered.connect(self.toggle_pause)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_action.triggered.connect(self.cancel)
        self.preview_button.clicked.connect(self.show_preview)
        self.preview_action.triggered.connect(self.show_preview)
        self.open_action.triggered.connect(self.open_job)
        self.save_action.triggered.connect(self.save_job)
        self.copy_command_action.triggered.connect(self.copy_command_line)
        self.quit_action.triggered.connect(self.close)
        self.workers.valueChanged.connect(self._workers_changed)
        self.bridge.progress.connect(self.progress.update_progress)
        self.bridge.workers.connect(self.worker_table.set_workers)
        self.bridge.problems.connect(self.log.add_problems)
        self.bridge.finished.connect(self._finished)
        self.bridge.error.connect(self._failed)
        self.log.retry_requested.connect(self.retry_failed)
        self.log.open_target_requested.connect(self.open_target)

    # The form and the job

    def job(self) -> Job:
        """The job the form describes, validated; JobError says what to fix."""
        return Job(
            source=Path(self.source.path()),
            target=Path(self.target.path()),
            workers=self.workers.value(),
            stages=self.stages.specs(),
            include=split_globs(self.include.text()),
            exclude=split_globs(self.exclude.text()),
            if_exists=IfExists(self.if_exists.currentData()),
            verify=self.verify.isChecked(),
            dry_run=self.dry_run.isChecked(),
            bwlimit=parse_size(self.bwlimit.text()) if self.bwlimit.text().strip() else 0,
            follow_symlinks=self.follow_symlinks.isChecked(),
            retries=self.retries.value(),
            file_timeout=float(self.file_timeout.value()),
            fsync=self.fsync.isChecked(),
            hard_links=self.hard_links.isChecked(),
            backend=self._backend(),
            scheduler=self._scheduler(),
        ).validated()

    def _backend(self) -> Backend:
        return Backend(self.backend.currentData())

    def _scheduler(self) -> str:
        """The address typed, counted only for Dask: the field is disabled for local workers
        but keeps its text, so switching back and forth loses nothing."""
        return self.scheduler.text().strip() if self._backend() is Backend.DASK else ""

    def _backend_changed(self) -> None:
        dask = self._backend() is Backend.DASK
        self.scheduler.setEnabled(dask)
        self.scheduler_label.setEnabled(dask)
        self._limit_workers()
        self._validate()

    def _limit_workers(self) -> None:
        """The workers box goes as far as the job allows where it will run (see
        `engine.job.max_workers`)."""
        self.workers.setMaximum(max_workers(self._backend(), self._scheduler()))

    def set_job(self, job: Job) -> None:
        self.source.set_path(str(job.source))
        self.target.set_path(str(job.target))
        self.workers.setValue(job.workers)
        self.stages.set_specs(job.stages)
        self.include.setText(";".join(job.include))
        self.exclude.setText(";".join(job.exclude))
        self.if_exists.setCurrentIndex(max(0, self.if_exists.findData(job.if_exists.value)))
        self.verify.setChecked(job.verify)
        self.dry_run.setChecked(job.dry_run)
        self.bwlimit.setText(format_bwlimit(job.bwlimit))
        self.follow_symlinks.setChecked(job.follow_symlinks)
        self.retries.setValue(job.retries)
        self.file_timeout.setValue(round(job.file_timeout))
        self.fsync.setChecked(job.fsync)
        self.hard_links.setChecked(job.hard_links)
        self.backend.setCurrentIndex(max(0, self.backend.findData(job.backend.value)))
        self.scheduler.setText(job.scheduler)
        self._validate()

    def _validate(self) -> None:
        """Flag bad folders beside their fields, in the CLI's words; Start only when all is well."""
        source, target = self.source.path().strip(), self.target.path().strip()
        self.source.set_error(source_problem(Path(source)) if source else None)
        self.target.set_error(target_problem(Path(source), Path(target)) if target else None)
        problems = [p for p in (self.source.error(), self.target.error()) if p]
        problems += self.stages.errors()
        try:
            parse_size(self.bwlimit.text() or "0")
        except JobError as exc:
            problems.append(str(exc))
        backend = backend_problem(self._backend(), self._scheduler())
        if backend:
            problems.append(backend)
        if not source or not target:
            problems.insert(0, self.tr("Choose a source and a target folder."))
        self.start_problem.setText(problems[0] if problems else "")
        ready = not problems and not self.bridge.running
        self.start_button.setEnabled(ready)
        self.start_action.setEnabled(ready)
        self.preview_button.setEnabled(ready)
        self.preview_action.setEnabled(ready)
        running = self.bridge.running
        for widget in (self.pause_button, self.cancel_button):
            widget.setEnabled(running)
        self.pause_action.setEnabled(running)
        self.cancel_action.setEnabled(running)

    # Running

    def start(self) -> None:
        if self.bridge.running:
            return
        try:
            job = self.job()
        except JobError as exc:
            self.start_problem.setText(str(exc))
            return
        self._run(job)

    def _run(self, job: Job) -> None:
        self.banner.hide()
        self.progress.reset()
        self.worker_table.clear()
        self.log.clear()
        self.log.set_finished(False)
        try:
            self.bridge.start(job)
        except JobError as exc:
            self.start_problem.setText(str(exc))
            return
        self._running_job = job
        self._paused = False
        self.pause_button.setText(self.tr("&Pause"))
        self.settings.setValue(SETTINGS_JOB_KEY, dump_job_file(job))
        self.statusBar().showMessage(self.tr("Copying…"))
        self._validate()

    def toggle_pause(self) -> None:
        if not self.bridge.running:
            return
        if self._paused:
            self.bridge.resume()
            self.pause_button.setText(self.tr("&Pause"))
            self.statusBar().showMessage(self.tr("Copying…"))
        else:
            self.bridge.pause()
            self.pause_button.setText(self.tr("&Resume"))
            self.statusBar().showMessage(self.tr("Paused"))
        self._paused = not self._paused

    def cancel(self) -> None:
        if self.bridge.running:
            self.bridge.cancel()
            self.statusBar().showMessage(self.tr("Cancelling…"))

    def _workers_changed(self, value: int) -> None:
        if self.bridge.running:
            self.bridge.set_workers(value)

    def _finished(self, summary: Summary) -> None:
        self.progress.finish(summary)
        self.worker_table.clear()
        self.log.set_finished(True)
        self.banner.setText(self._summary_text(summary))
        self.banner.show()
        self.statusBar().showMessage(self.tr("Finished"), 10_000)
        self._paused = False
        self.pause_button.setText(self.tr("&Pause"))
        self._validate()

    def _summary_text(self, s: Summary) -> str:
        """The end-of-job banner, one whole translatable sentence per outcome."""
        if s.cancelled:
            text = self.tr(
                "Cancelled. {done} copied, {skipped} skipped, {failed} failed; "
                "{size} in {time} ({rate})."
            )
        elif s.files_failed:
            text = self.tr(
                "Finished with failures. {done} copied, {skipped} skipped, {failed} failed; "
                "{size} in {time} ({rate})."
            )
        else:
            text = self.tr(
                "Done. {done} copied, {skipped} skipped, {failed} failed; "
                "{size} in {time} ({rate})."
            )
        return text.format(
            done=format_count(s.files_done),
            skipped=format_count(s.files_skipped),
            failed=format_count(s.files_failed),
            size=format_size(s.bytes_done),
            time=format_duration(s.elapsed_s),
            rate=format_rate(s.bytes_done / s.elapsed_s if s.elapsed_s > 0 else 0.0),
        )

    def _failed(self, message: str) -> None:
        self.log.set_finished(True)
        self.banner.setText(self.tr("The job could not run: {reason}").format(reason=message))
        self.banner.show()
        self._validate()

    def retry_failed(self) -> None:
        """Run the last job again on exactly the files that failed."""
        paths = self.log.failed_paths()
        if not paths or self._running_job is None or self.bridge.running:
            return
        include = tuple(escape_glob(path) for path in paths)
        self._run(replace(self._running_job, include=include))

    def open_target(self) -> None:
        target = self.target.path()
        if target and os.path.isdir(target):
            QDesktopServices.openUrl(QUrl.fromLocalFile(target))

    # Files and the clipboard

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
            self.start_problem.setText(str(exc))
            return
        QGuiApplication.clipboard().setText(line)
        self.statusBar().showMessage(self.tr("Command line copied to the clipboard"), 5000)

    def show_preview(self) -> None:
        try:
            job = self.job()
        except JobError as exc:
            self.start_problem.setText(str(exc))
            return
        dialog = PreviewDialog(job, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.start()

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
        field = self.target if self.source.path() else self.source
        field.set_path(folder)
        event.acceptProposedAction()
        self._validate()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.bridge.running:
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
            self.bridge.shutdown()
        self._status_timer.stop()
        event.accept()

    def _update_system_status(self) -> None:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
        free = psutil.virtual_memory().available
        self.system_status.setText(
            self.tr("Load {load:.2f} · {free} free").format(load=load, free=format_size(free))
        )
