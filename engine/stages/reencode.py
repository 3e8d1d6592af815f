"""The `reencode` stage: convert text files to another character encoding, and newlines too.

Legacy text (GB18030, Big5, UTF-16 with a BOM, ...) is recognised from its first 64 KiB,
decoded and re-encoded incrementally, so a large file streams in bounded memory. Files that
look binary pass through untouched; text that does not decode fails alone, saying where.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Mapping
from typing import Any

from charset_normalizer import from_bytes

from engine.errors import JobError, StageError
from engine.stages.base import FileContext, Option, Stage

SAMPLE = 64 << 10
"""How much of the start of a file decides its encoding (and whether it is binary)."""

AUTO = "auto"

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030"}
"""Verdicts for simplified Chinese text: GB18030 is a superset of them all."""

UNRECOGNISED = (
    "left as it is: its text encoding could not be recognised "
    "(name it with the option from=... of stage 'reencode')"
)

WIDE_CODECS = ("utf_16", "utf_32")
"""Codecs whose text holds NUL bytes: given explicitly, their files are not taken as binary."""


def _normalised(name: str) -> str:
    return codecs.lookup(name).name.replace("-", "_")


def _check_codec(option: str, value: str, *, allow_auto: bool) -> None:
    where = f"option '{option}' of stage 'reencode'"
    if allow_auto and value == AUTO:
        return
    try:
        info = codecs.lookup(value)
    except (LookupError, ValueError):
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        allowed = "auto or " if allow_auto else ""
        raise JobError(
            f"{where} must be {allowed}a text encoding Python knows "
            f"(like utf-8, gb18030, big5, shift_jis, latin-1), not '{value}'"
        )


class ReencodeStage(Stage):
    name = "reencode"
    description = (
        "Convert text to another character encoding (detecting the source's) "
        "and optionally normalise newlines; binary files pass untouched."
    )
    example = "reencode:from=auto,to=utf-8,newline=lf,match=*.txt;*.csv"
    declared_options = (
        Option(
            "from",
            "text",
            AUTO,
            "Encoding of the source text, e.g. gb18030, big5, latin-1; 'auto' detects it. "
            "A byte-order mark at the start of a file overrides it.",
        ),
        Option(
            "to",
            "text",
            "utf-8",
            "Encoding to write, e.g. utf-8, utf-16; utf-8-sig writes UTF-8 with a BOM.",
        ),
        Option(
            "newline",
            "choice",
            "keep",
            "Line endings to write: keep them as they are, lf (Unix) or crlf (Windows).",
            choices=("keep", "lf", "crlf"),
        ),
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        given = self.options["from"].strip()
        self.source_codec: str = AUTO if given.lower() == AUTO else given
        self.target_codec: str = self.options["to"].strip()
        _check_codec("from", self.source_codec, allow_auto=True)
        _check_codec("to", self.target_codec, allow_auto=False)
        self.newline: str = self.options["newline"]

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        head: list[bytes] = []
        held = 0
        for chunk in chunks:
            head.append(chunk)
            held += len(chunk)
            if held >= SAMPLE:
                break
        if not head:
            return
        sample = b"".join(head)[:SAMPLE]
        complete = held < SAMPLE or (held == SAMPLE and _exhausted(head, chunks))
        codec, bom, warning = self._choose_codec(sample, complete)
        if codec is None:
            ctx.pass_through(self.name, warning)
            yield from head
            yield from chunks
            return
        yield from self._convert(_chain_skipping(head, chunks, bom), codec)

    def _choose_codec(self, sample: bytes, complete: bool) -> tuple[str | None, int, str]:
        """The codec to decode with and the length of the BOM to drop; no codec means
        leave the file as it is, with a warning when that is not plainly binary."""
        for bom, codec in BOMS:
            if sample.startswith(bom):
                return codec, len(bom), ""
        explicit = self.source_codec != AUTO
        wide = explicit and _normalised(self.source_codec).startswith(WIDE_CODECS)
        if b"\0" in sample and not wide:
            return None, 0, ""
        if explicit:
            return self.source_codec, 0, ""
        if _valid_utf8(sample, complete):
            return "utf-8", 0, ""
        detected = _detect(sample, complete)
        if detected is None:
            return None, 0, UNRECOGNISED
        return detected, 0, ""

    def _convert(self, chunks: Iterator[bytes], codec: str) -> Iterator[bytes]:
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        encoder = codecs.getincrementalencoder(self.target_codec)(errors="strict")
        newlines = NewlineConverter(self.newline)
        fed = 0
        lines = 1

        def decode(data: bytes, final: bool) -> str:
            pending = _pending(decoder)
            try:
                return decoder.decode(data, final)
            except UnicodeDecodeError as exc:
                offset = fed - pending + exc.start
                raise StageError(
                    f"cannot be decoded as {codec} at byte {offset}: {exc.reason}",
                    "give the right encoding with from=...",
                ) from None

        def encode(text: str, final: bool) -> bytes:
            try:
                return encoder.encode(text, final)
            except UnicodeEncodeError as exc:
                char = exc.object[exc.start]
                line = lines + exc.object.count("\n", 0, exc.start)
                raise StageError(
                    f"cannot be encoded as {self.target_codec}: '{char}' (U+{ord(char):04X}) "
                    f"on line {line} has no equivalent there",
                    "choose an encoding that can hold it, such as utf-8",
                ) from None

        for chunk in chunks:
            text = newlines.convert(decode(chunk, False), final=False)
            fed += len(chunk)
            out = encode(text, False)
            lines += text.count("\n")
            if out:
                yield out
        text = newlines.convert(decode(b"", True), final=True)
        out = encode(text, True)
        if out:
            yield out


class NewlineConverter:
    """Rewrites line endings in a stream of decoded text, holding back a trailing CR until
    the next piece shows whether an LF follows it (a CRLF split across two chunks)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self._cr = False

    def convert(self, text: str, *, final: bool) -> str:
        if self.mode == "keep":
            return text
        if self._cr:
            text = "\r" + text
            self._cr = False
        if text.endswith("\r") and not final:
            text = text[:-1]
            self._cr = True
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if self.mode == "crlf":
            text = text.replace("\n", "\r\n")
        return text


