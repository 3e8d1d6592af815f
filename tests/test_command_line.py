"""`command_line(job)` gives the `engine run` line that runs the same job."""

from __future__ import annotations

import shlex
from dataclasses import replace
from pathlib import Path

from engine import IfExists, Job, StageSpec
from engine.cli.command import command_line
from engine.cli.parser import build_parser
from engine.cli.run import job_from_args
from engine.filters import PathFilter, escape_glob


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
