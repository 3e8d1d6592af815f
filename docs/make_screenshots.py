"""Render the main window's setup view, its run view mid-job, the end of a job with a
problem, and the run view following a command-line job that the jobs sidebar lists, to PNGs
under docs/ (`make screenshots`).

Runs real jobs on generated demo trees, so the pictures show what users see. The sidebar has
a history (two earlier runs, one with a failure) and a scheduled job: the script gives
itself a history, a folder of running jobs and a crontab of its own (a stand-in `crontab`
command on PATH), so the user's real ones are neither shown nor touched. One language
and one scale per run (`--lang en` or `--lang zh_CN`, `--scale 1` or `--scale 2`); Chinese
needs CJK fonts (Debian: fonts-noto-cjk). The window opens on an offscreen screen of
1280x800 (logical) pixels, as it would on a laptop of that size; at `--scale 2`, Qt draws it
with QT_SCALE_FACTOR=2 on a screen of twice the pixels, as on a high-density display, and
the files get a `-2x` suffix.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QLocale, QSettings
from PySide6.QtWidgets import QApplication

import engine
from engine import Job, StageSpec, dump_job_file
from engine import schedule as engine_schedule
from gui.i18n import install_translator
from gui.widgets.now_copying import FILE, PERCENT

if TYPE_CHECKING:
    from gui.main_window import MainWindow

DOCS = Path(__file__).resolve().parent
SCREEN = (1280, 800)
"""The screen the pictures are taken on, in logical pixels."""
VIDEO_BYTES = 3_000_000
"""Ten seconds of copying at the demo job's speed limit."""


def demo_tree(root: Path) -> None:
    """A few hundred files in folders, some with Chinese names, and two videos large enough
    to be seen going through byte by byte (in folders apart, so two workers take them)."""
    rng = random.Random(7)
    for i in range(240):
        folder = root / ("照片" if i % 3 == 0 else "reports") / f"batch {i // 40}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file-{i:03d}.txt").write_text("conveyor " * rng.randint(200, 4000))
    for video in ("照片/batch 1/holiday.mp4", "reports/batch 4/birthday.mp4"):
        (root / video).write_bytes(rng.randbytes(VIDEO_BYTES))


def video_under_way(window: MainWindow) -> bool:
    """Whether a worker is between a fifth and four fifths through a video while the others
    are on files too, none of them a video not yet begun: the moment the running picture
    shows."""
    table = window.now_copying.table
    rows = [(table.item(row, FILE), table.item(row, PERCENT)) for row in range(table.rowCount())]
    videos: list[int] = []
    for name, share in rows:
        if name is None or share is None or not name.text():
            return False
        if name.text().endswith(".mp4"):
            videos.append(int("0" + "".join(c for c in share.text() if c.isdigit())))
    return any(20 <= share <= 80 for share in videos) and 0 not in videos


def offscreen_screen(folder: Path, scale: int) -> None:
    """Point Qt's offscreen platform at a screen of SCREEN logical pixels at `scale`."""
    config = folder / "screen.json"
    width, height = SCREEN
    screen = {"name": "docs", "x": 0, "y": 0, "width": width * scale, "height": height * scale}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = str(scale)


FAKE_CRONTAB = """#!/bin/sh
# `crontab -l` prints the table, `crontab FILE` (or `-`) replaces it: enough for python-crontab.
table="$(dirname "$0")/table"
if [ "$1" = "-l" ]; then [ -f "$table" ] && cat "$table"; exit 0; fi
cat "${1:--}" > "$table"
"""


def private_home(folder: Path) -> None:
    """A history, a folder of running jobs and a crontab of the script's own (see the module
    docstring); the CLI jobs it starts inherit them."""
    for name in ("data", "state", "runtime", "cron"):
        (folder / name).mkdir(mode=0o700)
    os.environ["XDG_DATA_HOME"] = os.fspath(folder / "data")
    os.environ["XDG_STATE_HOME"] = os.fspath(folder / "state")
    os.environ["XDG_RUNTIME_DIR"] = os.fspath(folder / "runtime")
    crontab = folder / "cron" / "crontab"
    crontab.write_text(FAKE_CRONTAB)
    crontab.chmod(0o700)
    os.environ["PATH"] = f"{crontab.parent}{os.pathsep}{os.environ['PATH']}"


