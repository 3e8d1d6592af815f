"""Push buttons as the app makes them: a text with its accelerator, an object name unique in
the window (tests and the accessibility checks find them by it), and a tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def push_button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button
