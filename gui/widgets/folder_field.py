"""A folder path field: type it, browse for it, or drop one folder on it; problems show below.

Drops follow one rule, `folder_from_mime`, which the main window reuses for drops anywhere
on it: exactly one local folder is accepted. Anything else (a file, several folders, a web
link) is refused with a sentence saying what is accepted, rather than guessing which of the
dropped items was meant or taking a file's parent folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_ERROR_ON_LIGHT = QColor(0xB0, 0x1E, 0x1E)
_ERROR_ON_DARK = QColor(0xFF, 0x8A, 0x80)


def folder_from_mime(mime: QMimeData) -> tuple[str | None, str | None]:
    """(folder, None) when `mime` holds exactly one local folder, else (None, why not)."""
    urls = mime.urls() if mime.hasUrls() else []
    paths = [url.toLocalFile() for url in urls if url.isLocalFile()]
    if len(urls) == 1 and len(paths) == 1 and os.path.isdir(paths[0]):
        return str(Path(paths[0])), None
    return None, QCoreApplication.translate(
        "FolderField", "Drop one folder here; files and several folders can't be used."
    )


class ErrorLabel(QLabel):
    """A problem shown in words under a field: red-ish, readable on light and dark palettes,
    wrapped, and hidden while there is no problem so the layout does not keep a gap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("Problem"))
        self.setToolTip(self.tr("What must be fixed before the job can start"))
        self._follow_palette()
        self.hide()

    def show_error(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()

    def _follow_palette(self) -> None:
        # Only an actual change calls setPalette, so the PaletteChange it causes ends here.
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
        colour = _ERROR_ON_DARK if dark else _ERROR_ON_LIGHT
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)


class FolderField(QWidget):
    """A folder path with Browse… and drag-and-drop; `changed` fires whenever the text does
    (typed, dropped, browsed or set), and the owner reports problems with `set_error`."""

    changed = Signal(str)

    def __init__(self, label_for_dialog: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dialog_title = label_for_dialog
        self._error: str | None = None
        self._drop_problem: str | None = None

        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText(self.tr("Type a path, browse, or drop a folder here"))
        self.line_edit.setToolTip(
            self.tr("A folder path: type it, browse for it, or drop a folder")
        )
        self.line_edit.setAccessibleName(label_for_dialog)
        self.line_edit.setClearButtonEnabled(True)
        # Drops go to this widget, which applies the folder rule; the line edit would insert
        # whatever text a drag carries.
        self.line_edit.setAcceptDrops(False)
        self.line_edit.textChanged.connect(self._on_text_changed)

        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the folder in a dialog"))
        self.browse_button.setAccessibleName(self.tr("Browse for a folder"))
        self.browse_button.clicked.connect(self._browse)

        self.error_label = ErrorLabel()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self.setFocusProxy(self.line_edit)
        self.setAcceptDrops(True)

    def path(self) -> str:
        return self.line_edit.text()

    def set_path(self, path: str) -> None:
        self.line_edit.setText(path)

    def error(self) -> str | None:
        """The problem shown under the field: a refused drop, else the owner's error."""
        return self._drop_problem or self._error

    def set_error(self, text: str | None) -> None:
        self._error = text or None
        self._show_error()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        folder, problem = folder_from_mime(event.mimeData())
        self._refuse_or_accept(event, folder, problem)

    def dropEvent(self, event: QDropEvent) -> None:
        folder, problem = folder_from_mime(event.mimeData())
        if self._refuse_or_accept(event, folder, problem) and folder is not None:
            self.set_path(folder)

    def _refuse_or_accept(self, event: QDropEvent, folder: str | None, problem: str | None) -> bool:
        """Accept a drag of one folder; for anything else say why, while it is still over us."""
        self._drop_problem = problem
        self._show_error()
        if folder is None:
            event.ignore()
            return False
        # Copy (or link) proposes using the folder; never Move, which invites the file
        # manager to delete what was dragged.
        for action in (Qt.DropAction.CopyAction, Qt.DropAction.LinkAction):
            if event.possibleActions() & action:
                event.setDropAction(action)
                event.accept()
                return True
        event.ignore()
        return False

    def _on_text_changed(self, text: str) -> None:
        self._drop_problem = None
        self._show_error()
        self.changed.emit(text)

    def _show_error(self) -> None:
        shown = self.error()
        self.error_label.show_error(shown)
        self.line_edit.setAccessibleDescription(shown or "")

    def _browse(self) -> None:
        start = self.path() if os.path.isdir(self.path()) else os.path.expanduser("~")
        chosen = QFileDialog.getExistingDirectory(
            self,
            self._dialog_title,
            start,
            QFileDialog.Option.ShowDirsOnly | QFileDialog.Option.DontUseNativeDialog,
        )
        if chosen:
            self.set_path(str(Path(chosen)))
