"""The built-in byte-exact copy."""

from __future__ import annotations

from collections.abc import Iterator

from engine.stages.base import FileContext, Stage


class CopyStage(Stage):
    name = "copy"
    description = "Copy each file byte for byte (the kernel copies it when nothing else does)."
    example = "copy:match=**/*.jpg"
    passthrough = True

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        return chunks
