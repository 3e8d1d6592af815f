"""The job form: the setup view's widgets, which describe one job, and the `engine.Job` they
describe.

It knows nothing of running: it turns its fields into a Job (`job`) and a Job back into
fields (`set_job`), and checks them as they change. It reads top to bottom as a job does:
source → target, the mode, the chain of stages with the selected stage's options beside it,
the common options, and the rest folded into Options, whose summary line says what is set
while it is shut. A bad folder is flagged beside its field in the CLI's words; after every
check `validated` carries the first thing to fix, so the run controller can say why Start
is disabled.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
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
    source_problem,
    target_problem,
)
from engine.system import cpu_count
from gui.formatting import format_count
from gui.reason_texts import engine_text
from gui.tab_order import set_tab_order
from gui.widgets import Fold, FolderField, NoteLabel, StageChainEditor
from gui.widgets.speed_limit_field import SpeedLimitField

CHECKS = frozenset(each.key for each in SETTINGS if each.kind is bool and each.in_app)
"""The Job's yes/no settings the app offers, one check box each, as the engine's table of
job settings says; their labels, tooltips and places are the app's own
(`JobForm._check_texts`)."""

KEEPS_PER_ROW = 2
COMBO_CHARACTERS = 12
"""How many characters of their choice the Options' drop-down lists show when shut."""


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


class Place(Enum):
    """Where a yes/no setting's box goes: with the common options or in an Options group."""

    COMMON = "common"
    FILTERS = "filters"
    SAFETY = "safety"


def split_globs(text: str) -> tuple[str, ...]:
    """Globs typed into one field, separated by ';' as in a stage's match option."""
    return tuple(glob.strip() for glob in text.split(";") if glob.strip())


