"""A job's settings, each declared once: what a setting is and how its values are read and
written, from a job file, the command line or a library caller.

A setting is declared where it lives, on its `Job` field (`engine.job`):

    verify: bool = setting(False, help="re-read and compare each written file", worker=True)

and `engine.job.SETTINGS` collects those declarations. The rest follows from them: the job
file's keys, how it is read (`job_values`) and written (`dump_job_file`), the type and range
checks of `Job.validated()`, the `engine run` options (`engine.cli.parser`) and how their
values become a job (`engine.cli.run`), the command line that runs a job
(`engine.command_line`) and the worker's settings (`worker_values`); the app finds the
switches it shows by `in_app`. So adding an option is one field with its `setting(...)`,
plus the code that acts on it.

The structured fields (source, target, stages) are no settings: each is read and written by
code of its own. This module imports nothing of the engine but its errors and `names`, so any
part of it may use it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields
from enum import StrEnum
from typing import Any, TypeGuard, TypeVar

from engine.errors import JobError
from engine.names import printable

GLOBS = "globs"
"""Kind of a list of globs, or of other text (paths): TOML `["*.txt"]`, a repeatable option
on the command line."""
SIZE = "size"
"""Kind of a byte count that may be written as a size (`10M`, `512k`; see `parse_size`)."""
SECONDS = "seconds"
"""Kind of a finite number of seconds, whole or not."""
WORDS = "words"
"""Kind of a set of words from the setting's `allowed`: TOML `["owner", "acls"]`, on the
command line comma-separated (`owner,acls`) and repeatable; held as a tuple in the order of
`allowed`, each once."""

Kind = type | str
"""bool, int, str, a `StrEnum` class (one of its values), GLOBS, SIZE, SECONDS or WORDS."""

_METADATA = "conveyor.setting"
"""The key of a field's metadata that holds its `setting(...)` declaration."""


