"""Start the desktop app: check it can show a window here, parse the command line, set up
Qt, show the main window.

Exit status: what the app returns when its last window closes (0); 2 for a bad command line;
69 (`platform_check.EXIT_UNAVAILABLE`) when this machine cannot show the app, with one line
on stderr saying why and what to do (no display; system libraries Qt needs are missing).
No Qt module is imported before that check (not even for `--help`, whose language list
loads QtCore), so a machine without them gets the line rather than Qt's abort.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

import engine
from gui.platform_check import EXIT_UNAVAILABLE, platform_problem
from gui.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ICON_SIZES = (16, 32, 64, 256)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from gui.i18n import SUPPORTED, supported_language

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
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"conveyor-{size}.png")))
    return icon


def main(argv: list[str] | None = None) -> int:
    """Run the app until its last window closes; return the exit status."""
    problem = platform_problem(os.environ)
    if problem is not None:
        sys.stderr.write(f"conveyor: {problem}\n")
        return EXIT_UNAVAILABLE
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Imported here, once the platform check passed, so that Qt loads only where it can run.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from gui.i18n import install_translator

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
