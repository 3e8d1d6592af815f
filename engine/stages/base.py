"""What a stage is: a named, documented transform of one file's byte stream.

A stage declares typed options (so the CLI, job files and the app's generated forms all
validate the same way), how it names its output, and a `transform` that turns an iterator
of input chunks into an iterator of output chunks. Chaining iterators lets a chain of
stages read each source once and write each target once, in bounded memory.

Stages are built in the coordinating process (to validate the job) and again in each
worker from the same `StageSpec`, so they must be cheap to construct and hold no open
resources between files.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar, Literal

from engine.errors import JobError
from engine.filters import compile_globs

OptionKind = Literal["int", "float", "bool", "choice", "text", "glob"]


@dataclass(frozen=True)
class Option:
    """One declared stage option; `parse` accepts CLI strings and native TOML values alike."""

    name: str
    kind: OptionKind
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def _range(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f"between {self.minimum:g} and {self.maximum:g}"
        if self.minimum is not None:
            return f"at least {self.minimum:g}"
        return f"at most {self.maximum:g}"

    def describe_type(self) -> str:
        """`int 1..9, default 6` style, for `engine stages` and tooltips."""
        if self.kind == "choice":
            kind = "|".join(self.choices)
        elif self.minimum is not None and self.maximum is not None:
            kind = f"{self.kind} {self.minimum:g}..{self.maximum:g}"
        elif self.minimum is not None:
            kind = f"{self.kind} >= {self.minimum:g}"
        else:
            kind = self.kind
        if self.default in ("", None):
            return kind
        default = str(self.default).lower() if isinstance(self.default, bool) else self.default
        return f"{kind}, default {default}"

    def parse(self, stage: str, value: Any) -> Any:
        """Check and convert one value, CLI text or a native TOML or app value; JobError says
        what is allowed. Booleans are never numbers, numbers are finite, integers whole, and
        no text holds a NUL (no path, command or glob can)."""
        from math import isfinite

        from engine.names import printable

        where = f"option '{self.name}' of stage '{stage}'"
        shown = printable(str(value))
        if isinstance(value, str) and "\0" in value:
            raise JobError(f"{where} must not hold a NUL character, not '{shown}'")
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            text = value.strip().lower() if isinstance(value, str) else ""
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise JobError(f"{where} must be true or false, not '{shown}'")
        if self.kind in ("int", "float"):
            number: int | float | None = None
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                try:
                    if self.kind == "float":
                        number = float(value)
                    elif isinstance(value, float):
                        number = int(value) if value.is_integer() else None
                    else:
                        number = int(value)
                except (ValueError, OverflowError):
                    number = None
            if number is None:
                noun = "a whole number" if self.kind == "int" else "a number"
                raise JobError(f"{where} must be {noun}, not '{shown}'")
            if isinstance(number, float) and not isfinite(number):
                raise JobError(f"{where} must be a finite number, not '{shown}'")
            if (self.minimum is not None and number < self.minimum) or (
                self.maximum is not None and number > self.maximum
            ):
                raise JobError(f"{where} must be {self._range()}, not {shown}")
            return number
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise JobError(f"{where} must be text, not '{shown}'")
        text = str(value)
        if self.kind == "choice" and text not in self.choices:
            raise JobError(f"{where} must be one of {', '.join(self.choices)}, not '{shown}'")
        return text


MATCH_OPTION = Option(
    "match",
    "glob",
    "",
    "Only files matching these globs (separated by ';') go through the stage; others pass.",
)


@dataclass(frozen=True)
class StageSpec:
    """A stage as a job names it: plain data that crosses process boundaries and TOML files."""

    name: str
    options: Mapping[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.name, tuple(sorted(self.options.items()))))


@dataclass
class FileContext:
    """What a stage may know about the file it transforms, and where it leaves per-file notes.

    `record` collects per-file notes for `Stage.finish` (a digest for a manifest). A stage
    that decides mid-stream to leave a file alone (an image Pillow cannot open) yields the
    input unchanged and calls `pass_through`, so the output keeps the name it would have had
    without that stage.
    """

    rel: str
    source: Path
    size: int
    mtime_ns: int
    record: dict[str, Any] = field(default_factory=dict)
    passed: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    name: str = ""
    """The relative name of this stage's input: `rel` as renamed by the stages before it."""
    checkpoint: Callable[[], None] = lambda: None
    """Call while waiting on something slow: blocks while paused, raises when cancelled."""

    def __post_init__(self) -> None:
        self.name = self.name or self.rel

    def pass_through(self, stage: str, warning: str = "") -> None:
        self.passed.add(stage)
        if warning:
            self.warnings.append(warning)


