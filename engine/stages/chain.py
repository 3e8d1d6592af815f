"""The chain of stages one file goes through, and what identifies its output as up to date."""

from __future__ import annotations

import itertools
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from engine.stages.base import FileContext, Stage


@dataclass(frozen=True)
class Chain:
    """The stages that apply to one file, in the order they run."""

    stages: tuple[Stage, ...]

    @classmethod
    def for_file(cls, stages: Iterable[Stage], rel: str) -> Chain:
        applicable = [stage for stage in stages if stage.applies_to(rel)]
        applicable.sort(key=lambda stage: stage.sees_final_output)
        return cls(tuple(applicable))

    @cached_property
    def plain(self) -> bool:
        """Nothing but byte-exact copying: the kernel can move the bytes."""
        return all(stage.passthrough for stage in self.stages)

    @cached_property
    def keeps_bytes(self) -> bool:
        return all(stage.passthrough or stage.keeps_bytes for stage in self.stages)

    def output_name(self, rel: str, skipped: frozenset[str] | set[str] = frozenset()) -> str:
        for stage in self.stages:
            if stage.name not in skipped:
                rel = stage.output_name(rel)
        return rel

    def output_names(self, rel: str) -> tuple[str, ...]:
        """Every name (the last part only) the output of the file `rel` may land on: the
        chain's own first, then those it gets when stages pass it through (a stage may
        leave a file alone mid-stream, `FileContext.pass_through`), without repeats. A
        mirror expects any of them in the target, and a check looks for them in turn."""
        if not any(stage.renames for stage in self.stages):
            return (posixpath.basename(rel),)
        names = [stage.name for stage in self.stages]
        found: dict[str, None] = {}
        for size in range(len(names) + 1):
            for passed in itertools.combinations(names, size):
                found[posixpath.basename(self.output_name(rel, set(passed)))] = None
        return tuple(found)

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        """Each stage sees the name its input has by then (`a.txt.zst` for gzip after zstd);
        notes, warnings and pass-throughs are shared."""
        name = ctx.rel
        for stage in self.stages:
            chunks = stage.transform(chunks, replace(ctx, name=name))
            name = stage.output_name(name)
        return chunks

    @cached_property
    def fingerprint(self) -> str:
        """Names and every option value of the stages, hashed: a changed chain redoes files."""
        import hashlib  # here: only transforming chains need it, and it loads OpenSSL
        import json

        described = [[stage.name, sorted(stage.options.items())] for stage in self.stages]
        text = json.dumps(described, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


class ChainCache:
    """Chains by which stages apply: few distinct ones exist, so each is built once."""

    def __init__(self, stages: tuple[Stage, ...]) -> None:
        self._stages = stages
        self._chains: dict[tuple[bool, ...], Chain] = {}
        self._for_all = None if any(s.selective for s in stages) else Chain.for_file(stages, "")
        """The one chain when every stage applies to every file (no matching per file)."""

    def __call__(self, rel: str) -> Chain:
        if self._for_all is not None:
            return self._for_all
        key = tuple(stage.applies_to(rel) for stage in self._stages)
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = Chain.for_file(self._stages, rel)
        return chain
