"""A row of buttons that wraps onto more rows rather than clip them in a narrow pane."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QPushButton, QWidget

from gui.widgets.flow_layout import FlowLayout


def button_row(buttons: Iterable[QPushButton]) -> QWidget:
    """The buttons in reading order, as many to a row as fit."""
    row = QWidget()
    flow = FlowLayout(row)
    for button in buttons:
        flow.addWidget(button)
    return row
