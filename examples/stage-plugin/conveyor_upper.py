"""`upper`: upper-case the ASCII letters of text files, as an example of a stage plugin.

A stage is a class with a name, documented options and a `transform` generator from input
chunks to output chunks; a package makes it available by declaring a `conveyor.stages`
entry point. Upper-casing works byte by byte, so it streams in constant memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.stages import FileContext, Stage

ASCII_UPPER = bytes.maketrans(b"abcdefghijklmnopqrstuvwxyz", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class UpperStage(Stage):
    name = "upper"
    description = "Upper-case the ASCII letters a-z of text files; every other byte stays."
    example = "upper:match=*.txt;*.md"
    default_match = "*.txt"

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        # Bytes a-z never occur inside a multi-byte UTF-8 character, so chunk boundaries
        # and non-ASCII text are safe.
        for chunk in chunks:
            yield chunk.translate(ASCII_UPPER)