def _exhausted(head: list[bytes], chunks: Iterator[bytes]) -> bool:
    """Whether the file ended with the chunks already read (peeking one more if needed)."""
    extra = next(chunks, None)
    if extra is None:
        return True
    head.append(extra)
    return False


def _chain_skipping(head: list[bytes], rest: Iterator[bytes], skip: int) -> Iterator[bytes]:
    """The head chunks (less `skip` leading bytes, a BOM) and then the rest of the stream."""
    for chunk in head:
        if skip:
            dropped = min(skip, len(chunk))
            chunk, skip = chunk[dropped:], skip - dropped
        if chunk:
            yield chunk
    yield from rest


def _pending(decoder: codecs.IncrementalDecoder) -> int:
    """Bytes the decoder holds from earlier input (part of a character), for error offsets."""
    try:
        state = decoder.getstate()
    except (AttributeError, NotImplementedError):
        return 0
    buffered = state[0] if isinstance(state, tuple) and state else b""
    return len(buffered) if isinstance(buffered, bytes) else 0


def _valid_utf8(sample: bytes, complete: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, complete)
    except UnicodeDecodeError:
        return False
    return True


def _detect(sample: bytes, complete: bool) -> str | None:
    """charset_normalizer's verdict, GB verdicts widened to GB18030; None if it has none.

    A sample cut from a longer file may end inside a character, which makes the right
    codec look wrong: cut it after its last newline, or failing that, try a few bytes less.
    """
    candidates = [sample]
    if not complete:
        newline = sample.rfind(b"\n")
        if newline > 0:
            candidates = [sample[: newline + 1]]
        candidates += [sample[:-n] for n in range(1, 4) if len(sample) > n]
    for candidate in candidates:
        best = from_bytes(candidate).best()
        if best is not None:
            encoding = _normalised(best.encoding)
            return "gb18030" if encoding in GB_FAMILY else best.encoding
    return None