def buddy(text: str, widget: QWidget) -> QLabel:
    """A field's label, whose accelerator moves the focus to the field."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def group(title: str, name: str, layout: QFormLayout | QGridLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setObjectName(name)
    box.setLayout(layout)
    return box


class JobForm(QWidget):
    """Where from, where to, and what to do on the way; see the module docstring."""

    validated = Signal(str)
    """Emitted after every check of the form: the first problem, or "" when the form
    describes a job that may start. Every check, not only a change of validity, because the
    problem shown can change while the form stays invalid."""
    rearranged = Signal()
    """The form's controls, or their order, changed (a stage added, moved or removed); the
    tab order within the form has been set again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobForm")
        self._problems: list[str] = []
        self._job: Job | None = None
        """The job as of the last check, when it may start."""
        self._loaded: Job | None = None
        """The job last set, whose settings without a control here `job()` keeps."""
        self._build_folders()
        self._build_mode()
        self._build_options()
        self._build_checks()
        self._build_keeps()
        self._lay_out()
        self._connect()
        self._apply_tab_order()
        self.validate()

    # Building the form

    def _build_folders(self) -> None:
        self.source = FolderField(
            self.tr("S&ource"),
            self.tr("Drop it here to copy from this folder"),
            self.tr("Choose the folder to copy from"),
            "source",
        )
        self.source.line_edit.setToolTip(self.tr("The folder whose contents are copied"))
        self.source.line_edit.setAccessibleName(self.tr("Source folder"))
        self.target = FolderField(
            self.tr("&Target"),
            self.tr("Drop it here to copy into this folder"),
            self.tr("Choose the folder to copy into"),
            "target",
        )
        self.target.line_edit.setToolTip(
            self.tr("The folder the copies go into; it is created if needed")
        )
        self.target.line_edit.setAccessibleName(self.tr("Target folder"))

    def _build_mode(self) -> None:
        self.mode_buttons: dict[Mode, QRadioButton] = {}
        self._mode_notes: dict[Mode, str] = {}
        texts = {
            Mode.COPY: (
                self.tr("Copy"),
                self.tr("Copy the source into the target; nothing is deleted anywhere."),
            ),
            Mode.MIRROR: (
                self.tr("Mirror"),
                self.tr(
                    "Copy, then delete from the target what no source file leads to, so it "
                    "matches the source; you confirm the list first."
                ),
            ),
            Mode.MOVE: (
                self.tr("Move"),
                self.tr(
                    "Copy, then remove each source file once its copy is in place; you "
                    "confirm the list first."
                ),
            ),
        }
        self._modes = QButtonGroup(self)
        for mode, (text, note) in texts.items():
            button = QRadioButton(text)
            button.setObjectName(f"{mode.value}Mode")
            button.setToolTip(note)
            self._modes.addButton(button)
            self.mode_buttons[mode] = button
            self._mode_notes[mode] = note
        self.mode_buttons[Mode.COPY].setChecked(True)
        self.mode_note = NoteLabel()
        self.mode_note.setObjectName("modeNote")

    def _build_options(self) -> None:
        self.workers = QSpinBox()
        self.workers.setObjectName("workers")
        self.workers.setRange(1, max_workers(Backend.LOCAL, ""))
        self.workers.setValue(cpu_count())
        self.workers.setToolTip(
            self.tr("How many files are worked on at once; can be changed while a job runs")
        )
        self.workers.setAccessibleName(self.tr("Worker processes"))
        self.cpu_label = NoteLabel()
        self.cpu_label.setObjectName("cpuCount")
        self.cpu_label.setText(self.tr("of %n CPU(s)", "", cpu_count()))
        self.backend = QComboBox()
        self.backend.setObjectName("backend")
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
        self.scheduler.setObjectName("scheduler")
        self.scheduler.setPlaceholderText(self.tr("e.g. tcp://scheduler:8786"))
        self.scheduler.setToolTip(
            self.tr(
                "The address of a running Dask scheduler; leave it empty to start a cluster "
                "on this computer. Used only when running on a Dask cluster"
            )
        )
        self.scheduler.setAccessibleName(self.tr("Dask scheduler address"))
        self.scheduler.setEnabled(False)
        self.stages = StageChainEditor()
        self.include = QLineEdit()
        self.include.setObjectName("include")
        self.include.setPlaceholderText(self.tr("e.g. **/*.jpg;docs/**"))
        self.include.setToolTip(
            self.tr("Only files matching these globs are copied (separate them with ';')")
        )
        self.include.setAccessibleName(self.tr("Include globs"))
        self.exclude = QLineEdit()
        self.exclude.setObjectName("exclude")
        self.exclude.setPlaceholderText(self.tr("e.g. *.tmp;node_modules"))
        self.exclude.setToolTip(
            self.tr("Files and folders matching these globs are left out (separate with ';')")
        )
        self.exclude.setAccessibleName(self.tr("Exclude globs"))
        self.if_exists = QComboBox()
        self.if_exists.setObjectName("ifExists")
        self._policies = {
            IfExists.CHANGED: (
                self.tr("Replace when changed (size or time differ)"),
                self.tr("replace changed files"),
            ),
            IfExists.SKIP: (
                self.tr("Always keep the existing file"),
                self.tr("keep existing files"),
            ),
            IfExists.OVERWRITE: (self.tr("Always replace"), self.tr("always replace")),
            IfExists.NEWER: (
                self.tr("Replace when the source is newer"),
                self.tr("replace older files"),
            ),
            IfExists.RENAME: (self.tr("Keep both (name (1).ext)"), self.tr("keep both")),
        }
        for policy, (text, _summary) in self._policies.items():
            self.if_exists.addItem(text, policy.value)
        self.if_exists.setToolTip(self.tr("What to do when a file already exists in the target"))
        self.if_exists.setAccessibleName(self.tr("When a file exists"))
        self.bwlimit = SpeedLimitField()
        self.bwlimit.setObjectName("bwlimit")
        self.retries = QSpinBox()
        self.retries.setObjectName("retries")
        self.retries.setRange(0, 100)
        self.retries.setValue(1)
        self.retries.setToolTip(
            self.tr("Tries again for a file whose worker died or that changed while copied")
        )
        self.retries.setAccessibleName(self.tr("Retries"))
        self.file_timeout = QSpinBox()
        self.file_timeout.setObjectName("fileTimeout")
        self.file_timeout.setRange(0, 7 * 24 * 3600)
        self.file_timeout.setSuffix(self.tr(" s"))
        self.file_timeout.setSpecialValueText(self.tr("no time limit"))
        self.file_timeout.setToolTip(
            self.tr("Abandon and fail a file that takes longer than this; 0 means no limit")
        )
        self.file_timeout.setAccessibleName(self.tr("Time limit per file"))
        self.reflink = QComboBox()
        self.reflink.setObjectName("reflink")
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

    def _check_texts(self) -> dict[str, tuple[str, str, Place, str]]:
        """Each check box's label, tooltip, place and words for the Options summary, by the
        Job field it sets, in the order shown.

        Written out here rather than taken from the settings' help, which is the command
        line's: here each is a whole translatable sentence with its own accelerator."""
        return {
            "verify": (
                self.tr("&Verify each written file"),
                self.tr("Re-read every file from the disk after writing it and compare it"),
                Place.COMMON,
                self.tr("verifying"),
            ),
            "dry_run": (
                self.tr("&Dry run (write nothing)"),
                self.tr("Report what would be copied without writing anything"),
                Place.COMMON,
                self.tr("dry run"),
            ),
            "follow_symlinks": (
                self.tr("Follow symbolic lin&ks"),
                self.tr("Copy what symbolic links point to instead of the links themselves"),
                Place.FILTERS,
                self.tr("following links"),
            ),
            "fsync": (
                self.tr("Flush ea&ch file to disk"),
                self.tr("Safer against power loss, slower: flush every file before moving on"),
                Place.SAFETY,
                self.tr("flushing each file"),
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
        self._check_places: dict[str, Place] = {}
        self._check_summaries: dict[str, str] = {}
        for key in (key for key in texts if key in CHECKS):
            text, tip, place, short = texts[key]
            check = QCheckBox(text)
            check.setObjectName(key)
            check.setToolTip(tip)
            self.checks[key] = check
            self._check_places[key] = place
            self._check_summaries[key] = short

    def _keep_texts(self) -> dict[str, tuple[str, str, str]]:
        """Each Keep box's label, tooltip and short name (for the Options summary), by the
        word of `engine.job.PRESERVED` it stands for; as `_check_texts`, the app's own
        sentences.

        Accelerators use only letters no other control of the setup view has (b, g, h):
        none is free in "ACLs", "sparse" or "FIFOs and devices", so those three boxes have
        none rather than one that clashes."""
        return {
            "owner": (
                self.tr("Owner and &group"),
                self.tr(
                    "Give each copy its source's owner and group (run as another user than "
                    "root: only the group, where it is one of yours)"
                ),
                self.tr("owner and group"),
            ),
            "xattrs": (
                self.tr("Extended attri&butes"),
                self.tr("Copy the extended attributes of files and folders"),
                self.tr("extended attributes"),
            ),
            "acls": (
                self.tr("ACLs"),
                self.tr("Copy the POSIX access control lists of files and folders"),
                self.tr("ACLs"),
            ),
            "sparse": (
                self.tr("Holes in sparse files"),
                self.tr(
                    "Leave the holes of sparse files unwritten in plain copies, so they take "
                    "no space; unchecked, holes are written as zeros"
                ),
                self.tr("holes"),
            ),
            "hard-links": (
                self.tr("&Hard links"),
                self.tr(
                    "Link the copies of names that share one file, as in the source; "
                    "unchecked, each name is copied on its own"
                ),
                self.tr("hard links"),
            ),
            "specials": (
                self.tr("FIFOs and devices"),
                self.tr(
                    "Recreate FIFOs and device files (devices need root); unchecked, they "
                    "are skipped"
                ),
                self.tr("FIFOs and devices"),
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
        self._keep_names: dict[str, str] = {}
        for word in PRESERVED:
            text, tip, short = texts[word]
            check = QCheckBox(text)
            check.setObjectName(f"keep-{word}")
            check.setChecked(True)
            check.setToolTip(tip)
            self.keeps[word] = check
            self._keep_names[word] = short

    def _lay_out(self) -> None:
        folders = QHBoxLayout()
        folders.addWidget(self.source, 1)
        arrow = QLabel("→")
        arrow.setObjectName("folderArrow")
        arrow.setAccessibleName(self.tr("into"))
        font = arrow.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        arrow.setFont(font)
        folders.addWidget(arrow)
        folders.addWidget(self.target, 1)

        mode_row = QHBoxLayout()
        mode_row.addWidget(buddy(self.tr("Mode:"), self.mode_buttons[Mode.COPY]))
        for button in self.mode_buttons.values():
            mode_row.addWidget(button)
        mode_row.addSpacing(12)
        mode_row.addWidget(self.mode_note, 1)

        common = QHBoxLayout()
        common.addWidget(buddy(self.tr("&Workers:"), self.workers))
        common.addWidget(self.workers)
        common.addWidget(self.cpu_label)
        common.addSpacing(18)
        for key, check in self.checks.items():
            if self._check_places[key] is Place.COMMON:
                common.addWidget(check)
        common.addStretch(1)

        self.options = Fold(self.tr("Optio&ns"), self._options_body(), "options")
        self.options.header.setToolTip(
            self.tr("Filters, existing files, what to keep, limits, safety and where to run")
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(folders)
        layout.addLayout(mode_row)
        layout.addWidget(self.stages)
        layout.addLayout(common)
        layout.addWidget(self.options)
        layout.addStretch(1)

    def _options_body(self) -> QWidget:
        """The folded options, in six groups of three columns."""
        filters = QFormLayout()
        filters.addRow(buddy(self.tr("&Include:"), self.include), self.include)
        filters.addRow(buddy(self.tr("E&xclude:"), self.exclude), self.exclude)
        conflicts = QFormLayout()
        conflicts.addRow(buddy(self.tr("When a file &exists:"), self.if_exists), self.if_exists)
        conflicts.addRow(buddy(self.tr("Clone instead of cop&ying:"), self.reflink), self.reflink)
        keeps = QGridLayout()
        for n, check in enumerate(self.keeps.values()):
            keeps.addWidget(check, n // KEEPS_PER_ROW, n % KEEPS_PER_ROW)
        run_on = QFormLayout()
        run_on.addRow(buddy(self.tr("R&un on:"), self.backend), self.backend)
        self.scheduler_label = buddy(self.tr("Scheduler:"), self.scheduler)
        self.scheduler_label.setEnabled(False)
        run_on.addRow(self.scheduler_label, self.scheduler)
        limits = QFormLayout()
        limits.addRow(buddy(self.tr("Speed &limit per worker:"), self.bwlimit), self.bwlimit)
        limits.addRow(buddy(self.tr("&Retries:"), self.retries), self.retries)
        limits.addRow(buddy(self.tr("Time li&mit per file:"), self.file_timeout), self.file_timeout)
        safety = QFormLayout()
        for key, check in self.checks.items():
            place = self._check_places[key]
            if place is Place.FILTERS:
                filters.addRow(check)
            elif place is Place.SAFETY:
                safety.addRow(check)
        groups = (
            group(self.tr("Filters"), "filtersGroup", filters),
            group(self.tr("Existing files"), "conflictsGroup", conflicts),
            group(self.tr("Keep"), "keepGroup", keeps),
            group(self.tr("Where to run"), "runOnGroup", run_on),
            group(self.tr("Limits"), "limitsGroup", limits),
            group(self.tr("Safety"), "safetyGroup", safety),
        )
        for combo in (self.if_exists, self.reflink, self.backend):
            # Sized to a short choice, not the longest: the three columns must fit beside
            # the jobs sidebar on a 1280-pixel screen (a long choice shows whole when open).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)
        body = QWidget()
        body.setObjectName("optionsBody")
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(groups):
            grid.addWidget(box, n // 3, n % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        return body

    def focus_chain(self) -> list[QWidget]:
        """The form's controls in reading order: the order Tab takes through them."""
        by_place = {
            place: [c for k, c in self.checks.items() if self._check_places[k] is place]
            for place in Place
        }
        return [
            self.source.line_edit,
            self.source.browse_button,
            self.target.line_edit,
            self.target.browse_button,
            *self.mode_buttons.values(),
            *self.stages.focus_chain(),
            self.workers,
            *by_place[Place.COMMON],
            self.options.header,
            self.include,
            self.exclude,
            *by_place[Place.FILTERS],
            self.if_exists,
            self.reflink,
            *self.keeps.values(),
            self.backend,
            self.scheduler,
            self.bwlimit,
            self.retries,
            self.file_timeout,
            *by_place[Place.SAFETY],
        ]

    def _apply_tab_order(self) -> None:
        set_tab_order(self.focus_chain())
        self.rearranged.emit()

    def _connect(self) -> None:
        for signal in (self.source.changed, self.target.changed, self.stages.changed):
            signal.connect(self.validate)
        for line in (self.bwlimit, self.include, self.exclude):
            line.textChanged.connect(self.validate)
        for check in (*self.checks.values(), *self.keeps.values()):
            check.toggled.connect(self.validate)
        for box in (self.workers, self.retries, self.file_timeout):
            box.valueChanged.connect(self.validate)
        for combo in (self.reflink, self.if_exists):
            combo.currentIndexChanged.connect(self.validate)
        self._modes.buttonToggled.connect(self._mode_toggled)
        self.backend.currentIndexChanged.connect(self._backend_changed)
        self.scheduler.textChanged.connect(self._limit_workers)
        self.scheduler.textChanged.connect(self.validate)
        self.stages.rearranged.connect(self._apply_tab_order)

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
            bwlimit=self.bwlimit.rate(),
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
        self.bwlimit.set_rate(job.bwlimit)
        self.retries.setValue(job.retries)
        self.file_timeout.setValue(round(job.file_timeout))
        for key, check in self.checks.items():
            check.setChecked(getattr(job, key))
        for word, check in self.keeps.items():
            check.setChecked(word not in job.no_preserve)
        self.reflink.setCurrentIndex(max(0, self.reflink.findData(job.reflink.value)))
        self.backend.setCurrentIndex(max(0, self.backend.findData(job.backend.value)))
        self.scheduler.setText(job.scheduler)
        self.set_mode(Mode.of(job))
        self.validate()

    def current_mode(self) -> Mode:
        """Copy, Mirror or Move, as chosen."""
        return next(mode for mode, button in self.mode_buttons.items() if button.isChecked())

    def set_mode(self, mode: Mode) -> None:
        self.mode_buttons[mode].setChecked(True)

    def drop_field(self) -> FolderField:
        """The field a folder dropped on the window fills: the source, then the target."""
        return self.target if self.source.path() else self.source

    def _mode_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.validate()

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
        """Flag bad folders beside their fields, in the CLI's words (in the app's language),
        and emit `validated`."""
        source, target = self.source.path().strip(), self.target.path().strip()
        source_error = source_problem(Path(source)) if source else None
        target_error = target_problem(Path(source), Path(target)) if target else None
        self.source.set_error(engine_text(source_error) if source_error else None)
        self.target.set_error(engine_text(target_error) if target_error else None)
        problems = [p for p in (self.source.error(), self.target.error()) if p]
        problems += self.stages.errors()
        try:
            self.bwlimit.rate()
        except JobError as exc:
            problems.append(engine_text(str(exc)))
        backend = backend_problem(self._backend(), self._scheduler())
        if backend:
            problems.append(backend)
        if not source or not target:
            problems.insert(0, self.tr("Choose a source and a target folder."))
        self._job = None
        if not problems:
            # The engine's last word, in its words: what no field checks alone, such as
            # reflink always with verify, or a malformed filter.
            try:
                self._job = self.job()
            except JobError as exc:
                problems.append(engine_text(str(exc)))
        self._problems = problems
        self.mode_note.setText(self._mode_notes[self.current_mode()])
        self.options.set_summary(self.options_summary())
        self.validated.emit(self.problem())

    def is_valid(self) -> bool:
        """Whether the last check found nothing to fix, so a job may start."""
        return not self._problems

    def problem(self) -> str:
        """The first thing to fix, as of the last check, or "" when there is none."""
        return self._problems[0] if self._problems else ""

    def described_job(self) -> Job | None:
        """The job the form described at its last check, or None when it could not start:
        what a run's results are compared with, to tell whether they are still the form's."""
        return self._job

    def options_summary(self) -> str:
        """What the folded options hold that differs from a new form's, in a few words."""
        words: list[str] = []
        if self.include.text().strip():
            words.append(self.tr("only {globs}").format(globs=self.include.text().strip()))
        if self.exclude.text().strip():
            words.append(self.tr("leaving out {globs}").format(globs=self.exclude.text().strip()))
        policy = IfExists(self.if_exists.currentData())
        if policy is not IfExists.CHANGED:
            words.append(self._policies[policy][1])
        if self.reflink.currentData() != Reflink.AUTO.value:
            words.append(self.tr("clone: {when}").format(when=self.reflink.currentText()))
        dropped = [self._keep_names[w] for w, check in self.keeps.items() if not check.isChecked()]
        if dropped:
            words.append(self.tr("not keeping {what}").format(what=self.tr(", ").join(dropped)))
        if self.bwlimit.text().strip():
            words.append(self.tr("{rate}/s per worker").format(rate=self.bwlimit.text().strip()))
        if self.retries.value() != 1:
            words.append(self.tr("%n retries", "", self.retries.value()))
        if self.file_timeout.value():
            words.append(
                self.tr("at most {seconds} s per file").format(
                    seconds=format_count(self.file_timeout.value())
                )
            )
        for key, check in self.checks.items():
            if check.isChecked() and self._check_places[key] is not Place.COMMON:
                words.append(self._check_summaries[key])
        if self._backend() is Backend.DASK:
            words.append(self.tr("on a Dask cluster"))
        if not words:
            return self.tr("everything kept, no filters, no limits")
        return self.tr("; ").join(words)
