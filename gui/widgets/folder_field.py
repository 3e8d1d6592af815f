"""One side of a job, source or target: a caption, a folder path (typed, browsed for, or
dropped), and under it the problem with it, or while a folder is dragged over the window,
what a drop will do.

Drops follow one rule, `folder_from_mime`, which the main window reuses for drops anywhere
on it: exactly one local folder is accepted. Anything else (a file, several folders, a web
link) is refused with a sentence saying what is accepted, rather than guessing which of the
dropped items was meant or taking a file's parent folder. A field lights up, and says which
side it will fill, while a drop would land in it: when the drag is over it, or when the
window would put a folder dropped elsewhere on it (`set_drop_hint`).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.side_notes import ErrorLabel, NoteLabel

_LIT_ALPHA = 40
"""How strongly a field that a drop would fill is tinted with the palette's highlight."""


def folder_from_mime(mime: QMimeData) -> tuple[str | None, str | None]:
    """(folder, None) when `mime` holds exactly one local folder, else (None, why not)."""
    urls = mime.urls() if mime.hasUrls() else []
    paths = [url.toLocalFile() for url in urls if url.isLocalFile()]
    if len(urls) == 1 and len(paths) == 1 and os.path.isdir(paths[0]):
        return str(Path(paths[0])), None
    return None, QCoreApplication.translate(
        "FolderField", "Drop one folder here; files and several folders can't be used."
    )


class FolderField(QFrame):
    """A folder path with Browse… and drag-and-drop; `changed` fires whenever the text does
    (typed, dropped, browsed or set), and the owner reports problems with `set_error`."""

    changed = Signal(str)

    def __init__(
        self,
        caption: str,
        drop_hint: str,
        dialog_title: str,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._dialog_title = dialog_title
        self._lit = False
        self._error: str | None = None
        self._drop_problem: str | None = None

        self.line_edit = QLineEdit()
        self.line_edit.setObjectName(f"{name}Path")
        self.line_edit.setPlaceholderText(self.tr("Type a path, browse, or drop a folder here"))
        self.line_edit.setToolTip(
            self.tr("A folder path: type it, browse for it, or drop a folder")
        )
        self.line_edit.setClearButtonEnabled(True)
        # Drops go to this widget, which applies the folder rule; the line edit would insert
        # whatever text a drag carries.
        self.line_edit.setAcceptDrops(False)
        self.line_edit.textChanged.connect(self._on_text_changed)
        self.caption = QLabel(caption)
        self.caption.setObjectName(f"{name}Caption")
        self.caption.setBuddy(self.line_edit)
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)

        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName(f"{name}Browse")
        self.browse_button.setToolTip(dialog_title)
        self.browse_button.setAccessibleName(dialog_title)
        self.browse_button.clicked.connect(self._browse)

        self.error_label = ErrorLabel()
        self.error_label.setObjectName(f"{name}Error")
        self.hint_label = NoteLabel()
        self.hint_label.setText(drop_hint)
        self.hint_label.setObjectName(f"{name}DropHint")
        self.hint_label.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.hint_label)
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

    def is_lit(self) -> bool:
        """Whether the field shows that a drop would fill it."""
        return self._lit

    def set_drop_hint(self, lit: bool) -> None:
        """Light the field up and say what a drop does, or stop."""
        self._lit = lit
        self.hint_label.setVisible(lit)
        self.error_label.setVisible(bool(self.error()) and not lit)
        self.update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        folder, problem = folder_from_mime(event.mimeData())
        if self._refuse_or_accept(event, folder, problem):
            self.set_drop_hint(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.set_drop_hint(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self.set_drop_hint(False)
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

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded outline, drawn in the highlight colour and tinted while lit."""
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self._lit:
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(_LIT_ALPHA)
            painter.setBrush(tint)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRoundedRect(box, 6, 6)
        painter.end()

    def _on_text_changed(self, text: str) -> None:
        self._drop_problem = None
        self._show_error()
        self.changed.emit(text)

    def _show_error(self) -> None:
        shown = self.error()
        self.error_label.show_error(shown)
        self.error_label.setVisible(bool(shown) and not self._lit)
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
