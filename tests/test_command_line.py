"""`command_line(job)` gives the `engine run` line that runs the same job; it and the `engine
run` options follow from the settings declared on the Job (`engine.job.SETTINGS`)."""

from __future__ import annotations

import shlex
from dataclasses import fields, replace
from pathlib import Path

from engine import IfExists, Job, StageSpec
from engine.cli.parser import build_parser
from engine.cli.run import job_from_args
from engine.command_line import command_line
from engine.filters import PathFilter, escape_glob
from engine.job import SETTINGS, Backend, worker_values
from engine.worker.copying import Reflink


def parsed(line: str) -> Job:
    args = build_parser().parse_args(shlex.split(line)[1:])
    return job_from_args(args)


def options_of(job: Job) -> list[tuple[str, dict[str, object]]]:
    """Stages as built: the CLI gives option values as text, the app typed; both parse alike."""
    return [(stage.name, stage.options) for stage in job.build_stages()]


def test_the_command_line_parses_back_to_the_same_job(tmp_path: Path) -> None:
    job = Job(
        tmp_path / "my photos",
        tmp_path / "out",
        workers=3,
        stages=(
            StageSpec("exec", {"cmd": "cp {in} {out}", "timeout": 5.0}),
            StageSpec("reencode", {"match": "*.txt;*.csv", "newline": "lf"}),
            StageSpec("gzip", {"level": 9, "force": True}),
        ),
        include=("**/*.txt",),
        exclude=("tmp/**", "*.bak"),
        if_exists=IfExists.NEWER,
        verify=True,
        follow_symlinks=True,
        bwlimit=1_000_000,
    )
    back = parsed(command_line(job))
    assert replace(back, stages=()) == replace(job, stages=())
    assert options_of(back) == options_of(job)


def test_a_plain_copy_job_gives_a_short_command_line(tmp_path: Path) -> None:
    line = command_line(Job(tmp_path / "a", tmp_path / "b", workers=2))
    assert line == f"engine run {tmp_path}/a {tmp_path}/b --workers 2"


def test_a_stage_value_holding_commas_and_quotes_survives(tmp_path: Path) -> None:
    spec = StageSpec("exec", {"cmd": """sh -c 'echo "a,b" > {out}'"""})
    job = Job(tmp_path / "a", tmp_path / "b", workers=1, stages=(spec,))
    assert options_of(parsed(command_line(job))) == options_of(job)


def test_an_escaped_glob_matches_exactly_that_path_and_nothing_else() -> None:
    path = "d/[x]*?.txt"
    only = PathFilter(include=(escape_glob(path),))
    assert only.wants_file(path)
    assert not only.wants_file("d/x.txt")
    assert not only.wants_file("e/d/[x]*?.txt")


def test_an_escaped_top_level_name_does_not_match_deeper_namesakes() -> None:
    only = PathFilter(include=(escape_glob("notes.txt"),))
    assert only.wants_file("notes.txt")
    assert not only.wants_file("sub/notes.txt")


def test_every_job_field_but_the_folders_and_the_stages_is_a_declared_setting() -> None:
    structured = ("source", "target", "stages")
    names = [field.name for field in fields(Job) if field.name not in structured]
    assert [setting.key for setting in SETTINGS] == names


def test_every_setting_off_its_default_survives_the_command_line(tmp_path: Path) -> None:
    job = Job(
        tmp_path / "a",
        tmp_path / "b",
        workers=3,
        include=("*.txt",),
        exclude=("tmp/**",),
        files_from=("a.txt", "sub/b c"),
        min_size=10,
        max_size=2048,
        one_file_system=True,
        if_exists=IfExists.RENAME,
        verify=True,
        dry_run=True,
        follow_symlinks=True,
        delete=True,
        delete_excluded=True,
        max_delete=10,
        checksum=True,
        backup_dir="../old",
        move=True,
        modify_window=2.0,
        bwlimit=2048,
        retries=4,
        file_timeout=1.5,
        fsync=True,
        no_preserve=("owner", "sparse"),
        reflink=Reflink.NEVER,
        queue=True,
        backend=Backend.DASK,
        scheduler="tcp://host:8786",
    )
    assert all(getattr(job, setting.key) != setting.default for setting in SETTINGS)
    assert parsed(command_line(job)) == job


def test_the_workers_are_told_the_settings_declared_for_them(tmp_path: Path) -> None:
    job = Job(tmp_path / "a", tmp_path / "b", verify=True, retries=3)
    assert worker_values(job) == {
        "if_exists": IfExists.CHANGED,
        "verify": True,
        "dry_run": False,
        "follow_symlinks": False,
        "checksum": False,
        "move": False,
        "modify_window": 0.0,
        "bwlimit": 0,
        "retries": 3,
        "file_timeout": 0.0,
        "fsync": False,
        "no_preserve": (),
        "reflink": Reflink.AUTO,
    }
