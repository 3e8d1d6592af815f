"""While jobs run the app shows outside its window: the end of one of its own jobs is told to
the desktop (the tray's balloon, else the notification portal on the session bus, else
nowhere, silently), and the window's title carries the running job's progress."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import wait_for, write_tree
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot
from test_gui_run_widgets import BASE

import engine
from engine import Job
from gui.jobs import JobsSidebar, window_title
from gui.jobs.tray import Channel, Tray

pytestmark = pytest.mark.usefixtures("english_locale")

KiB = 1024
TOLD_MS = 60_000


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """A private session bus of its own (dbus-daemon): its address."""
    if shutil.which("dbus-daemon") is None or shutil.which("dbus-monitor") is None:
        pytest.skip(
            "a private session bus needs dbus-daemon and dbus-monitor (apt-get install dbus)"
        )
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def test_the_end_of_an_app_job_is_told_and_without_tray_or_bus_goes_nowhere_silently(
    qtbot: QtBot, src: Path, dst: Path
) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(128 * KiB) for i in range(6)})
    no_bus = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "no-bus")
    sidebar = JobsSidebar(bus=no_bus)
    qtbot.addWidget(sidebar)
    handle = engine.start(Job(src, dst, workers=1, bwlimit=256 * KiB))
    qtbot.waitUntil(
        lambda: any(card.job is not None and card.job.own for card in sidebar.running.cards()),
        timeout=15_000,
    )

    with qtbot.waitSignal(sidebar.tray.notified, timeout=TOLD_MS) as told:
        handle.wait(TOLD_MS / 1000)

    title, text, channel = told.args
    assert title == "Copy finished"
    where, counts = text.splitlines()
    assert where == f"{src} → {dst}"
    assert counts.startswith("6 copied, 0 failed; 786.4 kB in 0:0")
    assert channel is Channel.NONE
    assert sidebar.tray.icon is None, "the offscreen platform has no tray"


def test_without_a_tray_a_notification_goes_to_the_desktop_portal_on_the_session_bus(
    qtbot: QtBot, session_bus: str, tmp_path: Path
) -> None:
    seen = tmp_path / "monitor.txt"
    with open(seen, "w") as out:
        monitor = subprocess.Popen(
            ["dbus-monitor", "--address", session_bus], stdout=out, stderr=subprocess.DEVNULL
        )
    bus = QDBusConnection.connectToBus(session_bus, "private-session")
    try:
        wait_for(lambda: "NameLost" in seen.read_text(), "dbus-monitor to start watching")
        tray = Tray(bus)

        with qtbot.waitSignal(tray.notified, timeout=10_000) as told:
            tray.notify("Copy finished", "/a → /b")

        assert told.args[2] is Channel.PORTAL
        wait_for(lambda: '"/a → /b"' in seen.read_text(), "the notification on the bus")
    finally:
        QDBusConnection.disconnectFromBus("private-session")
        monitor.terminate()
        monitor.wait(timeout=10)
    call = seen.read_text().split("member=AddNotification", 1)[1]
    assert "interface=org.freedesktop.portal.Notification" in seen.read_text()
    assert 'string "title"' in call and 'string "Copy finished"' in call


def test_the_window_title_shows_the_share_done_before_the_app_name() -> None:
    """BASE has done a quarter of its bytes and of its files."""
    by_files = replace(BASE, bytes_total=0, files_done=290)
    assert window_title("Conveyor", BASE) == "25% — Conveyor"
    assert window_title("Conveyor", replace(BASE, paused=True)) == "25%, paused — Conveyor"
    assert window_title("Conveyor", replace(BASE, bytes_done=999_999_999)) == "99% — Conveyor"
    assert window_title("Conveyor", replace(BASE, scanning=True)) == "Conveyor"
    assert window_title("Conveyor", by_files) == "75% — Conveyor"
    assert window_title("Conveyor", None) == "Conveyor"
