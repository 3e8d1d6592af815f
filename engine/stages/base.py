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

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
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

    def parse(self, stage: str, value: Any) -> Any:
        where = f"option '{self.name}' of stage '{stage}'"
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise JobError(f"{where} must be true or false, not '{value}'")
        if self.kind in ("int", "float"):
            convert = int if self.kind == "int" else float
            try:
                if isinstance(value, bool):
                    raise ValueError
                number = convert(value)
            except (TypeError, ValueError):
                noun = "a whole number" if self.kind == "int" else "a number"
                raise JobError(f"{where} must be {noun}, not '{value}'") from None
            if (self.minimum is not None and number < self.minimum) or (
                self.maximum is not None and number > self.maximum
            ):
                raise JobError(f"{where} must be between {self.minimum:g} and {self.maximum:g}")
            return number
        text = str(value)
        if self.kind == "choice" and text not in self.choices:
            raise JobError(f"{where} must be one of {', '.join(self.choices)}, not '{text}'")
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
    """What a stage may know about the file it transforms, and where it leaves per-file notes."""

    rel: str
    source: Path
    size: int
    mtime_ns: int
    record: dict[str, Any] = field(default_factory=dict)


class Stage(ABC):
    """Base class of every stage; subclasses set the class attributes and `transform`."""

    name: ClassVar[str]
    description: ClassVar[str]
    declared_options: ClassVar[tuple[Option, ...]] = ()
    passthrough: ClassVar[bool] = False
    """True when output bytes always equal input bytes, so the kernel may copy them."""

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
        return (*cls.declared_options, MATCH_OPTION)

    def applies_to(self, rel: str) -> bool:
        return self._match is None or bool(self._match.match(rel))

    def output_name(self, rel: str) -> str:
        """The relative name this stage gives its output; renaming stages override it."""
        return rel

    @abstractmethod
    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        """Yield the output for one file; may note results for `finish` in `ctx.record`."""

    def finish(self, target: Path, records: Mapping[str, dict[str, Any]]) -> None:  # noqa: B027
        """Write a job-level artifact (a manifest) from every file's notes; default: none."""
