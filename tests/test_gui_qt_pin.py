"""The PySide6 pin holds: 6.12.0 aborts Python 3.11 ("Fatal Python error: none_dealloc")
after a few thousand calls of methods that return nothing, which a long job's updates make.

The calls run in a child interpreter so that an abort fails this test instead of pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys

import PySide6

ROUNDS = 34_000
"""Three calls each: a little over 100,000 updates."""
UPDATES = f"""
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QTableWidget, QTableWidgetItem

app = QApplication([])
label, bar, table = QLabel(), QProgressBar(), QTableWidget(50, 3)
bar.setRange(0, {ROUNDS})
calls = 0
for i in range({ROUNDS}):
    label.setText(f"file {{i}}")
    bar.setValue(i)
    table.setItem(i % 50, i % 3, QTableWidgetItem(str(i)))
    calls += 3
print("calls", calls)
"""


def test_installed_pyside6_is_not_the_release_that_aborts_python() -> None:
    assert PySide6.__version__ != "6.12.0"


def test_a_long_jobs_worth_of_widget_updates_does_not_abort_python() -> None:
    result = subprocess.run(
        [sys.executable, "-c", UPDATES],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["calls", str(3 * ROUNDS)]
