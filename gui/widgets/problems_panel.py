"""The problems a run met (failed files, warnings, errors), or the differences a comparison
found, filterable by text and level; it counts them for the badge of the fold it sits in.

A model/view pair rather than a QTableWidget: tens of thousands of rows arrive in batches,
and a model appends a batch with one insert notification instead of an item per cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine import FileEvent, LogMessage, Status
from engine.check import Difference, Verdict
from engine.names import printable
from gui.reason_texts import engine_text

ERROR = "error"
WARNING = "warning"

LEVEL, PATH, REASON = range(3)

FILTER_DELAY_MS = 200
"""Typing pauses this long before the text filter runs, so a long list re-filters once."""

FITTED_ROWS = 12
"""Up to this many rows the list is only as tall as they are, and the room left goes to the
progress above it; with more, the list takes all the room there is."""
_UNBOUNDED = (1 << 24) - 1
"""Qt's QWIDGETSIZE_MAX: no maximum height."""

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Problem:
    """One row: `rel` is the engine's relative path (kept raw so a retry can name it)."""

    level: str
    rel: str
    reason: str
    failed: bool
    folder: bool = False
    """A folder that failed: a retry takes everything beneath it too."""

    @property
    def shown_path(self) -> str:
        return printable(self.rel)

    @property
    def shown_reason(self) -> str:
        """The reason in the app's language, on one line: it may quote a name, with whatever
        that name holds."""
        return printable(engine_text(self.reason))


DIFFERENCE_LEVELS = frozenset(verdict.value for verdict in Verdict)
"""The levels of a comparison's rows: `missing`, `changed`, `extra`, `unreadable`."""


def problem_from(item: object) -> Problem | None:
    """The row for an engine event; None for events that are not problems."""
    if isinstance(item, FileEvent):
        if item.status is Status.FAILED:
            # A folder's reason says what it left out beneath it, in the engine's words.
            return Problem(ERROR, item.path, item.reason, failed=True, folder=item.folder)
        return None
    if isinstance(item, LogMessage):
        return Problem(item.level, item.path, item.message, failed=False)
    return None


