"""Include/exclude globs: PathFilter's rules, then the same rules through `engine run`."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Engine, copied_files, write_tree

from engine.filters import PathFilter, glob_problem


def test_a_slashless_pattern_matches_a_name_at_any_depth():
    f = PathFilter(exclude=("*.tmp",))

    assert not f.wants_file("scratch.tmp")
    assert not f.wants_file("a/b/c/scratch.tmp")
    assert f.wants_file("a/b/c/keep.txt")


def test_a_slashless_pattern_matches_a_whole_name_not_a_suffix():
    f = PathFilter(exclude=("build",))

    assert not f.wants_dir("build")
    assert not f.wants_dir("src/build")
    assert f.wants_dir("rebuild")
    assert f.wants_dir("src/build-tools")


def test_double_star_spans_folders():
    f = PathFilter(include=("docs/**/*.md",))

    assert f.wants_file("docs/index.md")
    assert f.wants_file("docs/a/b/c/deep.md")
    assert not f.wants_file("src/docs/a.md")
    assert not f.wants_file("docs/a/b/notes.txt")


def test_single_star_stays_within_one_folder():
    f = PathFilter(include=("docs/*.md",))

    assert f.wants_file("docs/index.md")
    assert not f.wants_file("docs/sub/index.md")


def test_a_pattern_with_a_slash_is_anchored_at_the_source_root():
    f = PathFilter(exclude=("logs/today.log",))

    assert not f.wants_file("logs/today.log")
    assert f.wants_file("app/logs/today.log")


def test_a_leading_slash_anchors_a_pattern_at_the_source_root():
    """As in rsync and .gitignore, `/build` means the top-level build only."""
    f = PathFilter(exclude=("/build",))

    assert not f.wants_dir("build")
    assert f.wants_dir("src/build")


def test_an_excluded_folder_is_not_walked_even_when_its_files_would_match():
    f = PathFilter(include=("*.js",), exclude=("node_modules",))

    assert not f.wants_dir("node_modules")
    assert not f.wants_dir("app/node_modules")
    assert f.wants_dir("app")


def test_an_excluded_folder_is_left_out_with_everything_inside(
    src: Path, dst: Path, engine: Engine
):
    write_tree(
        src,
        {
            "node_modules/pkg/index.js": "x",
            "node_modules/pkg/deep/more.js": "y",
            "app/node_modules/lib.js": "z",
            "app/main.js": "main",
        },
    )

    result = engine("run", src, dst, "-w", "1", "-q", "--exclude", "node_modules")

    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"app/main.js"}
    assert not (dst / "node_modules").exists()
    assert not (dst / "app/node_modules").exists()


def test_includes_select_files_but_never_prune_folders():
    f = PathFilter(include=("*.txt",))

    assert f.wants_dir("photos")
    assert f.wants_dir("photos/2024")
    assert f.wants_file("photos/2024/notes.txt")
    assert not f.wants_file("photos/2024/img.jpg")


def test_an_exclude_wins_over_an_include():
    f = PathFilter(include=("*.txt",), exclude=("secret*",))

    assert f.wants_file("notes.txt")
    assert not f.wants_file("secret-notes.txt")


def test_question_mark_matches_exactly_one_character_but_not_a_slash():
    f = PathFilter(include=("file?.txt",))

    assert f.wants_file("file1.txt")
    assert f.wants_file("sub/fileX.txt")
    assert not f.wants_file("file.txt")
    assert not f.wants_file("file10.txt")
    assert not PathFilter(include=("a?b",)).wants_file("a/b")


def test_brackets_match_one_character_of_a_set():
    f = PathFilter(include=("[ab].txt",))

    assert f.wants_file("a.txt")
    assert f.wants_file("b.txt")
    assert not f.wants_file("c.txt")
    assert not f.wants_file("ab.txt")


def test_negated_brackets_match_one_character_outside_a_set():
    f = PathFilter(include=("[!ab].txt",))

    assert f.wants_file("c.txt")
    assert not f.wants_file("a.txt")


def test_no_patterns_take_everything():
    f = PathFilter()

    assert f.wants_dir("any/folder")
    assert f.wants_file("any/folder/file.bin")


def test_repeated_includes_and_excludes_on_the_command_line(src: Path, dst: Path, engine: Engine):
    write_tree(
        src,
        {
            "readme.md": "r",
            "notes.txt": "n",
            "image.png": "i",
            "docs/guide.md": "g",
            "docs/draft.md.bak": "b",
            "docs/old.txt": "o",
            "tmp/scratch.txt": "s",
            "src/tmp/also.txt": "a",
            "src/code.py": "c",
        },
    )

    result = engine(
        "run",
        src,
        dst,
        "-w",
        "1",
        "-q",
        "--include",
        "*.md",
        "--include",
        "*.txt",
        "--exclude",
        "tmp",
        "--exclude",
        "docs/old.txt",
    )

    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"readme.md", "notes.txt", "docs/guide.md"}
    assert not (dst / "tmp").exists()
    assert not (dst / "src/tmp").exists()


def test_a_double_star_exclude_on_the_command_line_leaves_out_a_subtree(
    src: Path, dst: Path, engine: Engine
):
    write_tree(
        src,
        {"cache/a/b/c.bin": "c", "cache/top.bin": "t", "keep/cache.bin": "k", "x.txt": "x"},
    )

    result = engine("run", src, dst, "-w", "1", "-q", "--exclude", "cache/**")

    assert result.returncode == 0, result.stderr
    assert copied_files(dst) == {"keep/cache.bin", "x.txt"}


# --- character classes: fnmatch's rules, so that no glob is an error ----------------------------


def test_a_closing_bracket_right_after_the_opening_one_is_a_member() -> None:
    f = PathFilter(include=("[]]x", "[!]]y"))

    assert f.wants_file("]x")
    assert not f.wants_file("ax")
    assert f.wants_file("ay")
    assert not f.wants_file("]y")


def test_a_bracket_that_is_never_closed_is_literal() -> None:
    """`[]` and `[!]` hold no class (a `]` right after the opening is a member), so they
    are plain text: they once made the whole job fail with "bad escape"."""
    f = PathFilter(exclude=("[]", "[!]", "a[b"))

    assert not f.wants_file("[]")
    assert not f.wants_file("[!]")
    assert not f.wants_file("sub/a[b")
    assert f.wants_file("a")
    assert f.wants_file("ab")


def test_a_reversed_range_matches_nothing_and_its_negation_anything() -> None:
    assert not PathFilter(include=("[z-a].txt",)).wants_file("m.txt")
    assert PathFilter(include=("[!z-a].txt",)).wants_file("m.txt")


def test_a_dash_first_or_last_in_a_class_is_itself() -> None:
    f = PathFilter(include=("[-a]1", "[b-]2"))

    assert f.wants_file("-1")
    assert f.wants_file("a1")
    assert f.wants_file("-2")
    assert not f.wants_file("c2")


def test_backslashes_and_regex_characters_in_a_class_are_themselves() -> None:
    f = PathFilter(include=("[\\^&~|]",))

    for name in ("\\", "^", "&", "~", "|"):
        assert f.wants_file(name), name
    assert not f.wants_file("a")


def test_a_class_never_matches_the_slash_between_folders() -> None:
    """Like `?`, a class is one character within a name, even negated or through a range
    (`.-0` spans `/`)."""
    assert PathFilter(exclude=("a[!x]b",)).wants_file("a/b")
    assert PathFilter(exclude=("a[.-0]b",)).wants_file("a/b")
    assert not PathFilter(exclude=("a[.-0]b",)).wants_file("a.b")


@pytest.mark.parametrize("pattern", ["[]", "[!]", "[", "[!", "[z-a]", "a[]]b", "[[]"])
def test_any_bracket_pattern_gives_a_usable_glob(pattern: str) -> None:
    assert glob_problem(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [("a\0b", "NUL"), ("", "names no file or folder"), (" / ", "names no file or folder")],
)
def test_a_glob_with_a_nul_or_naming_nothing_has_a_problem(pattern: str, problem: str) -> None:
    found = glob_problem(pattern)

    assert found is not None and problem in found


@pytest.mark.parametrize("option", ["--exclude", "--include"])
@pytest.mark.parametrize("pattern", ["[]", "[!]"])
def test_an_unclosed_bracket_glob_on_the_command_line_runs_the_job(
    src: Path, dst: Path, engine: Engine, option: str, pattern: str
) -> None:
    write_tree(src, {pattern: "odd name", "plain.txt": "p"})

    result = engine("run", src, dst, "-w", "1", "-q", option, pattern)

    assert result.returncode == 0, result.stderr
    wanted = {pattern} if option == "--include" else {"plain.txt"}
    assert copied_files(dst) == wanted
