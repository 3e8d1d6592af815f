"""Render the main window idle, mid-run and finished to PNGs under docs/ (`make screenshots`).

Runs a real job on a generated demo tree, so the pictures show what users see. One language
per run (`--lang en` or `--lang zh_CN`); Chinese needs CJK fonts (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings
from PySide6.QtWidgets import QApplication

from engine import Job, StageSpec
from gui.i18n import install_translator

DOCS = Path(__file__).resolve().parent
SIZE = (1000, 900)


def demo_tree(root: Path) -> None:
    """A few hundred files in folders, some with Chinese names, one that will fail."""
    rng = random.Random(7)
    for i in range(240):
        folder = root / ("照片" if i % 3 == 0 else "reports") / f"batch {i // 40}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file-{i:03d}.txt").write_text("conveyor " * rng.randint(200, 4000))


def wait_until(app: QApplication, condition, timeout_ms: int = 120_000) -> None:
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > timeout_ms:
            raise TimeoutError("the demo job took too long")
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en", choices=("en", "zh_CN"))
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Conveyor")
    install_translator(app, args.lang)
    from gui.app import app_icon
    from gui.main_window import MainWindow

    app.setWindowIcon(app_icon())
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "Photos and reports", Path(tmp) / "Backup"
        demo_tree(source)
        blocked = target / "reports" / "batch 0" / "file-001.txt.gz"
        blocked.mkdir(parents=True)
        (blocked / "in the way").write_text("a folder where a file should go")
        window = MainWindow(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        window.resize(*SIZE)
        job = Job(
            source,
            target,
            workers=2,
            stages=(StageSpec("gzip", {"level": 6, "match": "*.txt"}), StageSpec("checksum")),
            exclude=("*.tmp",),
            bwlimit=512 * 1024,
        )
        window.set_job(job)
        window.show()
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-idle-{args.lang}.png"))
        window.start()
        wait_until(app, lambda: window.progress.bar.value() >= 400)
        window.tabs.setCurrentWidget(window.worker_table)
        for _ in range(30):  # let the worker table's one-second refresh fill in
            app.processEvents()
        wait_until(app, lambda: window.worker_table.table.rowCount() == 2)
        window.grab().save(str(DOCS / f"screenshot-running-{args.lang}.png"))
        wait_until(app, lambda: not window.bridge.running)
        window.tabs.setCurrentWidget(window.log)
        app.processEvents()
        window.grab().save(str(DOCS / f"screenshot-finished-{args.lang}.png"))
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
