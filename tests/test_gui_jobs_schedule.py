"""Scheduling from the sidebar writes the user's real crontab exactly as `engine schedule add`
does: the dialog checks the cron expression as it is typed, adds a line the CLI lists, and
Remove takes a line out only once asked. Each test that edits the crontab restores it
(the `crontab` fixture of test_schedule.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_engine, write_tree
from pytestqt.qtbot import QtBot
from test_schedule import USERS_OWN, crontab, current, job_file  # noqa: F401  (crontab: a fixture)

from engine import Job
from gui.jobs import JobsSidebar
from gui.jobs.cron_words import in_words
from gui.jobs.planned import saved_jobs_folder
from gui.jobs.schedule_dialog import ScheduleDialog

pytestmark = pytest.mark.usefixtures("english_locale")

ADDED_MS = 15_000


def spaced(text: str | None) -> str | None:
    """The text with the narrow no-break space CLDR puts before AM and PM made plain."""
    return None if text is None else text.replace("\u202f", " ")


def listed() -> list[dict[str, object]]:
    result = run_engine("schedule", "list", "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_bad_expression_is_refused_with_the_reason_at_the_field(qtbot: QtBot) -> None:
    dialog = ScheduleDialog()
    qtbot.addWidget(dialog)
    dialog.file_edit.setText("nightly.toml")

    dialog.cron_edit.setText("61 2 * * *")

    reason = "cron expression '61 2 * * *' is not valid (see 'man 5 crontab')"
    assert dialog.cron_error.text() == reason
    assert not dialog.cron_error.isHidden()
    assert dialog.cron_edit.accessibleDescription() == reason
    assert dialog.meaning.isHidden()
    assert not dialog.schedule_button.isEnabled()


def test_a_good_expression_says_what_it_means_and_its_next_three_runs(qtbot: QtBot) -> None:
    dialog = ScheduleDialog()
    qtbot.addWidget(dialog)

    dialog.cron_edit.setText("30 1 * * 1-5")

    words, heading, *runs = str(spaced(dialog.meaning.text())).splitlines()
    assert (words, heading) == ("Monday to Friday at 1:30 AM.", "Next runs:")
    assert len(runs) == 3
    assert all(run.endswith(" 1:30 AM") for run in runs)
    assert dialog.cron_error.isHidden()


@pytest.mark.usefixtures("crontab")
def test_a_job_file_scheduled_in_the_dialog_is_a_line_engine_schedule_lists(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = ScheduleDialog()
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(job_file(tmp_path)))
    dialog.cron_edit.setText("15 3 * * *")

    with qtbot.waitSignal(dialog.scheduled, timeout=ADDED_MS) as added:
        dialog.schedule_button.click()

    (entry,) = listed()
    assert entry["id"] == added.args[0].id
    assert entry["cron"] == "15 3 * * *"
    assert f"--job {tmp_path / 'nightly.toml'} -q --log-file " in str(entry["command"])
    assert USERS_OWN.strip() in current()


@pytest.mark.usefixtures("crontab")
def test_the_job_in_the_form_is_saved_as_a_job_file_and_scheduled(
    qtbot: QtBot, tmp_path: Path
) -> None:
    src = write_tree(tmp_path / "photos", {"a.jpg": "jpeg"})
    job = Job(src, tmp_path / "backup", workers=2)
    dialog = ScheduleDialog(lambda: job)
    qtbot.addWidget(dialog)
    assert dialog.form_choice.isChecked()

    with qtbot.waitSignal(dialog.scheduled, timeout=ADDED_MS):
        dialog.schedule_button.click()

    (entry,) = listed()
    words = str(entry["command"]).split()
    saved = Path(words[words.index("--job") + 1])
    assert saved.parent == saved_jobs_folder()
    assert run_engine("run", "--job", saved, "-q").returncode == 0
    assert (tmp_path / "backup" / "a.jpg").read_text() == "jpeg"


@pytest.mark.usefixtures("crontab")
def test_a_job_that_would_be_refused_is_not_scheduled_and_the_dialog_says_why(
    qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(f'source = "{tmp_path / "missing"}"\ntarget = "{tmp_path / "dst"}"\n')
    dialog = ScheduleDialog()
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(bad))

    dialog.schedule_button.click()

    qtbot.waitUntil(lambda: not dialog.add_error.isHidden(), timeout=ADDED_MS)
    assert "does not exist" in dialog.add_error.text()
    assert dialog.schedule_button.isEnabled()
    assert current() == USERS_OWN


@pytest.mark.usefixtures("crontab")
def test_the_sidebar_lists_a_scheduled_job_and_remove_asks_before_taking_it_out(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = job_file(tmp_path)
    assert run_engine("schedule", "add", "--job", path, "--cron", "0 2 * * *").returncode == 0
    sidebar = JobsSidebar()
    qtbot.addWidget(sidebar)
    qtbot.waitUntil(lambda: len(sidebar.schedule.rows) == 1, timeout=ADDED_MS)
    row = sidebar.schedule.rows[0]
    assert spaced(row.when_label.text()) == "Every day at 2:00 AM"
    assert row.cron_label.text() == f"0 2 * * *, id {listed()[0]['id']}"
    assert row.file_label.text() == str(path)
    assert row.next_label.text().startswith("Next run: ")

    row.remove_button.click()

    box = sidebar.question
    assert box is not None and box.defaultButton() is not None
    assert box.defaultButton().text() == "Keep it"
    assert len(listed()) == 1, "removed before the answer"
    (remove,) = [b for b in box.buttons() if b.text() == "Remove"]
    remove.click()
    qtbot.waitUntil(lambda: sidebar.schedule.rows == [], timeout=ADDED_MS)
    assert listed() == []
    assert current() == USERS_OWN


def test_common_cron_expressions_are_put_into_words() -> None:
    assert spaced(in_words("0 2 * * *")) == "Every day at 2:00 AM"
    assert spaced(in_words("*/15 * * * *")) == "Every 15 minutes"
    assert spaced(in_words("5 * * * *")) == "Every hour at 5 minutes past"
    assert spaced(in_words("0 22 * * 0")) == "Every Sunday at 10:00 PM"
    assert spaced(in_words("0 6 1 * *")) == "On day 1 of every month at 6:00 AM"
    assert in_words("0 2 * 1 *") is None
    assert in_words("0 2,14 * * *") is None
