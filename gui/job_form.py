"""The job form: the widgets that describe one job, and the `engine.Job` they describe.

It knows nothing of running: it turns its fields into a Job (`job`) and a Job back into
fields (`set_job`), and checks them as they change. A bad folder is flagged beside its
field in the CLI's words; after every check `validated` carries the first thing to fix, so
the run controller can say why Start is disabled.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import IfExists, Job, JobError, Reflink
from engine.job import (
    PRESERVED,
    SETTINGS,
    Backend,
    backend_problem,
    max_workers,
    parse_size,
    source_problem,
    target_problem,
)
from engine.system import cpu_count
from gui.widgets import FolderField, StageChainEditor

CHECKS = frozenset(each.key for each in SETTINGS if each.kind is bool and each.in_app)
"""The Job's yes/no settings the app offers, one check box each, as the engine's table of
job settings says; their labels and tooltips are the app's own (`JobForm._check_texts`)."""

KEEPS_PER_ROW = 3
"""Keep boxes per row: all six in one would be the widest row and widen the whole form."""


class Mode(Enum):
    """What the job does with the two folders: the Job's `delete` and `move`, as one choice."""

    COPY = "copy"
    MIRROR = "mirror"
    """`delete`: the target ends up holding what the source does, nothing more."""
    MOVE = "move"
    """`move`: each source file goes once its output is in place."""

    @classmethod
    def of(cls, job: Job) -> Mode:
        """The mode a job is shown with; a job that both moves and mirrors (only a job file
        makes one) shows as a move, and `JobForm.job` keeps its `delete`."""
        if job.move:
            return cls.MOVE
        return cls.MIRROR if job.delete else cls.COPY


def split_globs(text: str) -> tuple[str, ...]:
    """Globs typed into one field, separated by ';' as in a stage's match option."""
    return tuple(glob.strip() for glob in text.split(";") if glob.strip())


def format_bwlimit(rate: int) -> str:
    """A rate as the speed-limit field takes it back: `512k`, `10M`, or "" for none."""
    for suffix, factor in (("G", 1024**3), ("M", 1024**2), ("k", 1024)):
        if rate and rate % factor == 0:
            return f"{rate // factor}{suffix}"
    return str(rate) if rate else ""


