"""A titled section that folds open and shut under its header, which can carry a count badge
and a one-line summary of what the folded part holds.

The setup view folds the less common options into one (their summary says what is set, so
nothing hides unseen); the run view folds the problems into another, whose badge counts
them while it is shut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.side_notes import NoteLabel


class Fold(QWidget):
    """`header` opens and shuts `body`."""

    def __init__(
        self,
        title: str,
        body: QWidget,
        name: str,
        *,
        grows: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`grows`: while open, the fold takes the room its layout has to spare."""
        super().__init__(parent)
        self.setObjectName(name)
        self.body = body
        self._grows = grows
        self.header = QToolButton()
        self.header.setObjectName(f"{name}Header")
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.toggled.connect(self._fold)

        self.badge = QLabel()
        self.badge.setObjectName(f"{name}Badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setStyleSheet(
            "QLabel { background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 8px; padding: 0px 7px; font-weight: bold; }"
        )
        self.badge.hide()
        self.summary = NoteLabel()
        self.summary.setObjectName(f"{name}Summary")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header)
        top.addWidget(self.badge)
        top.addWidget(self.summary, 1)
        top.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        self._fold(False)

    def is_open(self) -> bool:
        return self.header.isChecked()

    def set_open(self, shown: bool) -> None:
        self.header.setChecked(shown)

    def set_badge(self, count: int, description: str) -> None:
        """Show `count` beside the title (nothing for 0); `description` is what a screen
        reader hears, such as "3 errors, 1 warning"."""
        self.badge.setText(str(count))
        self.badge.setVisible(count > 0)
        self.badge.setAccessibleName(description)
        self.header.setAccessibleDescription(description)

    def set_summary(self, text: str) -> None:
        """A line beside the title saying what the body holds, shown while it is shut."""
        self.summary.setText(text)
        self.summary.setToolTip(text)
        self.summary.setVisible(bool(text) and not self.is_open())

    def _fold(self, shown: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.body.setVisible(shown)
        vertical = (
            QSizePolicy.Policy.Expanding if shown and self._grows else QSizePolicy.Policy.Maximum
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        self.summary.setVisible(bool(self.summary.text()) and not shown)
