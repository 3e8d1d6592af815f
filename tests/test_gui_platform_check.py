"""A machine that cannot show the app is told so in one line, before Qt loads: no display,
or the system libraries of Qt's xcb platform that are missing, with the packages to install.

The app is started for real (`python -m gui`, `conveyor`); the libraries are the real xcb
plugin's, read from its ELF file, and looked up by the real dynamic loader.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gui.elf import needed
from gui.platform_check import (
    EXIT_UNAVAILABLE,
    NO_DISPLAY,
    debian_package,
    missing_libraries,
    missing_text,
    platform_problem,
    qt_folder,
    system_libraries,
)

XCB_PLUGIN = qt_folder() / "plugins" / "platforms" / "libqxcb.so"
BUNDLED = qt_folder() / "lib"
COMMANDS = {
    "python -m gui": [sys.executable, "-m", "gui"],
    "conveyor": [str(Path(sys.executable).parent / "conveyor")],
}


def start_app(command: list[str], **environ: str) -> subprocess.CompletedProcess[str]:
    """The app started with no display variables and no platform chosen, but `environ`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        command, env={**env, **environ}, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_without_a_display_the_app_says_so_in_one_line_and_exits_69(command: list[str]) -> None:
    result = start_app(command)
    assert result.returncode == EXIT_UNAVAILABLE == 69
    assert result.stderr == f"conveyor: {NO_DISPLAY}\n"
    assert "use `engine` (the command line)" in result.stderr
    assert result.stdout == ""


def test_a_machine_missing_xcb_libraries_is_told_which_packages_to_install() -> None:
    missing = missing_libraries(system_libraries(XCB_PLUGIN, BUNDLED))
    if not missing:
        pytest.skip("this machine has every library Qt's xcb platform needs")
    result = start_app(COMMANDS["python -m gui"], DISPLAY=":0")
    assert result.returncode == EXIT_UNAVAILABLE
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("conveyor: the Qt xcb platform (X11) needs system libraries")
    assert f"sudo apt install {debian_package(missing[0])}" in result.stderr
    assert "qt.qpa" not in result.stderr


def test_a_library_that_does_not_exist_is_missing_and_one_that_does_is_not() -> None:
    absent = "libconveyor-no-such-library.so.7"
    assert missing_libraries([absent, "libc.so.6"]) == [absent]


def test_the_xcb_plugin_needs_the_xcb_libraries_from_the_system_and_qt_from_the_wheel() -> None:
    wanted = system_libraries(XCB_PLUGIN, BUNDLED)
    assert {"libxcb-cursor.so.0", "libxcb.so.1", "libxcb-icccm.so.4", "libX11.so.6"} <= set(wanted)
    assert "libglib-2.0.so.0" in wanted  # from libQt6Core, reached through the plugin
    assert not [name for name in wanted if name.startswith("libQt6")]
    assert len(wanted) == len(set(wanted))


def test_the_needed_entries_are_those_readelf_lists() -> None:
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) is not installed")
    shown = subprocess.run(
        ["readelf", "--dynamic", str(XCB_PLUGIN)], capture_output=True, text=True, check=True
    ).stdout
    listed = [line.split("[")[1].rstrip("]") for line in shown.splitlines() if "(NEEDED)" in line]
    assert list(needed(XCB_PLUGIN)) == listed


def test_a_file_that_is_not_elf_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "libfake.so.1"
    text.write_text("not a library\n")
    with pytest.raises(ValueError, match="not a 64-bit ELF file"):
        needed(text)


def test_the_line_names_the_missing_libraries_and_one_apt_command_for_their_packages() -> None:
    line = missing_text(
        ["libxcb-cursor.so.0", "libX11.so.6", "libglib-2.0.so.0", "libgthread-2.0.so.0"]
    )
    assert line == (
        "the Qt xcb platform (X11) needs system libraries that are missing: libxcb-cursor.so.0, "
        "libX11.so.6, libglib-2.0.so.0, libgthread-2.0.so.0; install them with: "
        "sudo apt install libxcb-cursor0 libx11-6 libglib2.0-0"
    )


def test_nothing_missing_is_no_problem() -> None:
    assert missing_text([]) is None


def test_every_library_of_the_xcb_platform_is_in_a_package_apt_can_install() -> None:
    if shutil.which("apt-get") is None:
        pytest.skip("not a Debian system")
    if not list(Path("/var/lib/apt/lists").glob("*_Packages*")):
        pytest.skip("apt has no package lists (apt-get update makes them)")
    packages = sorted({debian_package(name) for name in system_libraries(XCB_PLUGIN, BUNDLED)})
    simulated = subprocess.run(
        ["apt-get", "--simulate", "install", *packages], capture_output=True, text=True
    )
    assert simulated.returncode == 0, simulated.stderr


@pytest.mark.parametrize(
    "environ",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0"},
    ],
    ids=["offscreen", "wayland chosen", "wayland session"],
)
def test_a_platform_other_than_xcb_is_not_second_guessed(environ: dict[str, str]) -> None:
    assert platform_problem(environ) is None


def test_xcb_chosen_without_a_display_is_no_display() -> None:
    assert platform_problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}) == (
        NO_DISPLAY
    )
