"""Render the main window's setup view, its run view mid-job, and the end of a job with a
problem, to PNGs under docs/ (`make screenshots`).

Runs a real job on a generated demo tree, so the pictures show what users see. One language
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
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QSettings
from PySide6.QtWidgets import QApplication

from engine import Job, StageSpec
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
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Conveyor")
        install_translator(app, args.lang)
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
        wait_until(app, lambda: window.disk_label.isVisible())
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-idle-{suffix}.png"))
        window.start()
        wait_until(app, lambda: video_under_way(window))
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-running-{suffix}.png"))
        wait_until(app, lambda: not window.bridge.running)
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-finished-{suffix}.png"))
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
