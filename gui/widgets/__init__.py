"""Reusable widgets of the app's main window."""

from gui.widgets.fold import Fold
from gui.widgets.folder_field import FolderField, folder_from_mime
from gui.widgets.option_form import OptionForm
from gui.widgets.side_notes import ErrorLabel, NoteLabel
from gui.widgets.stage_editor import StageChainEditor

__all__ = [
    "ErrorLabel",
    "Fold",
    "FolderField",
    "NoteLabel",
    "OptionForm",
    "StageChainEditor",
    "folder_from_mime",
]
