"""The chain of stages one file goes through, and what identifies its output as up to date."""

from __future__ import annotations

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
