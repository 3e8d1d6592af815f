"""Text beside a field that is not its value: a problem to fix (`ErrorLabel`, red-ish) or a
quiet explanation (`NoteLabel`, in the palette's placeholder colour). Both follow the palette,
so they stay readable on light and dark themes, and wrap rather than widen the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

_ERROR_ON_LIGHT = QColor(0xB0, 0x1E, 0x1E)
_ERROR_ON_DARK = QColor(0xFF, 0x8A, 0x80)


class _TintedLabel(QLabel):
    """Plain, wrapped, selectable text in a colour `_colour` picks from the palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._follow_palette()

    def _colour(self, palette: QPalette) -> QColor:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()

    def _follow_palette(self) -> None:
        # Only an actual change calls setPalette, so the PaletteChange it causes ends here.
        palette = self.palette()
        colour = self._colour(palette)
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)


class ErrorLabel(_TintedLabel):
    """A problem shown in words under a field, hidden while there is none so the layout
    keeps no gap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(self.tr("What must be fixed before the job can start"))
        self.hide()

    def show_error(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))

    def _colour(self, palette: QPalette) -> QColor:
        dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
        return _ERROR_ON_DARK if dark else _ERROR_ON_LIGHT


class NoteLabel(_TintedLabel):
    """An explanation that is there to be read when wanted, drawn quieter than the fields."""

    def _colour(self, palette: QPalette) -> QColor:
        return palette.color(QPalette.ColorRole.PlaceholderText)
