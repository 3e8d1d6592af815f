"""The stage chain editor: which stages a file goes through, in which order, with what options.

The chain reads as a pipeline, left to right and wrapping like text: one chip per stage with
its name over a few words about its options ("Resize images / 1600 px"), arrows between, and
Add stage at the end. Clicking a chip (or moving to it with the arrow keys) shows that
stage's description and generated option form beside the chain, with the buttons that move
and remove it. A stage the job names but no installed package provides (a plugin that is
gone) stays in the chain, with its options untouched and its problem reported, instead of
silently disappearing from a loaded job.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import JobError, StageSpec
from engine.stages import available, build
from gui.stage_texts import stage_description, stage_summary, stage_title
from gui.tab_order import set_tab_order
from gui.widgets.buttons import push_button
from gui.widgets.flow_layout import FlowLayout
from gui.widgets.option_form import OptionForm
from gui.widgets.side_notes import ErrorLabel, NoteLabel
from gui.widgets.stage_chip import StageChip

_EARLIER_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up)
_LATER_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)


@dataclass
class _Entry:
    """One stage of the chain: its chip, its page beside the chain and, when installed, its
    option form."""

    name: str
    chip: StageChip
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

    Keys on a chip: the arrow keys select the next or previous stage, Delete removes the
    selected one, Ctrl with an arrow key moves it earlier or later.
    """

    changed = Signal()
    """The chain or an option changed."""
    rearranged = Signal()
    """Stages were added, removed or moved: the widgets in the window's tab order changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[_Entry] = []
        self._serial = itertools.count(1)
        """Numbers each stage's widgets for their object names, which must stay unique in
        the window however the chain is rearranged."""
        self._chips = QButtonGroup(self)
        self._chips.setExclusive(True)
        self._chips.buttonClicked.connect(lambda _chip: self._show_current())

        self.add_menu = QMenu(self)
        self.add_menu.setObjectName("addStageMenu")
        self.add_menu.setToolTipsVisible(True)
        for name, cls in available().items():
            action = self.add_menu.addAction(stage_title(name))
            action.setData(name)
            action.setToolTip(stage_description(cls))
            action.setStatusTip(stage_description(cls))
            action.triggered.connect(lambda _checked=False, n=name: self._add(n))
        self.add_button = QToolButton()
        self.add_button.setObjectName("addButton")
        self.add_button.setText(self.tr("&Add stage"))
        self.add_button.setToolTip(self.tr("Add a stage after the selected one"))
        self.add_button.setMenu(self.add_menu)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.chain = QGroupBox(self.tr("Stages each file goes through"))
        self.chain.setObjectName("stageChain")
        self._flow = FlowLayout(spacing=4)
        self.chain_hint = NoteLabel()
        self.chain_hint.setObjectName("stageChainHint")
        self.chain_hint.setText(
            self.tr(
                "Every file goes through these stages from left to right. Select one to see "
                "its options; Delete removes it, Ctrl+Left and Ctrl+Right move it."
            )
        )
        chain_layout = QVBoxLayout(self.chain)
        chain_layout.addLayout(self._flow)
        chain_layout.addStretch(1)
        chain_layout.addWidget(self.chain_hint)

        self.pages = QStackedWidget()
        self.pages.setObjectName("stagePages")
        self.earlier_button = push_button(
            self.tr("Move earlier"),
            "earlierButton",
            self.tr("Run the selected stage one step earlier (Ctrl+Left)"),
        )
        self.earlier_button.clicked.connect(lambda: self._move_current(-1))
        self.later_button = push_button(
            self.tr("Move later"),
            "laterButton",
            self.tr("Run the selected stage one step later (Ctrl+Right)"),
        )
        self.later_button.clicked.connect(lambda: self._move_current(1))
        self.remove_button = push_button(
            self.tr("Remove"), "removeButton", self.tr("Remove the selected stage (Delete)")
        )
        self.remove_button.clicked.connect(self._remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.earlier_button)
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        self.details = QGroupBox()
        self.details.setObjectName("stageDetails")
        details_layout = QVBoxLayout(self.details)
        details_layout.addWidget(self.pages)
        details_layout.addStretch(1)
        details_layout.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chain, 1)
        layout.addWidget(self.details, 1)

        self.set_specs([StageSpec("copy")])

    def specs(self) -> tuple[StageSpec, ...]:
        return tuple(entry.spec() for entry in self._entries)

    def set_specs(self, specs: Iterable[StageSpec]) -> None:
        """Replace the whole chain (a loaded job); selects the first stage, emits `changed`."""
        while self._entries:
            self._take(0)
        for spec in specs:
            self._insert(len(self._entries), spec)
        self._arrange()
        self.select(0)
        self.changed.emit()

    def chips(self) -> list[StageChip]:
        """The stages' chips, in the chain's order."""
        return [entry.chip for entry in self._entries]

    def current_index(self) -> int:
        """Which stage is selected (its options shown), or -1."""
        checked = self._chips.checkedButton()
        return next((i for i, e in enumerate(self._entries) if e.chip is checked), -1)

    def select(self, index: int) -> None:
        """Select the stage at `index` and show its options."""
        if 0 <= index < len(self._entries):
            self._entries[index].chip.setChecked(True)
            self._show_current()

    def current_form(self) -> OptionForm | None:
        """The selected stage's option form (None for a stage that is not installed)."""
        index = self.current_index()
        return self._entries[index].form if index >= 0 else None

    def focus_chain(self) -> list[QWidget]:
        """The editor's controls in reading order, for the window's tab order: the chips (one
        stop; the arrow keys move between them), Add stage, every stage's option fields
        (only the shown ones take the focus), then Move earlier, Move later and Remove."""
        fields = [w for e in self._entries if e.form is not None for w in e.form.editors()]
        return [
            *self.chips(),
            self.add_button,
            *fields,
            self.earlier_button,
            self.later_button,
            self.remove_button,
        ]

    def errors(self) -> list[str]:
        """One sentence per stage that cannot be built, naming its position and name."""
        found = []
        for position, entry in enumerate(self._entries, start=1):
            problem = entry.problem()
            if problem:
                found.append(
                    self.tr("Stage {position} ({name}): {problem}").format(
                        position=position, name=stage_title(entry.name), problem=problem
                    )
                )
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.chips():
            assert isinstance(event, QKeyEvent)
            key, modifiers = event.key(), event.modifiers()
            if key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
                self._remove_current()
                return True
            if modifiers == Qt.KeyboardModifier.ControlModifier and key in (
                *_EARLIER_KEYS,
                *_LATER_KEYS,
            ):
                self._move_current(-1 if key in _EARLIER_KEYS else 1)
                return True
        return super().eventFilter(watched, event)

    def _add(self, name: str) -> None:
        current = self.current_index()
        row = current + 1 if current >= 0 else len(self._entries)
        self._insert(row, StageSpec(name))
        self._arrange()
        self.select(row)
        self.changed.emit()

    def _remove_current(self) -> None:
        row = self.current_index()
        if row < 0 or len(self._entries) <= 1:
            return
        self._take(row)
        self._arrange()
        self.select(min(row, len(self._entries) - 1))
        self._entries[self.current_index()].chip.setFocus()
        self.changed.emit()

    def _move_current(self, step: int) -> None:
        row = self.current_index()
        to = row + step
        if row < 0 or not 0 <= to < len(self._entries):
            return
        self._entries.insert(to, self._entries.pop(row))
        self._arrange()
        self.select(to)
        self.changed.emit()

    def _insert(self, row: int, spec: StageSpec) -> None:
        entry = self._make_entry(spec, f"stage{next(self._serial)}")
        self._entries.insert(row, entry)
        self.pages.addWidget(entry.page)
        self._chips.addButton(entry.chip)
        entry.chip.installEventFilter(self)
        if entry.form is not None:
            form = entry.form
            form.changed.connect(lambda: self._on_form_changed(form))
        self._mark(entry)

    def _take(self, row: int) -> None:
        entry = self._entries.pop(row)
        self._chips.removeButton(entry.chip)
        self.pages.removeWidget(entry.page)
        for widget in (entry.page, entry.chip):
            widget.hide()  # at once: deletion waits for the event loop
            widget.deleteLater()

    def _arrange(self) -> None:
        """Lay the chips out in the chain's order, with an arrow between each two, then Add
        stage; and say so to whoever keeps the tab order."""
        while (item := self._flow.takeAt(0)) is not None:
            widget = item.widget()
            if isinstance(widget, QLabel):  # an arrow: made again below
                widget.hide()
                widget.deleteLater()
        for position, entry in enumerate(self._entries):
            if position:
                arrow = QLabel("→")
                arrow.setObjectName(f"arrow{position}")
                arrow.setAccessibleName(self.tr("then"))
                self._flow.addWidget(arrow)
            self._flow.addWidget(entry.chip)
            self._describe_chip(entry, position)
        self._flow.addWidget(self.add_button)
        self._update_buttons()
        set_tab_order(self.focus_chain())
        self.rearranged.emit()

    def _make_entry(self, spec: StageSpec, name: str) -> _Entry:
        chip = StageChip()
        chip.setObjectName(f"{name}Chip")
        page = QWidget()
        page.setObjectName(f"{name}Page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        cls = available().get(spec.name)
        if cls is None:
            missing = _why_missing(spec)
            problem = ErrorLabel()
            problem.setObjectName(f"{name}Missing")
            problem.show_error(missing)
            layout.addWidget(problem)
            return _Entry(spec.name, chip, page, None, missing, dict(spec.options))
        description = NoteLabel()
        description.setObjectName(f"{name}Description")
        description.setText(stage_description(cls))
        layout.addWidget(description)
        form = OptionForm(cls, spec.options, name=f"{name}Options")
        layout.addWidget(form)
        layout.addStretch(1)
        return _Entry(spec.name, chip, page, form)

    def _on_form_changed(self, form: OptionForm) -> None:
        for entry in self._entries:
            if entry.form is form:
                self._mark(entry)
        self.changed.emit()

    def _mark(self, entry: _Entry) -> None:
        """The chip's words from the stage's options, and a warning icon on a stage that
        cannot be built, with why in its tooltip."""
        summary = stage_summary(entry.name, entry.spec().options)
        title = stage_title(entry.name)
        problem = entry.problem()
        entry.chip.set_texts(title, summary, warning=bool(problem))
        entry.chip.setAccessibleName(
            self.tr("{stage}: {summary}").format(stage=title, summary=summary)
        )
        if problem:
            entry.chip.setToolTip(problem)
        else:
            entry.chip.setToolTip(f"{summary}\n\n{stage_description(available()[entry.name])}")
        if entry.chip.isChecked():
            self.details.setTitle(self._details_title(entry))

    def _describe_chip(self, entry: _Entry, position: int) -> None:
        entry.chip.setAccessibleDescription(
            self.tr("Stage {position} of {count}").format(
                position=position + 1, count=len(self._entries)
            )
        )

    def _details_title(self, entry: _Entry) -> str:
        return self.tr("Stage {position}: {stage}").format(
            position=self._entries.index(entry) + 1, stage=stage_title(entry.name)
        )

    def _show_current(self) -> None:
        row = self.current_index()
        if row < 0:
            return
        entry = self._entries[row]
        # A stacked widget is as large as its largest page; let only the page shown count,
        # so a short page never gets the height of a long one.
        for each in self._entries:
            policy = QSizePolicy.Policy.Preferred if each is entry else QSizePolicy.Policy.Ignored
            each.page.setSizePolicy(policy, policy)
        self.pages.setCurrentWidget(entry.page)
        self.details.setTitle(self._details_title(entry))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, count = self.current_index(), len(self._entries)
        self.remove_button.setEnabled(row >= 0 and count > 1)
        self.earlier_button.setEnabled(row > 0)
        self.later_button.setEnabled(0 <= row < count - 1)
