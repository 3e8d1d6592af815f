"""The app's language: pick it, compile its translations when needed, install them in Qt.

Translations live as Qt Linguist sources (`resources/translations/conveyor_<lang>.ts`,
updated with pyside6-lupdate). Rather than committing compiled `.qm` files that drift from
their sources, the app compiles a source with the lrelease that ships with PySide6 into the
user's cache folder, then loads it. The compiled file is named after a hash of its source,
so two copies of the app with different translations (two versions installed, two checkouts
under test) each load their own, never the other's.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

from gui.resources import resource_path

log = logging.getLogger(__name__)

SUPPORTED = ("en", "zh_CN")
"""The languages the app speaks; English is the source language and needs no file."""
LRELEASE_TIMEOUT_S = 30


def supported_language(name: str) -> str | None:
    """The supported language for a locale name (`zh_CN`, `zh-Hans`, `en_GB.UTF-8`), or None.

    Every variant of Simplified Chinese maps to zh_CN; Traditional Chinese (zh_TW, zh_HK)
    gets None until it has a translation of its own, rather than the other script.
    """
    cleaned = name.split(".")[0].replace("-", "_")
    if cleaned in SUPPORTED:
        return cleaned
    locale = QLocale(cleaned)
    if locale.language() == QLocale.Language.English:
        return "en"
    if (
        locale.language() == QLocale.Language.Chinese
        and locale.script() != QLocale.Script.TraditionalHanScript
    ):
        return "zh_CN"
    return None


def install_translator(app: QCoreApplication, lang: str | None) -> str:
    """Install the translations for `lang` (or the system's language) and return the language
    now in effect: "en" when the request is English, unsupported, or cannot be loaded."""
    language = supported_language(lang or QLocale.system().name()) or "en"
    if language == "en":
        return "en"
    compiled = _compiled(language)
    translator = QTranslator(app)
    if compiled is None or not translator.load(str(compiled)):
        log.warning("cannot load the %s translation; the app stays in English", language)
        return "en"
    app.installTranslator(translator)
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_translator)
    return language


def _compiled(language: str) -> Path | None:
    """The up-to-date `.qm` for `language` in the cache folder, compiling it first if needed."""
    source = resource_path("translations", f"conveyor_{language}.ts")
    if not source.is_file():
        log.warning("translation source %s is missing", source)
        return None
    cache = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))
    try:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    except OSError as exc:
        log.warning("cannot read translation source %s: %s", source, exc)
        return None
    target = cache / "translations" / f"conveyor_{language}-{digest}.qm"
    if target.is_file():
        return target
    lrelease = _lrelease()
    if lrelease is None:
        log.warning("lrelease was not found next to PySide6; cannot compile %s", source.name)
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Compile beside the target and rename, so a second app starting at the same
        # moment never loads a half-written file.
        fd, partial = tempfile.mkstemp(suffix=".qm", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        log.warning("cannot write translations into %s: %s", target.parent, exc)
        return None
    try:
        result = subprocess.run(
            [str(lrelease), "-silent", str(source), "-qm", partial],
            capture_output=True,
            text=True,
            timeout=LRELEASE_TIMEOUT_S,
            check=False,
        )
        if result.returncode == 0:
            os.replace(partial, target)
            return target
        log.warning("lrelease failed on %s: %s", source.name, result.stderr.strip())
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("cannot compile %s: %s", source.name, exc)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
    return None


def _lrelease() -> Path | None:
    """PySide6's lrelease: the binary inside the package, else the pyside6-lrelease script."""
    package = Path(PySide6.__file__).resolve().parent
    scripts = Path(sys.executable).parent
    for candidate in (
        package / "lrelease",
        package / "lrelease.exe",
        scripts / "pyside6-lrelease",
        scripts / "pyside6-lrelease.exe",
    ):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("pyside6-lrelease")
    return Path(found) if found else None
