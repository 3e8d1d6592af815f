"""Show a folder in the desktop's file manager, or say plainly why it cannot be: the folder
is gone, or no file manager could be started (a server, a minimal desktop: Qt's `openUrl`
then returns False and shows nothing by itself)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from gui.messages import tell


def show_folder(parent: QWidget, folder: str, exists: bool) -> None:
    """Open `folder` (`exists`: whether it is a folder, found off the UI thread, as a dead
    network mount can take minutes to say), or tell the user why it cannot be."""
    title = QCoreApplication.translate("OpenFolder", "Open target")
    if not exists:
        text = QCoreApplication.translate("OpenFolder", "The target folder does not exist.")
        tell(parent, title, text, folder)
        return
    if QDesktopServices.openUrl(QUrl.fromLocalFile(folder)):
        return
    tell(
        parent,
        title,
        QCoreApplication.translate(
            "OpenFolder", "No file manager could be started to show the target folder."
        ),
        QCoreApplication.translate("OpenFolder", "The folder is: {path}").format(path=folder),
    )
