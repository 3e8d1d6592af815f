"""The stage chain editor: which stages a file goes through, in which order, with what options.

The chain is a list on the left (add, remove, reorder); the selected stage's description,
example and generated option form are on the right. A stage the job names but no installed
package provides (a plugin that is gone) stays in the chain, with its options untouched and
its problem reported, instead of silently disappearing from a loaded job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from engine import JobError, StageSpec
from engine.stages import available, build
from gui.widgets.folder_field import ErrorLabel
from gui.widgets.option_form import OptionForm


@dataclass
class _Entry:
    """One stage of the chain: its page on the right and, when installed, its option form."""

    name: str
    page: QWidget
    form: OptionForm | None
    missing: str | None = None
    """Why the stage cannot be built at all (not installed); its options are then kept."""
    kept_options: Mapping[str, object] = field(default_factory=dict)

    def spec(self) -> StageSpec:
        options = self.form.values() if self.form is not None else dict(self.kept_options)
        return StageSpec(self.name, options)

    def problem(self) -> str | None:
        return self.form.error() if self.form is not None else self.missing


def _why_missing(spec: StageSpec) -> str:
    """The engine's sentence for a stage that is not installed, as `engine run` prints it."""
    try:
        build(spec)
    except JobError as exc:
        return str(exc)
    return ""


