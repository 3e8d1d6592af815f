"""The stage registry, stage options and the `NAME:key=value,...` syntax."""

from __future__ import annotations

import pytest

from engine.errors import JobError
from engine.job import parse_stage
from engine.stages import Option, Stage, StageSpec, available, build
from engine.stages.copy import CopyStage


def test_registry_offers_the_builtin_copy_stage() -> None:
    stages = available()
    assert stages["copy"] is CopyStage
    assert issubclass(stages["copy"], Stage)


def test_building_a_stage_with_an_unknown_option_names_the_option() -> None:
    with pytest.raises(JobError, match="bogus"):
        build(StageSpec("copy", {"bogus": "1"}))


def test_building_an_unknown_stage_lists_the_available_ones() -> None:
    with pytest.raises(JobError, match=r"unknown stage 'nope'.*copy"):
        build(StageSpec("nope"))


def test_int_option_accepts_values_inside_its_range() -> None:
    option = Option("level", "int", 3, "help", minimum=1, maximum=9)
    assert option.parse("s", "1") == 1
    assert option.parse("s", 9) == 9
    assert option.parse("s", " 5 ") == 5


@pytest.mark.parametrize("value", ["0", "10", -3, "five", "2.5", True])
def test_int_option_rejects_values_outside_its_range_or_not_whole(value: object) -> None:
    option = Option("level", "int", 3, "help", minimum=1, maximum=9)
    with pytest.raises(JobError, match="option 'level' of stage 's'"):
        option.parse("s", value)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("yes", True),
        ("On", True),
        ("TRUE", True),
        ("1", True),
        (True, True),
        ("no", False),
        ("off", False),
        ("False", False),
        ("0", False),
        (False, False),
    ],
)
def test_bool_option_understands_yes_no_words(word: object, expected: bool) -> None:
    assert Option("fast", "bool", False, "help").parse("s", word) is expected


def test_bool_option_rejects_other_words() -> None:
    with pytest.raises(JobError, match="true or false, not 'maybe'"):
        Option("fast", "bool", False, "help").parse("s", "maybe")


def test_choice_option_accepts_only_its_choices() -> None:
    option = Option("mode", "choice", "fast", "help", choices=("fast", "small"))
    assert option.parse("s", "small") == "small"
    with pytest.raises(JobError, match="one of fast, small, not 'tiny'"):
        option.parse("s", "tiny")


def test_parse_stage_reads_options_with_quoted_commas_and_spaces() -> None:
    spec = parse_stage('name:a=1,b="x, y"')
    assert spec == StageSpec("name", {"a": "1", "b": "x, y"})


def test_parse_stage_accepts_single_quotes_and_a_bare_name() -> None:
    assert parse_stage("name:c='p;q'") == StageSpec("name", {"c": "p;q"})
    assert parse_stage("copy") == StageSpec("copy", {})


@pytest.mark.parametrize("text", ["name:novalue", "name:a=1,=2", ':a="1"', 'name:a="open'])
def test_parse_stage_rejects_malformed_text(text: str) -> None:
    with pytest.raises(JobError):
        parse_stage(text)


def test_match_option_limits_a_stage_to_matching_paths() -> None:
    stage = build(StageSpec("copy", {"match": "*.txt; docs/**"}))
    assert stage.applies_to("a.txt")
    assert stage.applies_to("deep/down/b.txt")
    assert stage.applies_to("docs/guide/c.bin")
    assert not stage.applies_to("a.bin")
    assert not stage.applies_to("other/docs/c.bin")


def test_stage_without_match_applies_to_every_path() -> None:
    stage = build(StageSpec("copy"))
    assert stage.applies_to("a.bin")
    assert stage.applies_to("x/y/z")