_worker_exit_hooks: list[Callable[[], None]] = []


def at_worker_exit(hook: Callable[[], None]) -> Callable[[], None]:
    """Register cleanup for a worker that must end abruptly (SIGTERM, its coordinator gone),
    such as killing external commands a stage started in sessions of their own."""
    _worker_exit_hooks.append(hook)
    return hook


def run_worker_exit_hooks() -> None:
    for hook in _worker_exit_hooks:
        with contextlib.suppress(Exception):
            hook()


class Stage(ABC):
    """Base class of every stage; subclasses set the class attributes and `transform`."""

    name: ClassVar[str]
    description: ClassVar[str]
    example: ClassVar[str] = ""
    """A `--stage` argument showing typical use, for `engine stages` and the app's tooltips."""
    declared_options: ClassVar[tuple[Option, ...]] = ()
    default_match: ClassVar[str] = ""
    """Globs the stage applies to when the job gives no `match` (e.g. image extensions)."""
    passthrough: ClassVar[bool] = False
    """Output bytes equal input bytes and the stage need not see them: the kernel may copy."""
    keeps_bytes: ClassVar[bool] = False
    """Output bytes equal input bytes (so sizes match), though the stage reads them."""
    sees_final_output: ClassVar[bool] = False
    """Run after every other stage, whatever the order given: it observes what is written."""
    renames: bool = False
    """`output_name` may differ from the input name, so outputs are checked for collisions.
    No ClassVar: a stage may decide it per instance, from its options (`exec` with `ext`)."""
    finishes: ClassVar[bool] = False
    """It writes job-level files once all files are done (`finish`), from the notes the job
    keeps for it; without this flag `finish` is never called and no notes are kept."""
    chooses_files: ClassVar[bool] = False
    """`applies_to` is overridden to pick files by more than the `match` option."""

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        given = dict(options or {})
        values: dict[str, Any] = {}
        for option in self.all_options():
            values[option.name] = (
                option.parse(self.name, given.pop(option.name))
                if option.name in given
                else option.default
            )
        if given:
            known = ", ".join(o.name for o in self.all_options())
            unknown = ", ".join(sorted(given))
            raise JobError(f"stage '{self.name}' has no option {unknown} (it takes: {known})")
        self.options = values
        self._match = compile_globs(tuple(p for p in values["match"].split(";") if p.strip()))

    @classmethod
    def all_options(cls) -> tuple[Option, ...]:
        return (*cls.declared_options, replace(MATCH_OPTION, default=cls.default_match))

    def applies_to(self, rel: str) -> bool:
        return self._match is None or bool(self._match.match(rel))

    @property
    def selective(self) -> bool:
        """Whether it may apply to some files only (its `match`, or its own `applies_to`)."""
        return self._match is not None or self.chooses_files

    def output_name(self, rel: str) -> str:
        """The relative name this stage gives its output; renaming stages override it."""
        return rel

    @abstractmethod
    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        """Yield the output for one file; may note results for `finish` in `ctx.record`."""

    def artifacts(self) -> tuple[str, ...]:
        """Names at the target root that `finish` writes, so no output may take them."""
        return ()

    def warnings(self) -> tuple[str, ...]:
        """Sentences the job shows as warnings when it starts (a risky but valid option);
        default: none."""
        return ()

    def finish(self, target: Path, records: Mapping[str, dict[str, Any]]) -> None:  # noqa: B027
        """Write a job-level artifact (a manifest) once all files are done; default: none.

        `records` maps each output (relative to the target) to its notes: for one written in
        this run, what its stages left in `FileContext.record`; for one skipped as up to date,
        `{"unchanged": True}`. Each also holds `"source"`, the relative source path. Called
        after a cancelled run too, with the outputs that were finished.
        """
