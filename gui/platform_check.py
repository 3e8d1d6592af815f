"""Whether Qt can open a window here, asked before Qt is loaded, answered in one line.

Qt's own answer to a machine that cannot show the app is an abort with a screenful about
platform plugins ("xcb-cursor0 or libxcb-cursor0 is needed ... no Qt platform plugin could
be initialized"). So, before any Qt module is imported, the app looks for the two causes a
fresh Linux machine has:

- No display: neither `DISPLAY` nor `WAYLAND_DISPLAY` is set (a server, an SSH session)
  and no `QT_QPA_PLATFORM` chooses a platform that needs none.
- Missing system libraries of the xcb platform (X11), which PySide6's wheel does not bundle.
  Which ones is read from the plugin itself: the `DT_NEEDED` entries of `libqxcb.so` and,
  through them, of the Qt libraries the wheel brings along (`libQt6XcbQpa`, `libQt6Gui`,
  `libQt6Core`, ...), keeping the names the wheel does not hold. Each is then looked up as
  the dynamic loader would (`ctypes.CDLL`), and those it cannot load are named with their
  Debian packages, ready for `sudo apt install`.

A platform chosen through `QT_QPA_PLATFORM` other than xcb (offscreen, wayland, vnc) is the
user's choice and is not second-guessed; neither is a Wayland session, where Qt may use its
Wayland plugin. The check only ever stops a start Qt would have aborted.
"""

from __future__ import annotations

import ctypes
import importlib.util
from collections.abc import Iterable, Mapping
from pathlib import Path

from gui.elf import needed

EXIT_UNAVAILABLE = 69
"""The app cannot show a window on this machine as it is (EX_UNAVAILABLE of sysexits.h)."""
NO_DISPLAY = (
    "no display: the app shows its window on a desktop session (DISPLAY or WAYLAND_DISPLAY), "
    "and this one has none; use `engine` (the command line) or run under a desktop session"
)
DEBIAN_PACKAGES = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libz.so.1": "zlib1g",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
}
"""Sonames Qt's libraries need whose Debian package is not named after them by the policy's
rule (`debian_package`)."""


def platform_problem(environ: Mapping[str, str]) -> str | None:
    """Why Qt would fail to open a window with this environment, as one sentence; None when
    it should succeed (or the choice is the user's, see the module's docstring)."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen not in ("", "xcb"):
        return None
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return None  # Qt may well take its Wayland plugin
    if not environ.get("DISPLAY"):
        return NO_DISPLAY
    qt = qt_folder()
    try:
        wanted = system_libraries(qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib")
    except (OSError, ValueError):
        return None  # a PySide6 laid out otherwise: Qt says what it finds missing
    return missing_text(missing_libraries(wanted))


def qt_folder() -> Path:
    """The Qt that ships inside the PySide6 package, found without importing any of it."""
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None and spec.submodule_search_locations is not None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def system_libraries(binary: Path, bundled: Path) -> tuple[str, ...]:
    """The sonames `binary` needs from the system: its own `DT_NEEDED` entries and those of
    every library of `bundled` it reaches, without the libraries `bundled` holds."""
    seen: set[str] = set()
    system: list[str] = []
    pending = [binary]
    while pending:
        for name in needed(pending.pop()):
            if name in seen:
                continue
            seen.add(name)
            if (bundled / name).exists():
                pending.append(bundled / name)
            else:
                system.append(name)
    return tuple(system)


def missing_libraries(sonames: Iterable[str]) -> list[str]:
    """The sonames the dynamic loader cannot load here (absent, or missing one of their own)."""
    missing: list[str] = []
    for name in sonames:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def debian_package(soname: str) -> str:
    """The Debian package that ships `soname`: by the policy's rule `libfoo.so.1` is in
    `libfoo1` and `libfoo2.so.0` in `libfoo2-0`, lowercase, `_` as `-`; `DEBIAN_PACKAGES`
    holds the exceptions Qt's libraries meet."""
    if soname in DEBIAN_PACKAGES:
        return DEBIAN_PACKAGES[soname]
    stem, _, version = soname.partition(".so.")
    stem = stem.lower().replace("_", "-")
    major = version.split(".")[0]
    return f"{stem}-{major}" if stem[-1].isdigit() else f"{stem}{major}"


def missing_text(missing: list[str]) -> str | None:
    """The one line naming the missing sonames and the command that installs them."""
    if not missing:
        return None
    packages = list(dict.fromkeys(debian_package(name) for name in missing))
    return (
        f"the Qt xcb platform (X11) needs system libraries that are missing: "
        f"{', '.join(missing)}; install them with: sudo apt install {' '.join(packages)}"
    )