def buddy(text: str, widget: QWidget) -> QLabel:
    """A field's label, whose accelerator moves the focus to the field."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class JobForm(QWidget):
    """Where from, where to, and what to do on the way; see the module docstring."""

    validated = Signal(str)
    """Emitted after every check of the form: the first problem, or "" when the form
    describes a job that may start. Every check, not only a change of validity, because the
    problem shown can change while the form stays invalid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: list[str] = []
        self._loaded: Job | None = None
        """The job last set, whose settings without a control here `job()` keeps."""
        self._build_folders()
        self._build_options()
        self._build_checks()
        self._build_keeps()
        self._lay_out()
        self._connect()
        self.validate()

    # Building the form

    def _build_folders(self) -> None:
        self.source = FolderField(self.tr("Choose the folder to copy from"))
        self.source.setToolTip(self.tr("The folder whose contents are copied"))
        self.source.line_edit.setAccessibleName(self.tr("Source folder"))
        self.target = FolderField(self.tr("Choose the folder to copy into"))
        self.target.setToolTip(self.tr("The folder the copies go into; it is created if needed"))
        self.target.line_edit.setAccessibleName(self.tr("Target folder"))

    def _build_options(self) -> None:
        self.mode = QComboBox()
        modes = {
            Mode.COPY: (
                self.tr("Copy"),
                self.tr("Copy the source into the target; nothing is deleted anywhere"),
            ),
            Mode.MIRROR: (
                self.tr("Mirror (delete what the source does not have)"),
                self.tr(
                    "Copy, then delete from the target what no source file leads to, so it "
                    "matches the source; you confirm the list first"
                ),
            ),
            Mode.MOVE: (
                self.tr("Move (empty the source)"),
                self.tr(
                    "Copy, then remove each source file once its copy is in place; you "
                    "confirm the list first"
                ),
            ),
        }
        for mode, (text, tip) in modes.items():
            self.mode.addItem(text, mode.value)
            self.mode.setItemData(self.mode.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.mode.setToolTip(
            self.tr(
                "Copy leaves both folders' other files alone; Mirror also deletes extra files "
                "in the target; Move removes the copied files from the source"
            )
        )
        self.mode.setAccessibleName(self.tr("Mode"))
        self.mode.setAccessibleDescription(
            self.tr("Copy, mirror (delete extras in the target) or move (empty the source)")
        )
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
        self.reflink = QComboBox()
        reflinks = {
            Reflink.AUTO: (
                self.tr("Automatic"),
                self.tr("Clone where the file system can, copy the bytes otherwise"),
            ),
            Reflink.ALWAYS: (
                self.tr("Always"),
                self.tr("Clone every plain copy and fail a file that cannot be cloned"),
            ),
            Reflink.NEVER: (self.tr("Never"), self.tr("Always copy the bytes")),
        }
        for when, (text, tip) in reflinks.items():
            self.reflink.addItem(text, when.value)
            self.reflink.setItemData(self.reflink.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.reflink.setToolTip(
            self.tr(
                "Whether plain copies share the source's blocks instead of copying them, on "
                "file systems that can clone files (btrfs, XFS); Always does not go with Verify"
            )
        )
        self.reflink.setAccessibleName(self.tr("Clone instead of copying"))

    def _check_texts(self) -> dict[str, tuple[str, str, str]]:
        """Each check box's label, tooltip and accessible name, by the Job field it sets,
        in the order shown.

        Written out here rather than taken from the settings' help, which is the command
        line's: here each is a whole translatable sentence with its own accelerator."""
        return {
            "verify": (
                self.tr("&Verify each written file"),
                self.tr("Re-read every file from the disk after writing it and compare it"),
                self.tr("Verify"),
            ),
            "dry_run": (
                self.tr("&Dry run (write nothing)"),
                self.tr("Report what would be copied without writing anything"),
                self.tr("Dry run"),
            ),
            "follow_symlinks": (
                self.tr("Follow symbolic lin&ks"),
                self.tr("Copy what symbolic links point to instead of the links themselves"),
                self.tr("Follow symbolic links"),
            ),
            "fsync": (
                self.tr("&Flush each file to disk"),
                self.tr("Safer against power loss, slower: flush every file before moving on"),
                self.tr("Flush each file to disk"),
            ),
        }

    def _build_checks(self) -> None:
        """One check box per setting in CHECKS, in the order of `_check_texts` rather than
        the table's, which follows the Job's fields; a setting the app is to show but has no
        text for is a mistake to catch at once."""
        texts = self._check_texts()
        unlabelled = sorted(set(CHECKS) - texts.keys())
        if unlabelled:
            raise RuntimeError(f"the job form has no check box text for {unlabelled}")
        self.checks: dict[str, QCheckBox] = {}
        for key in (key for key in texts if key in CHECKS):
            text, tip, name = texts[key]
            check = QCheckBox(text)
            check.setToolTip(tip)
            check.setAccessibleName(name)
            self.checks[key] = check

    def _keep_texts(self) -> dict[str, tuple[str, str, str]]:
        """Each Keep box's label, tooltip and accessible name, by the word of
        `engine.job.PRESERVED` it stands for; as `_check_texts`, the app's own sentences.

        Accelerators use only letters no other control of the window has (b, g, h; y is the
        clone box's label's): none of them is in "ACLs", "sparse" or "FIFOs and devices", so
        those three boxes have none rather than one that clashes."""
        return {
            "owner": (
                self.tr("Owner and &group"),
                self.tr(
                    "Give each copy its source's owner and group (run as another user than "
                    "root: only the group, where it is one of yours)"
                ),
                self.tr("Keep owner and group"),
            ),
            "xattrs": (
                self.tr("Extended attri&butes"),
                self.tr("Copy the extended attributes of files and folders"),
                self.tr("Keep extended attributes"),
            ),
            "acls": (
                self.tr("ACLs"),
                self.tr("Copy the POSIX access control lists of files and folders"),
                self.tr("Keep ACLs"),
            ),
            "sparse": (
                self.tr("Holes in sparse files"),
                self.tr(
                    "Leave the holes of sparse files unwritten in plain copies, so they take "
                    "no space; unchecked, holes are written as zeros"
                ),
                self.tr("Keep holes in sparse files"),
            ),
            "hard-links": (
                self.tr("&Hard links"),
                self.tr(
                    "Link the copies of names that share one file, as in the source; "
                    "unchecked, each name is copied on its own"
                ),
                self.tr("Keep hard links"),
            ),
            "specials": (
                self.tr("FIFOs and devices"),
                self.tr(
                    "Recreate FIFOs and device files (devices need root); unchecked, they "
                    "are skipped"
                ),
                self.tr("Keep FIFOs and devices"),
            ),
        }

    def _build_keeps(self) -> None:
        """One check box per word of `engine.job.PRESERVED`, in its order, checked when kept:
        the unchecked ones make the job's `no_preserve`. A word the app has no text for is a
        mistake to catch at once, as for the yes/no settings."""
        texts = self._keep_texts()
        unlabelled = sorted(set(PRESERVED) - texts.keys())
        if unlabelled:
            raise RuntimeError(f"the job form has no Keep box text for {unlabelled}")
        self.keeps: dict[str, QCheckBox] = {}
        for word in PRESERVED:
            text, tip, name = texts[word]
            check = QCheckBox(text)
            check.setChecked(True)
            check.setToolTip(tip)
            check.setAccessibleName(name)
            self.keeps[word] = check

    def _lay_out(self) -> None:
        folders = QGroupBox(self.tr("Where from, where to"))
        folder_form = QFormLayout(folders)
        folder_form.addRow(buddy(self.tr("S&ource:"), self.source.line_edit), self.source)
        folder_form.addRow(buddy(self.tr("&Target:"), self.target.line_edit), self.target)
        # No accelerator: every letter of "Mode" is taken by another control of the window;
        # the box comes right after the target in the tab order.
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.mode)
        mode_row.addStretch(1)
        folder_form.addRow(buddy(self.tr("Mode:"), self.mode), mode_row)

        options = QGroupBox(self.tr("What to do"))
        options_layout = QVBoxLayout(options)
        top = QFormLayout()
        workers_row = QHBoxLayout()
        workers_row.addWidget(self.workers)
        workers_row.addWidget(self.cpu_label)
        workers_row.addStretch(1)
        top.addRow(buddy(self.tr("&Workers:"), self.workers), workers_row)
        backend_row = QHBoxLayout()
        backend_row.addWidget(self.backend)
        self.scheduler_label = buddy(self.tr("Sched&uler:"), self.scheduler)
        self.scheduler_label.setEnabled(False)
        backend_row.addWidget(self.scheduler_label)
        backend_row.addWidget(self.scheduler, 1)
        top.addRow(buddy(self.tr("Run o&n:"), self.backend), backend_row)
        top.addRow(buddy(self.tr("&Include:"), self.include), self.include)
        top.addRow(buddy(self.tr("E&xclude:"), self.exclude), self.exclude)
        exists_row = QHBoxLayout()
        exists_row.addWidget(self.if_exists, 1)
        exists_row.addWidget(buddy(self.tr("Clone instead of cop&ying:"), self.reflink))
        exists_row.addWidget(self.reflink)
        top.addRow(buddy(self.tr("When a file &exists:"), self.if_exists), exists_row)
        limits = QHBoxLayout()
        limits.addWidget(self.bwlimit)
        retries_label = buddy(self.tr("&Retries:"), self.retries)
        timeout_label = buddy(self.tr("Time li&mit per file:"), self.file_timeout)
        for widget in (retries_label, self.retries, timeout_label, self.file_timeout):
            limits.addWidget(widget)
        limits.addStretch(1)
        top.addRow(buddy(self.tr("Speed &limit:"), self.bwlimit), limits)
        checks = QHBoxLayout()
        for check in self.checks.values():
            checks.addWidget(check)
        checks.addStretch(1)
        top.addRow("", checks)
        keeps = QGridLayout()
        for n, check in enumerate(self.keeps.values()):
            keeps.addWidget(check, n // KEEPS_PER_ROW, n % KEEPS_PER_ROW)
        keeps.setColumnStretch(KEEPS_PER_ROW, 1)
        keep_label = buddy(self.tr("Keep:"), self.keeps[PRESERVED[0]])
        # As tall as one box, so it lines up with the first row, not between the two.
        keep_label.setMaximumHeight(self.keeps[PRESERVED[0]].sizeHint().height())
        top.addRow(keep_label, keeps)
        options_layout.addLayout(top)
        options_layout.addWidget(self.stages, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(folders)
        layout.addWidget(options, 1)
        order = (
            self.source.line_edit,
            self.target.line_edit,
            self.mode,
            self.workers,
            self.backend,
            self.scheduler,
            self.include,
            self.exclude,
            self.if_exists,
            self.reflink,
            self.bwlimit,
            self.retries,
            self.file_timeout,
            *self.checks.values(),
            *self.keeps.values(),
            self.stages,
        )
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        for signal in (self.source.changed, self.target.changed, self.stages.changed):
            signal.connect(self.validate)
        for line in (self.bwlimit, self.include, self.exclude):
            line.textChanged.connect(self.validate)
        for check in self.checks.values():
            check.toggled.connect(self.validate)
        self.reflink.currentIndexChanged.connect(self.validate)
        self.mode.currentIndexChanged.connect(self.validate)
        self.backend.currentIndexChanged.connect(self._backend_changed)
        self.scheduler.textChanged.connect(self._limit_workers)
        self.scheduler.textChanged.connect(self.validate)

    # The form and the job

    def job(self) -> Job:
        """The job the form describes, validated; JobError says what to fix. Settings the
        form has no control for keep the values of the job last set (`set_job`): a saved
        job opened here loses none of them (a list of paths to copy dropped would copy the
        whole source)."""
        switches: dict[str, Any] = {key: check.isChecked() for key, check in self.checks.items()}
        mode = self.current_mode()
        # A loaded job that both moves and mirrors shows as a move and keeps its `delete`.
        kept_delete = self._loaded is not None and self._loaded.delete
        switches["delete"] = mode is Mode.MIRROR or (mode is Mode.MOVE and kept_delete)
        switches["move"] = mode is Mode.MOVE
        shown: dict[str, Any] = dict(
            source=Path(self.source.path()),
            target=Path(self.target.path()),
            workers=self.workers.value(),
            stages=self.stages.specs(),
            include=split_globs(self.include.text()),
            exclude=split_globs(self.exclude.text()),
            if_exists=IfExists(self.if_exists.currentData()),
            bwlimit=parse_size(self.bwlimit.text()) if self.bwlimit.text().strip() else 0,
            retries=self.retries.value(),
            file_timeout=float(self.file_timeout.value()),
            backend=self._backend(),
            scheduler=self._scheduler(),
            no_preserve=tuple(w for w, check in self.keeps.items() if not check.isChecked()),
            reflink=Reflink(self.reflink.currentData()),
            **switches,
        )
        job = Job(**shown) if self._loaded is None else replace(self._loaded, **shown)
        return job.validated()

    def set_job(self, job: Job) -> None:
        self._loaded = job
        self.source.set_path(str(job.source))
        self.target.set_path(str(job.target))
        self.workers.setValue(job.workers)
        self.stages.set_specs(job.stages)
        self.include.setText(";".join(job.include))
        self.exclude.setText(";".join(job.exclude))
        self.if_exists.setCurrentIndex(max(0, self.if_exists.findData(job.if_exists.value)))
        self.bwlimit.setText(format_bwlimit(job.bwlimit))
        self.retries.setValue(job.retries)
        self.file_timeout.setValue(round(job.file_timeout))
        for key, check in self.checks.items():
            check.setChecked(getattr(job, key))
        for word, check in self.keeps.items():
            check.setChecked(word not in job.no_preserve)
        self.reflink.setCurrentIndex(max(0, self.reflink.findData(job.reflink.value)))
        self.backend.setCurrentIndex(max(0, self.backend.findData(job.backend.value)))
        self.scheduler.setText(job.scheduler)
        self.mode.setCurrentIndex(max(0, self.mode.findData(Mode.of(job).value)))
        self.validate()

    def current_mode(self) -> Mode:
        """Copy, Mirror or Move, as chosen."""
        return Mode(self.mode.currentData())

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
        self.validate()

    def _limit_workers(self) -> None:
        """The workers box goes as far as the job allows where it will run (see
        `engine.job.max_workers`)."""
        self.workers.setMaximum(max_workers(self._backend(), self._scheduler()))

    # Checking

    def validate(self) -> None:
        """Flag bad folders beside their fields, in the CLI's words, and emit `validated`."""
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
        if not problems:
            # The engine's last word, in its words: what no field checks alone, such as
            # reflink always with verify, or a malformed filter.
            try:
                self.job()
            except JobError as exc:
                problems.append(str(exc))
        self._problems = problems
        self.validated.emit(self.problem())

    def is_valid(self) -> bool:
        """Whether the last check found nothing to fix, so a job may start."""
        return not self._problems

    def problem(self) -> str:
        """The first thing to fix, as of the last check, or "" when there is none."""
        return self._problems[0] if self._problems else ""
