"""Compress each file to NAME.gz, a gzip member written by hand around raw deflate.

Writing the RFC 1952 header ourselves lets it carry what GNU gzip stores (the original
name as raw bytes and the source mtime), so `gunzip -N` restores both; the deflate data
and the CRC32/ISIZE trailer are produced chunk by chunk, so memory stays flat.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator

from engine.stages.base import FileContext, Option, Stage

MAGIC = b"\x1f\x8b"
CM_DEFLATE = 8
FLG_FNAME = 0x08
OS_UNIX = 3
GZIPPED_SUFFIXES = (".gz", ".tgz")
"""Names GNU gzip refuses to compress again without -f ("already has .gz suffix")."""


def gzip_header(name: bytes, mtime_s: int, level: int) -> bytes:
    """The 10-byte member header plus FNAME, as GNU gzip writes it for a named file."""
    if not 0 <= mtime_s < 1 << 32:
        mtime_s = 0  # RFC 1952: 0 means "no time stamp available"
    xfl = 2 if level == 9 else 4 if level == 1 else 0
    head = MAGIC + struct.pack("<BBIBB", CM_DEFLATE, FLG_FNAME, mtime_s, xfl, OS_UNIX)
    return head + name + b"\0"


class GzipStage(Stage):
    name = "gzip"
    description = (
        "Compress each file to NAME.gz, keeping the original name and mtime in the header "
        "for 'gunzip -N'; files already named .gz or .tgz are copied as they are."
    )
    example = "gzip:level=9,match=*.log"
    declared_options = (
        Option(
            "level",
            "int",
            6,
            "Compression level: 1 is fastest, 9 gives the smallest files.",
            minimum=1,
            maximum=9,
        ),
        Option(
            "force",
            "bool",
            False,
            "Compress files already named .gz or .tgz too (like gzip -f); by default "
            "they are copied unchanged.",
        ),
    )
    renames = True
    chooses_files = True  # already compressed files pass, unless forced

    def applies_to(self, rel: str) -> bool:
        if not self.options["force"] and rel.endswith(GZIPPED_SUFFIXES):
            return False
        return super().applies_to(rel)

    def output_name(self, rel: str) -> str:
        return rel + ".gz"

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        level: int = self.options["level"]
        name = os.fsencode(os.path.basename(ctx.name))
        yield gzip_header(name, ctx.mtime_ns // 1_000_000_000, level)
        compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
        crc = 0
        size = 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            if out := compressor.compress(chunk):
                yield out
        yield compressor.flush() + struct.pack("<II", crc, size & 0xFFFFFFFF)
