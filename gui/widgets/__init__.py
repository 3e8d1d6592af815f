"""Reusable widgets of the app's main window."""

from gui.widgets.folder_field import ErrorLabel, FolderField, folder_from_mime
from gui.widgets.option_form import OptionForm
from gui.widgets.stage_editor import StageChainEditor

__all__ = ["ErrorLabel", "FolderField", "OptionForm", "StageChainEditor", "folder_from_mime"]
