"""Compress each file to NAME.zst with Zstandard, readable by the `zstd` command.

One frame per file, streamed through `zstandard`'s compressobj so memory stays bounded
whatever the file size; the frame carries a content checksum, as the `zstd` CLI's do.
"""

from __future__ import annotations

from collections.abc import Iterator

import zstandard

from engine.stages.base import FileContext, Option, Stage


class ZstdStage(Stage):
    name = "zstd"
    description = "Compress each file to NAME.zst (Zstandard, as 'zstd -d' reads it)."
    example = "zstd:level=19,match=*.log;*.csv"
    declared_options = (
        Option(
            "level",
            "int",
            3,
            "Compression level: 1 is fastest, 19-22 give the smallest files but are slow "
            "and take much more memory.",
            minimum=1,
            maximum=22,
        ),
    )
    renames = True

    def output_name(self, rel: str) -> str:
        return rel + ".zst"

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        compressor = zstandard.ZstdCompressor(level=self.options["level"], write_checksum=True)
        stream = compressor.compressobj()
        for chunk in chunks:
            if out := stream.compress(chunk):
                yield out
        yield stream.flush()
