"""Shared fixtures: real trees on disk, the real `engine` CLI, and a guard against orphans.
The plain helpers the tests import are in helpers.py."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from multiprocessing import resource_tracker as resource_tracker_module
from pathlib import Path
from typing import Any

import psutil
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.register_assert_rewrite("helpers")

from helpers import (  # noqa: E402  (rewritten asserts, as in a conftest)
    ENGINE,
    EXFAT_TOOLS,
    BackendCase,
    Engine,
    Launch,
    Running,
    _serves,
    alive,
    dask_cluster,
    run_engine,
    sh,
)

from engine.job import Backend  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def resource_tracker() -> None:
    """multiprocessing starts one tracker per process for good; start it before any test
    counts children, so it is not mistaken for an orphan of the first test that spawns."""
    resource_tracker_module.ensure_running()


@pytest.fixture(scope="session", autouse=True)
def own_data_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every job records itself in the user's history, and scheduled jobs log to the user's
    state folder: tests (and the CLIs and workers they start, which inherit the environment)
    write to folders of their own, never to the real user's."""
    os.environ["XDG_DATA_HOME"] = os.fspath(tmp_path_factory.mktemp("data"))
    os.environ["XDG_STATE_HOME"] = os.fspath(tmp_path_factory.mktemp("state"))  # cron logs
    runtime = tmp_path_factory.mktemp("runtime")  # running jobs register here
    runtime.chmod(0o700)
    os.environ["XDG_RUNTIME_DIR"] = os.fspath(runtime)


@pytest.fixture(autouse=True)
def no_orphan_processes() -> Iterator[None]:
    """Every test must leave no child process behind (workers, trackers, CLIs)."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    yield
    deadline = time.monotonic() + 10
    leftovers: list[psutil.Process] = []
    while time.monotonic() < deadline:
        leftovers = [
            p
            for p in psutil.Process().children(recursive=True)
            if p.pid not in before and alive(p) and not _serves(p)
        ]
        if not leftovers:
            return
        time.sleep(0.05)
    for p in leftovers:
        p.kill()
    pytest.fail(f"child processes outlived the test: {[p.pid for p in leftovers]}")


@pytest.fixture(scope="session")
def dask_scheduler() -> Iterator[str]:
    """A cluster with two worker processes, shared by the tests of one test process."""
    with dask_cluster(workers=2) as address:
        yield address


@pytest.fixture(scope="module", params=["local", "dask"])
def backend(request: pytest.FixtureRequest) -> BackendCase:
    if request.param == "local":
        return BackendCase("local")
    address = request.getfixturevalue("dask_scheduler")
    return BackendCase(
        "dask",
        ("--backend", "dask", "--scheduler", address),
        {"backend": Backend.DASK, "scheduler": address},
        killed="was lost",
        idle_cpu_s=0.3,
    )


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> Engine:
    """The CLI; in a module that runs on every backend, on this test's backend."""
    if "backend" in request.fixturenames:
        return request.getfixturevalue("backend").run_engine
    return run_engine


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """The app's main window, with settings of its own (`window.settings`); a job, dry run
    or comparison it leaves running is ended at teardown."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    yield win
    win.controller.shutdown()


@pytest.fixture
def src(tmp_path: Path) -> Path:
    path = tmp_path / "src"
    path.mkdir()
    return path


@pytest.fixture
def dst(tmp_path: Path) -> Path:
    return tmp_path / "dst"


# Running the CLI in the background


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[Launch]:
    started: list[Running] = []

    def start(*args: str | os.PathLike[str], **kwargs: Any) -> Running:
        n = len(started)
        out, err = tmp_path / f"cli{n}.out", tmp_path / f"cli{n}.err"
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            proc = subprocess.Popen(
                [*ENGINE, *map(os.fspath, args)],
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
                **kwargs,
            )
        running = Running(proc, out, err)
        started.append(running)
        return running

    yield start
    for running in started:  # whatever a failed test left running
        if running.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(running.proc.pid, signal.SIGKILL)
        running.proc.wait(timeout=10)
        for child in running.children:
            if alive(child):
                child.kill()


# File systems made for a test


@pytest.fixture
def case_insensitive_dir(tmp_path: Path) -> Iterator[Path]:
    """An empty exFAT file system (case-insensitive) mounted from a loop device through FUSE."""
    missing = [tool for tool in EXFAT_TOOLS if shutil.which(tool) is None]
    if os.geteuid() != 0 or missing or not os.path.exists("/dev/fuse"):
        pytest.skip(
            "mounting a case-insensitive file system needs root, /dev/fuse and "
            f"{', '.join(EXFAT_TOOLS)} (apt-get install exfatprogs exfat-fuse); missing: "
            f"{', '.join(missing) or 'root or /dev/fuse'}"
        )
    image = tmp_path / "exfat.img"
    with open(image, "wb") as file:
        file.truncate(8 << 20)
    made = sh("mkfs.exfat", image)
    if made.returncode != 0:
        pytest.skip(f"mkfs.exfat failed: {made.stderr.strip()}")
    attached = sh("losetup", "--find", "--show", image)
    if attached.returncode != 0:
        pytest.skip(f"no loop device to attach the image to: {attached.stderr.strip()}")
    loop = attached.stdout.strip()
    mount = tmp_path / "exfat"
    mount.mkdir()
    try:
        mounted = sh("mount.exfat-fuse", loop, mount)
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount exFAT through FUSE: {mounted.stderr.strip()}")
        try:
            yield mount
        finally:
            sh("umount", mount)
    finally:
        sh("losetup", "--detach", loop)


# The app


@pytest.fixture
def english_locale() -> Iterator[None]:
    """Qt's numbers, dates and times as in American English ("12,345", "2:00 AM"), whatever
    locale the machine has."""
    from PySide6.QtCore import QLocale  # here: only the app's tests need Qt

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def chinese(qapp: Any) -> Iterator[Any]:
    """The app in Simplified Chinese, as `--lang zh_CN` makes it; English again afterwards."""
    from PySide6.QtCore import QTranslator  # here: only the app's tests need Qt

    from gui.i18n import install_translator

    assert install_translator(qapp, "zh_CN") == "zh_CN"
    yield qapp
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()