@dataclass(frozen=True)
class Setting:
    """One setting of a job: the `Job` field and job-file key it is, how the command line
    gives it, and how its values are checked, parsed and written."""

    key: str
    """The `Job` field and the job file's key."""
    kind: Kind
    default: Any
    """The value when none is given (None where `default_factory` gives it)."""
    help: str
    """The line `engine run --help` shows for the option."""
    flag: str = ""
    """The long option (`--dry-run`); empty for a setting the command line cannot give."""
    short: str = ""
    """The short option (`-n`), if any."""
    metavar: str | None = None
    default_factory: Callable[[], Any] | None = None
    """Computes a default that depends on the machine (the CPU count): such a value is always
    written out, since the same job elsewhere would default to another."""
    worker: bool = False
    """Part of what every worker is told about the job (`engine.job.worker_values`)."""
    in_app: bool = False
    """The app shows it (a check box, for a bool)."""
    problem: Callable[[Any], str | None] | None = None
    """What is wrong with a value of the right type (its range), or None; `Job.validated()`
    asks once every value has its type and the folders are checked."""
    invalid: str = ""
    """The sentence for a value of the wrong type, `{}` standing for the value, where the
    kind's own would not say enough."""
    allowed: tuple[str, ...] = ()
    """The words a WORDS setting may hold."""

    @property
    def words(self) -> str:
        """The key as messages write it: `dry run`."""
        return self.key.replace("_", " ")

    @property
    def choice_name(self) -> str:
        """The key as choice messages write it, like its option: `if-exists`."""
        return self.key.replace("_", "-")

    def typed(self, value: Any) -> Any:
        """`value` as the field's type (enum members from their text, lists as tuples), or
        JobError: a library caller or an old saved job may hand in anything, and `True` must
        not pass for 1, nor "no" for true."""
        kind = self.kind
        if _is_choice(kind):
            return member(kind, self.choice_name, value)
        if kind is bool:
            if isinstance(value, bool):
                return value
            raise self._wrong(value, f"{self.words} must be true or false, not {{}}")
        if kind in (int, SIZE):
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise self._wrong(value, f"{self.words} must be a whole number, not {{}}")
        if kind == SECONDS:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            raise self._wrong(value, f"{self.words} must be a number of seconds, not {{}}")
        if kind == GLOBS:
            if isinstance(value, tuple | list) and all(isinstance(item, str) for item in value):
                return tuple(value)
            raise self._wrong(value, f"{self.words} must be a list of globs, not {{}}")
        if kind == WORDS:
            if isinstance(value, tuple | list) and all(isinstance(item, str) for item in value):
                return self.chosen_words(value)
            raise self._wrong(value, f"{self.words} must be a list of words, not {{}}")
        if isinstance(value, str) and "\0" not in value:
            return value
        raise self._wrong(value, f"{self.words} must be text without a NUL character, not {{}}")

    def chosen_words(self, given: Any) -> tuple[str, ...]:
        """The words of a WORDS setting, in the order of `allowed` and each once; JobError
        naming the allowed words for any other."""
        for word in given:
            if word not in self.allowed:
                raise JobError(
                    f"{self.choice_name} takes {', '.join(self.allowed)}, not {shown_value(word)}"
                )
        return tuple(word for word in self.allowed if word in given)

    def _wrong(self, value: Any, sentence: str) -> JobError:
        return JobError((self.invalid or sentence).format(shown_value(value)))

    def from_toml(self, value: Any, where: str) -> Any:
        """A job file's value as the field's value; JobError names `where` (the file) and
        the key, and says what the key takes."""
        kind, key = self.kind, self.key
        if _is_choice(kind):
            return choice(kind, self.choice_name, expect(where, key, value, str))
        if kind == SIZE:
            if isinstance(value, str):
                return parse_size(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise JobError(
                f"{where}: '{key}' must be an integer (bytes) "
                f'or a size such as "10M", not {shown_value(value)}'
            )
        if kind == SECONDS:
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if not number or not math.isfinite(value):
                raise JobError(
                    f"{where}: '{key}' must be a finite number of seconds, not {shown_value(value)}"
                )
            return float(value)
        if kind == GLOBS:
            items = expect(where, key, value, list)
            return tuple(expect(where, key, item, str) for item in items)
        if kind == WORDS:
            items = expect(where, key, value, list)
            try:
                return self.chosen_words([expect(where, key, item, str) for item in items])
            except JobError as exc:
                raise JobError(f"{where}: {exc}") from None
        assert isinstance(kind, type)
        return expect(where, key, value, kind)

    def from_arg(self, value: Any) -> Any:
        """The value argparse gave for the option (never None) as the field's value. Whole
        numbers and seconds arrive converted (by `type=`), so argparse words their errors;
        the rest are converted here, raising JobError. A switch only turns a setting on."""
        kind = self.kind
        if kind is bool:
            return True
        if kind == GLOBS:
            return tuple(value)
        if kind == WORDS:  # each use of the option: words separated by commas
            given = [word.strip() for text in value for word in text.split(",")]
            return self.chosen_words([word for word in given if word])
        if kind == SIZE:
            return parse_size(value)
        if _is_choice(kind):
            return choice(kind, self.choice_name, value)
        return value

    def to_toml(self, value: Any) -> str:
        """The TOML text of a value, as `from_toml` reads it back."""
        kind = self.kind
        if kind is bool:
            return str(value).lower()
        if kind == SECONDS:
            return repr(value)
        if kind in (GLOBS, WORDS):
            return f"[{', '.join(toml_str(item) for item in value)}]"
        if _is_choice(kind):
            return toml_str(value.value)
        if kind is str:
            return toml_str(value)
        return str(value)

    def to_args(self, value: Any) -> list[str]:
        """The options that give `value` on the command line, none for the default; a
        machine-dependent default is always given. Only the long option is written."""
        if not self.flag:
            return []
        kind = self.kind
        if kind is bool:
            return [self.flag] if value else []
        if kind == GLOBS:
            return [part for glob in value for part in (self.flag, glob)]
        if kind == WORDS:
            return [self.flag, ",".join(value)] if value else []
        if self.default_factory is None and value == self.default:
            return []
        if kind == SECONDS:
            return [self.flag, f"{value:g}"]
        if _is_choice(kind):
            return [self.flag, value.value]
        return [self.flag, str(value)]


def setting(
    default: Any = MISSING,
    *,
    help: str,
    kind: Kind | None = None,
    default_factory: Callable[[], Any] | None = None,
    flag: str | None = None,
    short: str = "",
    metavar: str | None = None,
    worker: bool = False,
    in_app: bool = False,
    problem: Callable[[Any], str | None] | None = None,
    invalid: str = "",
    allowed: tuple[str, ...] = (),
) -> Any:
    """Declare a `Job` field a setting: a dataclass field with this default, whose metadata
    holds the rest of the `Setting`. `kind` defaults to the type of `default` (bool, int,
    str or a StrEnum); `flag` to `--key-with-dashes` (give "" for no option); `allowed` are
    the words a WORDS setting may hold."""
    if kind is None:
        kind = type(default)
        if default_factory is not None or not (kind in (bool, int, str) or _is_choice(kind)):
            raise TypeError("setting(): give the kind of a setting without a plain default")
    declared = {
        "kind": kind,
        "help": help,
        "flag": flag,
        "short": short,
        "metavar": metavar,
        "worker": worker,
        "in_app": in_app,
        "problem": problem,
        "invalid": invalid,
        "allowed": allowed,
    }
    metadata = {_METADATA: declared}
    if default_factory is not None:
        return field(default_factory=default_factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def settings_of(cls: type) -> tuple[Setting, ...]:
    """The settings declared on a dataclass's fields, in the fields' order."""
    return tuple(_setting(f) for f in fields(cls) if _METADATA in f.metadata)


def _setting(declared_field: Field[Any]) -> Setting:
    declared = dict(declared_field.metadata[_METADATA])
    key = declared_field.name
    if declared["flag"] is None:
        declared["flag"] = "--" + key.replace("_", "-")
    factory = declared_field.default_factory
    if factory is not MISSING:
        return Setting(key=key, default=None, default_factory=factory, **declared)
    return Setting(key=key, default=declared_field.default, **declared)


def _is_choice(kind: Kind) -> TypeGuard[type[StrEnum]]:
    return isinstance(kind, type) and issubclass(kind, StrEnum)


Choice = TypeVar("Choice", bound=StrEnum)


def choice(kind: type[Choice], what: str, text: str) -> Choice:
    """The member of `kind` whose value is `text`, or JobError listing the values."""
    try:
        return kind(text)
    except ValueError:
        choices = ", ".join(item.value for item in kind)
        raise JobError(f"{what} must be one of {choices}, not '{printable(text)}'") from None


def member(kind: type[Choice], what: str, value: Any) -> Choice:
    """An enum member from itself or its text (a library caller may pass "skip")."""
    if isinstance(value, kind):
        return value
    return choice(kind, what, value if isinstance(value, str) else repr(value))


def parse_size(text: str) -> int:
    """`10M`, `512k`, `1.5G` or a plain byte count, as rsync's --bwlimit reads them."""
    value = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = 1
    for suffix, factor in (("K", 1024), ("M", 1024**2), ("G", 1024**3)):
        if value.endswith(suffix):
            value, scale = value[:-1], factor
            break
    shown = printable(text)
    try:
        number = float(value)
    except ValueError:
        raise JobError(f"'{shown}' is not a size (use e.g. 500k, 10M, 1G)") from None
    if not math.isfinite(number * scale):
        raise JobError(f"'{shown}' is not a size (it must be a finite number)")
    if number < 0:
        raise JobError(f"'{shown}' is not a size (it must not be negative)")
    if 0 < number * scale < 1:
        raise JobError(f"'{shown}' is less than one byte (0 means no limit)")
    return int(number * scale)


TOML_TYPES = {int: "an integer", str: "a string", bool: "a boolean", list: "a list"}
"""How messages name the TOML types a job file's keys expect."""


def expect(where: str, key: str, value: Any, kind: type) -> Any:
    """`value` if it is of the TOML type `kind` (a boolean is no integer), else JobError."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise JobError(f"{where}: '{key}' must be {TOML_TYPES[kind]}, not {shown_value(value)}")
    return value


def shown_value(value: Any) -> str:
    """A value as an error message quotes it: its repr, on one line and free of controls."""
    return printable(repr(value))


def toml_str(text: str) -> str:
    """A TOML basic string holding `text`; JobError for text that is not valid UTF-8."""
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise JobError(
            f"'{printable(text)}' is not valid UTF-8, "
            "which a TOML job file cannot hold; rename it or run the job from the command line"
        )
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else _toml_escape(c) for c in escaped)
    return f'"{escaped}"'


def _toml_escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
