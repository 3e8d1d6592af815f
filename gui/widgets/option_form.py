"""A form for one stage's options, generated from the options the stage declares.

Plugins get a form for free, and the form checks values exactly as the command line does:
each change builds the stage from the values, and `Stage.__init__` parses every option with
`Option.parse` and then checks them against each other. Problems are shown at the field they
concern, in plain words: a value out of the option's declared range or kind is described
from the declaration, in the app's language; a problem the stage finds itself is the
engine's sentence without the "option 'max' of stage 'resize'" the field already makes
plain. `error()` keeps the engine's whole first sentence, which is what the job as a whole
reports, so the app and `engine run` never disagree.
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
from gui.stage_texts import choice_text, option_help, option_label
from gui.widgets.side_notes import ErrorLabel

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


def _number(value: float) -> str:
    return f"{value:g}"


def allowed(option: Option) -> str:
    """What an option takes, in words of the app's language, from its declaration."""
    low, high = option.minimum, option.maximum
    if option.kind == "bool":
        return QCoreApplication.translate("OptionForm", "Check or uncheck the box.")
    if option.kind == "choice":
        return QCoreApplication.translate("OptionForm", "Choose one of: {choices}.").format(
            choices=QCoreApplication.translate("OptionForm", ", ").join(
                choice_text(choice) for choice in option.choices
            )
        )
    if option.kind in ("int", "float"):
        whole = option.kind == "int"
        if low is not None and high is not None:
            text = (
                QCoreApplication.translate(
                    "OptionForm", "Enter a whole number from {low} to {high}."
                )
                if whole
                else QCoreApplication.translate(
                    "OptionForm", "Enter a number from {low} to {high}."
                )
            )
        elif low is not None:
            text = (
                QCoreApplication.translate("OptionForm", "Enter a whole number of at least {low}.")
                if whole
                else QCoreApplication.translate("OptionForm", "Enter a number of at least {low}.")
            )
        elif high is not None:
            text = (
                QCoreApplication.translate("OptionForm", "Enter a whole number of at most {high}.")
                if whole
                else QCoreApplication.translate("OptionForm", "Enter a number of at most {high}.")
            )
        else:
            text = (
                QCoreApplication.translate("OptionForm", "Enter a whole number.")
                if whole
                else QCoreApplication.translate("OptionForm", "Enter a number.")
            )
        return text.format(low=_number(low or 0), high=_number(high or 0))
    return QCoreApplication.translate("OptionForm", "Enter text without NUL characters.")


def plain(message: str, stage: str, option: str) -> str:
    """The engine's sentence about one option, as said beside that option's field: without
    "option 'max' of stage 'resize'", and starting with a capital letter."""
    for lead in (f"option '{option}' of stage '{stage}' ", f"stage '{stage}' needs option "):
        if message.startswith(lead):
            rest = message[len(lead) :]
            if lead.endswith("needs option "):
                rest = QCoreApplication.translate("OptionForm", "Required: {what}").format(
                    what=rest.split(": ", 1)[-1]
                )
            return rest[:1].upper() + rest[1:]
    return message


class OptionForm(QWidget):
    """One labelled row per option of a stage class; `values()` gives what a StageSpec needs.

    An empty text field means the option's default. A value handed to `set_values` that the
    widgets cannot show (out of range, not a choice, an unknown option) is kept as given and
    reported, rather than clipped or dropped, until the user edits that option. Editors are
    named `<name>_<option>`, so that two forms of one window never share an object name.
    """

    changed = Signal()

    def __init__(
        self,
        stage_cls: type[Stage],
        values: Mapping[str, object] | None = None,
        name: str = "options",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._stage_cls = stage_cls
        self._options = {option.name: option for option in stage_cls.all_options()}
        self._editors: dict[str, Editor] = {}
        self._field_errors: dict[str, ErrorLabel] = {}
        self._kept: dict[str, object] = {}
        self._error: str | None = None
        self._loading = False

        examples = _example_values(stage_cls)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(4)
        for option in self._options.values():
            editor = self._make_editor(option, examples)
            editor.setObjectName(f"{name}_{option.name}")
            label_text = option_label(option)
            editor.setToolTip(
                self.tr("{help}\n\nType: {type}").format(
                    help=option_help(option), type=option.describe_type()
                )
            )
            editor.setAccessibleName(label_text)
            editor.setAccessibleDescription(option_help(option))
            label = QLabel(self.tr("{name}:").format(name=label_text))
            label.setBuddy(editor)
            problem = ErrorLabel()
            problem.setObjectName(f"{name}_{option.name}Error")
            field = QVBoxLayout()
            field.setSpacing(1)
            field.addWidget(editor)
            field.addWidget(problem)
            form.addRow(label, field)
            self._editors[option.name] = editor
            self._field_errors[option.name] = problem

        self.error_label = ErrorLabel()
        self.error_label.setObjectName(f"{name}Error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        self.set_values(values or {})

    def editors(self) -> list[QWidget]:
        """The option widgets, top to bottom, so an owner can set the tab order."""
        return list(self._editors.values())

    def editor(self, option: str) -> QWidget:
        """The widget that edits `option`."""
        return self._editors[option]

    def field_error(self, option: str) -> str:
        """The problem shown at `option`'s field, or "" when there is none."""
        return self._field_errors[option].text()

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
            for choice in option.choices:
                combo.addItem(choice_text(choice), choice)
            combo.currentIndexChanged.connect(edited)
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
            editor.setCurrentIndex(editor.findData(str(value)))
        else:
            editor.setText("" if value == option.default else str(value))

    def _shown(self, option: Option) -> object:
        editor = self._editors[option.name]
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            return editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        return editor.text() or option.default

    def _edited(self, name: str, *_: object) -> None:
        if self._loading:
            return
        self._kept.pop(name, None)
        self._validate()
        self.changed.emit()

    def _validate(self) -> None:
        """Check each option alone (its field says what it takes), then build the stage,
        which runs Option.parse on every value and then the stage's own checks; a problem
        that names an option is shown at its field, any other under the form."""
        stage = self._stage_cls.name
        values = self.values()
        found: dict[str, str] = {}
        for name, option in self._options.items():
            if name in values:
                try:
                    option.parse(stage, values[name])
                except JobError:
                    found[name] = allowed(option)
        try:
            self._stage_cls(values)
        except JobError as exc:
            self._error = str(exc)
        else:
            self._error = None
        general = self._error
        if self._error is not None:
            for name in self._options:
                if f"option '{name}'" in self._error:
                    found.setdefault(name, plain(self._error, stage, name))
                    general = None
                    break
        for name, label in self._field_errors.items():
            label.show_error(found.get(name))
        self.error_label.show_error(general)
