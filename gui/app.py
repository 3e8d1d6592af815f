"""Start the desktop app: parse the command line, set up Qt, show the main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

import engine
from gui.i18n import SUPPORTED, install_translator, supported_language
from gui.resources import resource_path

ICON_SIZES = (16, 32, 64, 256)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="conveyor",
        description="Conveyor copies folder trees in parallel, transforming files on the way.",
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=f"the app's language: {' or '.join(SUPPORTED)} (default: the system's language)",
    )
    args = parser.parse_args(argv)
    if args.lang is not None:
        language = supported_language(args.lang)
        if language is None:
            parser.error(f"language '{args.lang}' is not available (use {' or '.join(SUPPORTED)})")
        args.lang = language
    return args


def app_icon() -> QIcon:
    """The window icon from the pre-rendered PNGs, so no SVG plugin is needed to show it."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"conveyor-{size}.png")))
    return icon


def main(argv: list[str] | None = None) -> int:
    """Run the app until its last window closes; return the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Fractional scale factors (150 %) as they are, rather than rounded to whole pixels.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Conveyor")
    app.setOrganizationName("Conveyor")
    app.setApplicationVersion(engine.__version__)
    app.setWindowIcon(app_icon())
    # Qt falls back to its bare "Windows" style when the platform's own style is missing.
    if app.style().name().lower() == "windows":
        app.setStyle("Fusion")
    install_translator(app, args.lang)

    # Imported here, once Qt is set up, so this module (and --help) loads without it.
    from gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    return app.exec()