class StageChainEditor(QWidget):
    """Edits a job's stage chain; `specs()` is what `engine.Job(stages=...)` takes.

    Keys on the list: Delete removes the selected stage, Ctrl+Up and Ctrl+Down move it.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[_Entry] = []
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        blank = QPixmap(size, size)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)

        self.stage_list = QListWidget()
        self.stage_list.setObjectName("stageList")
        self.stage_list.setIconSize(QSize(size, size))
        self.stage_list.setUniformItemSizes(True)
        self.stage_list.setAccessibleName(self.tr("Stage chain"))
        self.stage_list.setToolTip(
            self.tr(
                "Every file goes through these stages, top to bottom.\n"
                "Delete removes the selected stage; Ctrl+Up and Ctrl+Down move it."
            )
        )
        self.stage_list.currentRowChanged.connect(self._on_current_changed)
        self.stage_list.installEventFilter(self)
        list_label = QLabel(self.tr("St&ages, in order:"))
        list_label.setBuddy(self.stage_list)

        self.add_menu = QMenu(self)
        self.add_menu.setToolTipsVisible(True)
        for name, cls in available().items():
            action = self.add_menu.addAction(name)
            action.setToolTip(cls.description)
            action.setStatusTip(cls.description)
            action.triggered.connect(lambda _checked=False, n=name: self._add(n))
        self.add_button = self._button(
            "addButton", self.tr("Add stage"), self.tr("Add a stage after the selected one")
        )
        self.add_button.setMenu(self.add_menu)
        self.remove_button = self._button(
            "removeButton", self.tr("Remove"), self.tr("Remove the selected stage (Delete)")
        )
        self.remove_button.clicked.connect(self._remove_current)
        self.up_button = self._button(
            "upButton", self.tr("Move up"), self.tr("Move the selected stage up (Ctrl+Up)")
        )
        self.up_button.clicked.connect(lambda: self._move_current(-1))
        self.down_button = self._button(
            "downButton",
            self.tr("Move down"),
            self.tr("Move the selected stage down (Ctrl+Down)"),
        )
        self.down_button.clicked.connect(lambda: self._move_current(1))

        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.remove_button, 0, 1)
        buttons.addWidget(self.up_button, 1, 0)
        buttons.addWidget(self.down_button, 1, 1)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.stage_list, 1)
        left.addLayout(buttons)

        self.pages = QStackedWidget()
        scroll = QScrollArea()
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(scroll, 2)

        self.set_specs([StageSpec("copy")])

    def specs(self) -> tuple[StageSpec, ...]:
        return tuple(entry.spec() for entry in self._entries)

    def set_specs(self, specs: Iterable[StageSpec]) -> None:
        """Replace the whole chain (a loaded job); selects the first stage, emits `changed`."""
        while self._entries:
            self._take(0)
        for spec in specs:
            self._insert(len(self._entries), spec)
        self.stage_list.setCurrentRow(0)
        self._update_buttons()
        self.changed.emit()

    def errors(self) -> list[str]:
        """One sentence per stage that cannot be built, naming its position and name."""
        found = []
        for position, entry in enumerate(self._entries, start=1):
            problem = entry.problem()
            if problem:
                found.append(
                    self.tr("Stage {position} ({name}): {problem}").format(
                        position=position, name=entry.name, problem=problem
                    )
                )
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.stage_list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, modifiers = event.key(), event.modifiers()
            if key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
                self._remove_current()
                return True
            if modifiers == Qt.KeyboardModifier.ControlModifier and key in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
            ):
                self._move_current(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        return button

    def _add(self, name: str) -> None:
        current = self.stage_list.currentRow()
        row = current + 1 if current >= 0 else len(self._entries)
        self._insert(row, StageSpec(name))
        self.stage_list.setCurrentRow(row)
        self.changed.emit()

    def _remove_current(self) -> None:
        row = self.stage_list.currentRow()
        if row < 0 or len(self._entries) <= 1:
            return
        self._take(row)
        self.stage_list.setCurrentRow(min(row, len(self._entries) - 1))
        self.changed.emit()

    def _move_current(self, step: int) -> None:
        row = self.stage_list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < len(self._entries):
            return
        self._entries.insert(to, self._entries.pop(row))
        self.stage_list.insertItem(to, self.stage_list.takeItem(row))
        self.stage_list.setCurrentRow(to)
        self.changed.emit()

    def _insert(self, row: int, spec: StageSpec) -> None:
        entry = self._make_entry(spec)
        self._entries.insert(row, entry)
        self.pages.addWidget(entry.page)
        self.stage_list.insertItem(row, QListWidgetItem(entry.name))
        if entry.form is not None:
            form = entry.form
            form.changed.connect(lambda: self._on_form_changed(form))
            # Pages made later would come last in the window's tab order; put the form's
            # fields right after the chain's buttons instead.
            previous: QWidget = self.down_button
            for editor in form.editors():
                QWidget.setTabOrder(previous, editor)
                previous = editor
        self._mark(row)

    def _take(self, row: int) -> None:
        entry = self._entries.pop(row)
        self.stage_list.takeItem(row)
        self.pages.removeWidget(entry.page)
        entry.page.deleteLater()

    def _make_entry(self, spec: StageSpec) -> _Entry:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(spec.name)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        cls = available().get(spec.name)
        if cls is None:
            missing = _why_missing(spec)
            problem = ErrorLabel()
            problem.show_error(missing)
            layout.addWidget(problem)
            layout.addStretch(1)
            return _Entry(spec.name, page, None, missing, dict(spec.options))
        description = QLabel(cls.description)
        description.setWordWrap(True)
        layout.addWidget(description)
        if cls.example:
            example = QLabel(self.tr("Example: --stage {example}").format(example=cls.example))
            example.setWordWrap(True)
            example.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(example)
        form = OptionForm(cls, spec.options)
        layout.addWidget(form)
        layout.addStretch(1)
        return _Entry(spec.name, page, form)

    def _on_form_changed(self, form: OptionForm) -> None:
        for row, entry in enumerate(self._entries):
            if entry.form is form:
                self._mark(row)
        self.changed.emit()

    def _mark(self, row: int) -> None:
        """Flag a stage that cannot be built with a warning icon and say why in its tooltip."""
        entry, item = self._entries[row], self.stage_list.item(row)
        problem = entry.problem()
        if problem:
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            item.setToolTip(problem)
        else:
            item.setIcon(self._blank_icon)  # keeps the names aligned with flagged ones
            item.setToolTip(available()[entry.name].description)

    def _on_current_changed(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            current = self._entries[row].page
            # A stacked widget is as wide as its widest page; let only the page shown count,
            # so a short page never gets a horizontal scroll bar because of a long one.
            for entry in self._entries:
                policy = (
                    QSizePolicy.Policy.Preferred
                    if entry.page is current
                    else QSizePolicy.Policy.Ignored
                )
                entry.page.setSizePolicy(policy, policy)
            self.pages.setCurrentWidget(current)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, count = self.stage_list.currentRow(), len(self._entries)
        self.remove_button.setEnabled(row >= 0 and count > 1)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
