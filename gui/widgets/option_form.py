"""A form for one stage's options, generated from the options the stage declares.

Plugins get a form for free, and the form checks values exactly as the command line does:
each change builds the stage from the values, and `Stage.__init__` parses every option with
`Option.parse` and then checks them against each other. The first problem is shown under
the form in the engine's own words, so the app and `engine run` never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import JobError, Option, Stage, parse_stage
from gui.widgets.folder_field import ErrorLabel

_INT_LIMIT = 2**31 - 1
"""QSpinBox holds a C int; a value beyond it is kept as given and reported, never clipped."""
_FLOAT_LIMIT = 1e12
_FLOAT_DECIMALS = 3

Editor = QSpinBox | QDoubleSpinBox | QCheckBox | QComboBox | QLineEdit


def _placeholder(option: Option, examples: Mapping[str, object]) -> str:
    """What an empty text field means (the default, all files), else what to type there."""
    if option.default:
        return str(option.default)
    if option.kind == "glob":
        return QCoreApplication.translate("OptionForm", "all files")
    if option.name in examples:
        return QCoreApplication.translate("OptionForm", "e.g. {example}").format(
            example=examples[option.name]
        )
    return ""


def _example_values(stage_cls: type[Stage]) -> Mapping[str, object]:
    """The option values in the stage's `example`, to hint at what a field takes."""
    try:
        return parse_stage(stage_cls.example).options
    except JobError:
        return {}


class OptionForm(QWidget):
    """One labelled row per option of a stage class; `values()` gives what a StageSpec needs.

    An empty text field means the option's default. A value handed to `set_values` that the
    widgets cannot show (out of range, not a choice, an unknown option) is kept as given and
    reported, rather than clipped or dropped, until the user edits that option.
    """

    changed = Signal()

    def __init__(
        self,
        stage_cls: type[Stage],
        values: Mapping[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._stage_cls = stage_cls
        self._options = {option.name: option for option in stage_cls.all_options()}
        self._editors: dict[str, Editor] = {}
        self._kept: dict[str, object] = {}
        self._error: str | None = None
        self._loading = False

        examples = _example_values(stage_cls)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for option in self._options.values():
            editor = self._make_editor(option, examples)
            editor.setObjectName(option.name)
            editor.setToolTip(
                self.tr("{help}\n\nType: {type}").format(
                    help=option.help, type=option.describe_type()
                )
            )
            editor.setAccessibleName(option.name)
            editor.setAccessibleDescription(option.help)
            label = QLabel(self.tr("{name}:").format(name=option.name))
            label.setBuddy(editor)
            form.addRow(label, editor)
            self._editors[option.name] = editor

        self.error_label = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        self.set_values(values or {})

    def editors(self) -> list[QWidget]:
        """The option widgets, top to bottom, so an owner can set the tab order."""
        return list(self._editors.values())

    def values(self) -> dict[str, object]:
        """Typed values of the options that differ from their defaults (a minimal StageSpec)."""
        result: dict[str, object] = {}
        for name, option in self._options.items():
            value = self._kept[name] if name in self._kept else self._shown(option)
            if value != option.default:
                result[name] = value
        result.update({k: v for k, v in self._kept.items() if k not in self._options})
        return result

    def set_values(self, values: Mapping[str, object]) -> None:
        """Show these values (options not given take their defaults); emits `changed` once."""
        self._loading = True
        self._kept = {}
        try:
            for option in self._options.values():
                self._show(option, option.default)
            for name, given in values.items():
                declared = self._options.get(name)
                if declared is None:
                    self._kept[name] = given
                    continue
                try:
                    value = declared.parse(self._stage_cls.name, given)
                except JobError:
                    self._kept[name] = given
                    continue
                self._show(declared, value)
                if self._shown(declared) != value:
                    self._kept[name] = value
        finally:
            self._loading = False
        self._validate()
        self.changed.emit()

    def error(self) -> str | None:
        return self._error

    def _make_editor(self, option: Option, examples: Mapping[str, object]) -> Editor:
        edited = partial(self._edited, option.name)
        if option.kind == "int":
            spin = QSpinBox()
            spin.setRange(
                -_INT_LIMIT if option.minimum is None else int(option.minimum),
                _INT_LIMIT if option.maximum is None else int(option.maximum),
            )
            spin.valueChanged.connect(edited)
            return spin
        if option.kind == "float":
            double = QDoubleSpinBox()
            double.setDecimals(_FLOAT_DECIMALS)
            double.setRange(
                -_FLOAT_LIMIT if option.minimum is None else option.minimum,
                _FLOAT_LIMIT if option.maximum is None else option.maximum,
            )
            double.valueChanged.connect(edited)
            return double
        if option.kind == "bool":
            check = QCheckBox()
            check.toggled.connect(edited)
            return check
        if option.kind == "choice":
            combo = QComboBox()
            combo.addItems(list(option.choices))
            combo.currentTextChanged.connect(edited)
            return combo
        line = QLineEdit()
        line.setPlaceholderText(_placeholder(option, examples))
        line.textChanged.connect(edited)
        return line

    def _show(self, option: Option, value: object) -> None:
        editor = self._editors[option.name]
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.setValue(value)  # type: ignore[arg-type]
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(str(value))
        else:
            editor.setText("" if value == option.default else str(value))

    def _shown(self, option: Option) -> object:
        editor = self._editors[option.name]
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            return editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentText()
        return editor.text() or option.default

    def _edited(self, name: str, *_: object) -> None:
        if self._loading:
            return
        self._kept.pop(name, None)
        self._validate()
        self.changed.emit()

    def _validate(self) -> None:
        # Building the stage runs Option.parse on every value, then the stage's own checks.
        try:
            self._stage_cls(self.values())
        except JobError as exc:
            self._error = str(exc)
        else:
            self._error = None
        self.error_label.show_error(self._error)