def earlier_runs(folder: Path) -> None:
    """Two runs for the sidebar's history (one with a folder that failed), and a nightly
    job in its schedule."""
    documents = folder / "Documents"
    for i in range(12):
        (documents / f"letters {i % 3}").mkdir(parents=True, exist_ok=True)
        (documents / f"letters {i % 3}" / f"letter-{i}.txt").write_text("Dear reader, " * 50)
    stick = folder / "USB stick"
    (stick / "letters 2").parent.mkdir(parents=True)
    (stick / "letters 2").write_text("a file where a folder should go")
    engine.run(Job(documents, stick, workers=2))
    (stick / "letters 2").unlink()
    engine.run(Job(documents, folder / "Archive", workers=2))
    job_file = folder / "nightly.toml"
    job_file.write_text(dump_job_file(Job(documents, folder / "Archive")))
    engine_schedule.add(job_file, "0 2 * * *")


def cli_job(folder: Path) -> subprocess.Popen[bytes]:
    """A command-line job of some minutes (the script cancels it), as another terminal
    would run it."""
    source = folder / "Camera"
    rng = random.Random(11)
    for i in range(30):
        (source / f"DCIM {i // 10}").mkdir(parents=True, exist_ok=True)
        (source / f"DCIM {i // 10}" / f"IMG_{i:04d}.jpg").write_bytes(rng.randbytes(400_000))
    command = ["run", source, folder / "Camera backup", "-w", "2", "--bwlimit", "150K", "-q"]
    return subprocess.Popen([sys.executable, "-m", "engine", *command], stdout=subprocess.DEVNULL)


def wait_until(app: QApplication, condition: Callable[[], bool], timeout_ms: int = 120_000) -> None:
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > timeout_ms:
            raise TimeoutError("the demo job took too long")
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en", choices=("en", "zh_CN"))
    parser.add_argument("--scale", default=1, type=int, choices=(1, 2))
    args = parser.parse_args()
    suffix = f"{args.lang}{'-2x' if args.scale == 2 else ''}"
    with tempfile.TemporaryDirectory() as tmp:
        offscreen_screen(Path(tmp), args.scale)
        private_home(Path(tmp))
        earlier_runs(Path(tmp))
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Conveyor")
        install_translator(app, args.lang)
        # Dates and numbers as a desktop in that language shows them (offscreen has none).
        QLocale.setDefault(QLocale("zh_CN" if args.lang == "zh_CN" else "en_US"))
        from gui.app import app_icon
        from gui.main_window import MainWindow

        app.setWindowIcon(app_icon())
        source, target = Path(tmp) / "Photos and reports", Path(tmp) / "Backup"
        demo_tree(source)
        blocked = target / "reports" / "batch 0" / "file-001.txt.gz"
        blocked.mkdir(parents=True)
        (blocked / "in the way").write_text("a folder where a file should go")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        job = Job(
            source,
            target,
            workers=2,
            stages=(
                StageSpec("gzip", {"level": 6, "match": "*.txt"}),
                StageSpec("checksum"),
            ),
            exclude=("*.tmp",),
            bwlimit=300 * 1024,
        )
        window.set_job(job)
        window.form.options.set_open(True)  # the picture shows every control of the setup
        window.show()
        sidebar = window.jobs
        wait_until(
            app,
            lambda: (
                window.disk_label.isVisible()
                and sidebar.history.view.count() == 2
                and bool(sidebar.schedule.rows)
            ),
        )
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-idle-{suffix}.png"))
        other = cli_job(Path(tmp))
        wait_until(app, lambda: bool(sidebar.running.cards()))
        sidebar.running.cards()[0].show_button.click()
        wait_until(app, lambda: window.now_copying.table.rowCount() == 2)
        card = sidebar.running.cards()[0]
        wait_until(app, lambda: card.job is not None and card.job.files_done >= 2)
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-jobs-{suffix}.png"))
        window.cancel()
        other.wait(timeout=60)
        wait_until(app, lambda: not window.controller.following)
        window.show_setup_view()
        window.start()
        wait_until(app, lambda: video_under_way(window))
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-running-{suffix}.png"))
        # The sidebar lists the job until its next reading finds it gone.
        wait_until(app, lambda: not window.bridge.running and not sidebar.running.cards())
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-finished-{suffix}.png"))
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