class ProblemModel(QAbstractTableModel):
    """The problems in arrival order, with their path and reason as shown (worded once, as
    they arrive, not at every paint) and a lower-cased search text per row for filtering."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Problem] = []
        self._shown: list[tuple[str, str]] = []
        self._search: list[str] = []
        self._level_names = {
            ERROR: self.tr("Error"),
            WARNING: self.tr("Warning"),
            Verdict.MISSING.value: self.tr("Missing"),
            Verdict.CHANGED.value: self.tr("Changed"),
            Verdict.EXTRA.value: self.tr("Extra"),
            Verdict.UNREADABLE.value: self.tr("Unreadable"),
        }
        self._headers = (self.tr("Level"), self.tr("Path"), self.tr("Reason"))
        self._icons: dict[str, QIcon | None] = {}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        problem = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == LEVEL:
                return self._level_names.get(problem.level, problem.level)
            return self._shown[index.row()][column - PATH]
        if role == Qt.ItemDataRole.DecorationRole and column == LEVEL:
            return self._icon(problem.level)
        return None

    def _icon(self, level: str) -> QIcon | None:
        """One icon per level, taken from the style so it matches the platform."""
        if level not in self._icons:
            pixmap = {
                ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
                WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
            }.get(level, QStyle.StandardPixmap.SP_MessageBoxInformation)
            parent = self.parent()
            style = parent.style() if isinstance(parent, QWidget) else None
            self._icons[level] = style.standardIcon(pixmap) if style else None
        return self._icons[level]

    def problem(self, row: int) -> Problem:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def append(self, problems: list[Problem]) -> None:
        """One insert notification for the whole batch."""
        if not problems:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(problems) - 1)
        shown = [(p.shown_path, p.shown_reason) for p in problems]
        self._rows.extend(problems)
        self._shown.extend(shown)
        self._search.extend(f"{path}\n{reason}".casefold() for path, reason in shown)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._shown.clear()
        self._search.clear()
        self.endResetModel()


class ProblemFilter(QSortFilterProxyModel):
    """Rows whose path or reason contains the text (ignoring case) and whose level matches."""

    def __init__(self, source: ProblemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._needle = ""
        self._level: str | None = None
        self.setSourceModel(source)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_level(self, level: str | None) -> None:
        """Only rows of this level; None shows every level."""
        self.beginFilterChange()
        self._level = level
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._level is not None and self._source.problem(source_row).level != self._level:
            return False
        return not self._needle or self._needle in self._source.search_text(source_row)


class ProblemsPanel(QWidget):
    """Lists what went wrong, or what a comparison found.

    Feed it batches of engine events with `add_problems` (anything that is not a failed
    `FileEvent` or a `LogMessage` is ignored, so a bridge can pass its batches unsorted).
    """

    counted = Signal(int, str)
    """The number of rows and the same in words ("3 errors, 1 warning"), after each change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self._errors = 0
        self._warnings = 0
        self._differences = 0
        self._failed: list[str] = []
        self._failed_folders: list[str] = []

        self.model = ProblemModel(self)
        self.proxy = ProblemFilter(self.model, self)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("problemFilter")
        self.filter_edit.setPlaceholderText(self.tr("Path or reason"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter problems"))
        self.filter_edit.setToolTip(
            self.tr("Show only problems whose path or reason contains this text (any case)")
        )
        filter_label = QLabel(self.tr("Fil&ter:"))
        filter_label.setBuddy(self.filter_edit)

        self.level_combo = QComboBox()
        self.level_combo.setObjectName("problemLevel")
        self.level_combo.addItem(self.tr("All"), None)
        self.level_combo.addItem(self.tr("Errors"), ERROR)
        self.level_combo.addItem(self.tr("Warnings"), WARNING)
        self.level_combo.setAccessibleName(self.tr("Problem level"))
        self.level_combo.setToolTip(self.tr("Show every problem, only errors, or only warnings"))
        level_label = QLabel(self.tr("&Show:"))
        level_label.setBuddy(self.level_combo)

        self.view = QTableView()
        self.view.setObjectName("problemTable")
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Problems"))
        self.view.setToolTip(self.tr("Files that failed, and warnings and errors from the run"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move in it
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        # Interactive widths: a ResizeToContents column would measure every row on each batch.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        header.resizeSection(
            LEVEL, metrics.horizontalAdvance(self.tr("Warning")) + 4 * metrics.height()
        )
        header.resizeSection(PATH, 48 * metrics.averageCharWidth())

        self.count_label = QLabel()
        self.count_label.setObjectName("problemCount")
        self.count_label.setToolTip(self.tr("How many errors and warnings the run reported"))

        filters = QHBoxLayout()
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(level_label)
        filters.addWidget(self.level_combo)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        QWidget.setTabOrder(self.filter_edit, self.level_combo)
        QWidget.setTabOrder(self.level_combo, self.view)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_text_filter)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.level_combo.currentIndexChanged.connect(self._apply_level_filter)
        self.model.rowsInserted.connect(self._fit_rows)
        self.model.modelReset.connect(self._fit_rows)
        self._update_counts()
        self._fit_rows()

    def add_problems(self, items: Iterable[object]) -> None:
        """Append the problems among these engine events, as one batch."""
        problems = [p for p in map(problem_from, items) if p is not None]
        if not problems:
            return
        for problem in problems:
            if problem.level == ERROR:
                self._errors += 1
            elif problem.level == WARNING:
                self._warnings += 1
            if problem.failed:
                self._failed.append(problem.rel)
            if problem.folder:
                self._failed_folders.append(problem.rel)
        self.model.append(problems)
        self._update_counts()

    def add_differences(self, found: Iterable[Difference]) -> None:
        """Append a comparison's differences (`engine check`), one row each: the kind of
        difference as the level, the path, and how it differs as the reason."""
        problems = [
            Problem(each.verdict.value, each.path, self._difference_reason(each), failed=False)
            for each in found
        ]
        if not problems:
            return
        self._differences += len(problems)
        self.model.append(problems)
        self._update_counts()

    def _difference_reason(self, found: Difference) -> str:
        details = {
            "size": self.tr("size"),
            "time": self.tr("modification time"),
            "content": self.tr("content"),
            "stages": self.tr("made by other stages"),
            "metadata": self.tr("owner, mode or attributes"),
            "kind": self.tr("kind of entry"),
        }
        detail = details.get(found.detail, found.detail)
        if found.output and found.output != found.path:
            output = printable(found.output)
            if detail:
                return self.tr("{detail} (in the target: {output})").format(
                    detail=detail, output=output
                )
            return self.tr("in the target: {output}").format(output=output)
        return detail

    def clear(self) -> None:
        """Empty, ready for the next run."""
        self.model.clear()
        self._errors = self._warnings = self._differences = 0
        self._failed = []
        self._failed_folders = []
        self._update_counts()

    def failed_paths(self) -> list[str]:
        """Relative paths of the files and folders that failed, in the order they were
        reported."""
        return list(self._failed)

    def failed_folders(self) -> list[str]:
        """Which of `failed_paths` are folders."""
        return list(self._failed_folders)

    def wants_room(self) -> bool:
        """Whether the list is longer than a short list shows: then it should have all the
        room there is."""
        return self.model.rowCount() > FITTED_ROWS

    def _fit_rows(self) -> None:
        """As tall as the rows, while they are at most `FITTED_ROWS`; unbounded beyond."""
        if self.wants_room():
            self.view.setMaximumHeight(_UNBOUNDED)
            return
        rows = self.model.rowCount()
        frame = 2 * self.view.frameWidth()
        header = self.view.horizontalHeader().sizeHint().height()
        row = self.view.verticalHeader().defaultSectionSize()
        self.view.setMaximumHeight(header + max(1, rows) * row + frame)

    def _apply_text_filter(self) -> None:
        self.proxy.set_text(self.filter_edit.text())

    def _apply_level_filter(self) -> None:
        self.proxy.set_level(self.level_combo.currentData())

    def _update_counts(self) -> None:
        errors, warnings = self._errors, self._warnings
        error_text = (
            self.tr("%n error", "", errors) if errors == 1 else self.tr("%n errors", "", errors)
        )
        warning_text = (
            self.tr("%n warning", "", warnings)
            if warnings == 1
            else self.tr("%n warnings", "", warnings)
        )
        if errors and warnings:
            text = self.tr("{errors}, {warnings}").format(errors=error_text, warnings=warning_text)
        elif errors:
            text = error_text
        elif warnings:
            text = warning_text
        elif self._differences:
            text = ""
        else:
            text = self.tr("No problems")
        differences = self._differences
        if differences:
            difference_text = (
                self.tr("%n difference", "", differences)
                if differences == 1
                else self.tr("%n differences", "", differences)
            )
            text = (
                self.tr("{problems}, {differences}").format(
                    problems=text, differences=difference_text
                )
                if text
                else difference_text
            )
        self.count_label.setText(text)
        self.counted.emit(self.model.rowCount(), text)
