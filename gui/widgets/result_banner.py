"""How the last run ended, in one sentence, with what to do next: retry the files that failed,
open the target, or go back to the setup.

Once the job in the form is no longer the one that ran (a folder, a stage or an option was
changed), the banner says the result is the previous run's, and Retry failed and Open target
are disabled: they would act on a job the form no longer describes.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from gui.widgets.buttons import push_button
from gui.widgets.side_notes import NoteLabel

_TINT = 0.16
"""How far the banner's background moves from the window colour towards its outcome's hue."""


class Outcome(Enum):
    """How a run ended, which sets the banner's icon and tint."""

    DONE = "done"
    FAILURES = "failures"
    STOPPED = "stopped"
    """Cancelled, or the job could not run."""
    COMPARED = "compared"


class ResultBanner(QFrame):
    """The end of a run; see the module docstring."""

    retry_requested = Signal()
    open_target_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._window = self.palette().color(QPalette.ColorRole.Window)
        self._outcome = Outcome.DONE
        self._failed = 0
        self._current = True

        self.icon = QLabel()
        self.icon.setObjectName("resultIcon")
        self.text = QLabel()
        self.text.setObjectName("resultText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        self.previous = NoteLabel()
        self.previous.setObjectName("previousRunNote")
        self.previous.setText(
            self.tr(
                "This is the previous run's result: the job has been changed since, so it "
                "cannot be retried or opened from here."
            )
        )
        self.previous.hide()

        self.retry_button = push_button(
            self.tr("&Retry failed"),
            "retryButton",
            self.tr("Run the job again for the files that failed only"),
        )
        self.retry_button.clicked.connect(self.retry_requested)
        self.open_button = push_button(
            self.tr("&Open target"),
            "openTargetButton",
            self.tr("Show the target folder in the file manager"),
        )
        self.open_button.clicked.connect(self.open_target_requested)
        self.back_button = push_button(
            self.tr("&Back to setup"), "backButton", self.tr("Change the job, or start it again")
        )
        self.back_button.clicked.connect(self.back_requested)

        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.text)
        words.addWidget(self.previous)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        for button in self.buttons():
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

    def buttons(self) -> tuple[QPushButton, ...]:
        """Retry failed, Open target and Back to setup, in the order shown."""
        return (self.retry_button, self.open_button, self.back_button)

    def show_result(self, text: str, outcome: Outcome, failed: int) -> None:
        """Show how the run ended; `failed` files can be retried."""
        self._outcome, self._failed, self._current = outcome, failed, True
        self.text.setText(text)
        self.setAccessibleName(text)
        pixmap = {
            Outcome.DONE: QStyle.StandardPixmap.SP_DialogApplyButton,
            Outcome.FAILURES: QStyle.StandardPixmap.SP_MessageBoxWarning,
            Outcome.STOPPED: QStyle.StandardPixmap.SP_MessageBoxInformation,
            Outcome.COMPARED: QStyle.StandardPixmap.SP_FileDialogContentsView,
        }[outcome]
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_LargeIconSize)
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self._tint()
        self._update()
        self.show()

    def set_current(self, current: bool) -> None:
        """Whether the form still describes the job that ran; see the module docstring."""
        self._current = current
        self._update()

    def is_current(self) -> bool:
        return self._current

    def _update(self) -> None:
        self.previous.setVisible(not self._current)
        comparing = self._outcome is Outcome.COMPARED
        self.retry_button.setVisible(not comparing)
        self.retry_button.setEnabled(self._current and self._failed > 0)
        self.open_button.setEnabled(self._current)

    def _tint(self) -> None:
        """A wash of green, amber or grey over the window colour, as light as the theme."""
        palette = QPalette(self.palette())
        hue = {
            Outcome.DONE: QColor(0x2E, 0x9E, 0x4F),
            Outcome.FAILURES: QColor(0xE0, 0x9A, 0x1A),
            Outcome.STOPPED: palette.color(QPalette.ColorRole.Mid),
            Outcome.COMPARED: palette.color(QPalette.ColorRole.Highlight),
        }[self._outcome]
        palette.setColor(QPalette.ColorRole.Window, _blend(self._window, hue, _TINT))
        self.setPalette(palette)


def _blend(base: QColor, hue: QColor, share: float) -> QColor:
    """`base` moved `share` of the way towards `hue`."""
    return QColor.fromRgbF(
        base.redF() + (hue.redF() - base.redF()) * share,
        base.greenF() + (hue.greenF() - base.greenF()) * share,
        base.blueF() + (hue.blueF() - base.blueF()) * share,
    )
