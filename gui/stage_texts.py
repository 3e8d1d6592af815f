"""What the app calls each stage and its options, in the app's language, and a stage in a
few words ("Resize: 1600 px", "Checksum: SHA-256").

The engine describes its stages in English, for `engine stages`. The app shows them through
its own translation table instead: every built-in stage's description and option help is
listed here in the engine's words, marked for pyside6-lupdate, so the translated `.qm` has
them and `QCoreApplication.translate` finds them by that very text. A test checks that the
table still holds every text the engine has, so a reworded description fails at once rather
than showing in English. A stage the table does not know (a plugin's) shows in its own words.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from engine.stages import Option, Stage

CONTEXT = "Stages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for pyside6-lupdate and returns it as it is: Qt's own marker does the
    same, but is typed as returning `object`."""
    return text


TITLES = {
    "copy": QT_TRANSLATE_NOOP("Stages", "Copy"),
    "gzip": QT_TRANSLATE_NOOP("Stages", "Gzip"),
    "zstd": QT_TRANSLATE_NOOP("Stages", "Zstandard"),
    "checksum": QT_TRANSLATE_NOOP("Stages", "Checksum"),
    "resize": QT_TRANSLATE_NOOP("Stages", "Resize images"),
    "reencode": QT_TRANSLATE_NOOP("Stages", "Re-encode text"),
    "exec": QT_TRANSLATE_NOOP("Stages", "Run a command"),
}
"""Each built-in stage's name as the app shows it; the engine's name stays in job files."""

OPTION_LABELS = {
    "level": QT_TRANSLATE_NOOP("Stages", "Level"),
    "force": QT_TRANSLATE_NOOP("Stages", "Also .gz and .tgz files"),
    "match": QT_TRANSLATE_NOOP("Stages", "Only files matching"),
    "algo": QT_TRANSLATE_NOOP("Stages", "Algorithm"),
    "max": QT_TRANSLATE_NOOP("Stages", "Fit within"),
    "format": QT_TRANSLATE_NOOP("Stages", "Format"),
    "quality": QT_TRANSLATE_NOOP("Stages", "Quality"),
    "max_pixels": QT_TRANSLATE_NOOP("Stages", "Largest image"),
    "from": QT_TRANSLATE_NOOP("Stages", "From encoding"),
    "to": QT_TRANSLATE_NOOP("Stages", "To encoding"),
    "newline": QT_TRANSLATE_NOOP("Stages", "Line endings"),
    "cmd": QT_TRANSLATE_NOOP("Stages", "Command"),
    "ext": QT_TRANSLATE_NOOP("Stages", "Output extension"),
    "timeout": QT_TRANSLATE_NOOP("Stages", "Time limit"),
}
"""Option labels by the option's name, which means the same in every built-in stage."""

CHOICES = {
    "keep": QT_TRANSLATE_NOOP("Stages", "Keep as it is"),
    "jpeg": QT_TRANSLATE_NOOP("Stages", "JPEG"),
    "png": QT_TRANSLATE_NOOP("Stages", "PNG"),
    "webp": QT_TRANSLATE_NOOP("Stages", "WebP"),
    "sha256": QT_TRANSLATE_NOOP("Stages", "SHA-256"),
    "sha1": QT_TRANSLATE_NOOP("Stages", "SHA-1"),
    "md5": QT_TRANSLATE_NOOP("Stages", "MD5"),
    "blake2b": QT_TRANSLATE_NOOP("Stages", "BLAKE2b"),
    "lf": QT_TRANSLATE_NOOP("Stages", "LF (Unix)"),
    "crlf": QT_TRANSLATE_NOOP("Stages", "CRLF (Windows)"),
}
"""The values of choice options, as a menu shows them."""

ENGINE_TEXTS = (
    QT_TRANSLATE_NOOP(
        "Stages",
        "Copy each file byte for byte (the kernel copies it when nothing else does).",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Compress each file to NAME.gz, keeping the original name and mtime in the header for "
        "'gunzip -N'; files already named .gz or .tgz are copied as they are.",
    ),
    QT_TRANSLATE_NOOP("Stages", "Compression level: 1 is fastest, 9 gives the smallest files."),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Compress files already named .gz or .tgz too (like gzip -f); by default they are "
        "copied unchanged.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages", "Compress each file to NAME.zst (Zstandard, as 'zstd -d' reads it)."
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Compression level: 1 is fastest, 19-22 give the smallest files but are slow and take "
        "much more memory.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Hash each written file into SHA256SUMS (or MD5SUMS, ...) at the target root.",
    ),
    QT_TRANSLATE_NOOP("Stages", "Hash algorithm; blake2b is BLAKE2b-512, as b2sum checks it."),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Shrink images to fit within a box, keeping their shape; optionally re-encode.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Required: the box to fit in, WIDTHxHEIGHT or N for NxN. Smaller images are not "
        "enlarged; upright ones already in the target format are copied byte for byte.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Format to write; 'keep' writes each image in its own format and keeps its name.",
    ),
    QT_TRANSLATE_NOOP("Stages", "JPEG and WebP quality."),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Images with more pixels fail unread (protects memory against decompression bombs).",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Convert text to another character encoding (detecting the source's) and optionally "
        "normalise newlines; binary files pass untouched.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Encoding of the source text, e.g. gb18030, big5, latin-1; 'auto' detects it. A "
        "byte-order mark at the start of a file overrides it.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Encoding to write, e.g. utf-8, utf-16; utf-8-sig writes UTF-8 with a BOM.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Line endings to write: keep them as they are, lf (Unix) or crlf (Windows).",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Run a command on each file: it reads {in} (or its stdin) and writes {out}, or its "
        "stdout is the output.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "The command, split into arguments like a shell would but never run by one. In each "
        "argument {in} is the input file (without {in}, stdin is the input), {out} where to "
        "write the output (without {out}, stdout is the output), {name}, {stem} and {ext} the "
        "file's name, name without extension, and extension without the dot. {in} and {out} "
        "are paths of safe characters only; pass the others to a shell script as arguments: "
        "sh -c '... \"$1\"' sh {name}.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Give the output this extension instead of its last one (png and .png alike); empty "
        "keeps the name.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Seconds one file's command may run before it is killed (the file fails); 0: no limit.",
    ),
    QT_TRANSLATE_NOOP(
        "Stages",
        "Only files matching these globs (separated by ';') go through the stage; others pass.",
    ),
)
"""The engine's descriptions and option help of the built-in stages, word for word."""


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def stage_title(name: str) -> str:
    """ "Resize images" for `resize`; a plugin's stage by its own name."""
    return _tr(TITLES[name]) if name in TITLES else name


def stage_description(stage: type[Stage]) -> str:
    return _tr(stage.description)


def option_label(option: Option) -> str:
    """ "Fit within" for `max`; an option the table lacks by its name, spaced out."""
    if option.name in OPTION_LABELS:
        return _tr(OPTION_LABELS[option.name])
    return option.name.replace("_", " ").capitalize()


def option_help(option: Option) -> str:
    return _tr(option.help)


def choice_text(value: str) -> str:
    """A choice option's value as a menu shows it: "SHA-256" for `sha256`."""
    return _tr(CHOICES[value]) if value in CHOICES else value


def stage_summary(name: str, options: Mapping[str, object]) -> str:
    """The stage in a few words, from the options that differ from their defaults (what a
    `StageSpec` holds), for the pipeline's chips: "1600 px, JPEG", "SHA-256", "level 9"."""
    words = _summary_words(name, options)
    match = str(options.get("match", "")).strip()
    if match:
        words.append(QCoreApplication.translate("Stages", "only {globs}").format(globs=match))
    return (
        QCoreApplication.translate("Stages", ", ").join(words)
        if words
        else QCoreApplication.translate("Stages", "every file")
    )


def _summary_words(name: str, options: Mapping[str, object]) -> list[str]:
    """The stage's own options in words; `match` is added by `stage_summary`."""
    if name == "checksum":
        return [choice_text(str(options.get("algo", "sha256")))]
    if name in ("gzip", "zstd") and "level" in options:
        return [
            QCoreApplication.translate("Stages", "level {level}").format(level=options["level"])
        ]
    if name == "resize":
        box = str(options.get("max", "")).strip()
        shown = box.replace("x", "\N{MULTIPLICATION SIGN}")
        words = [
            QCoreApplication.translate("Stages", "{box} px").format(box=shown)
            if box
            else QCoreApplication.translate("Stages", "no size yet")
        ]
        if options.get("format", "keep") != "keep":
            words.append(choice_text(str(options["format"])))
        return words
    if name == "reencode":
        return [
            QCoreApplication.translate("Stages", "{source} → {target}").format(
                source=options.get("from", "auto"), target=options.get("to", "utf-8")
            )
        ]
    if name == "exec":
        command = str(options.get("cmd", "")).split()
        return [command[0] if command else QCoreApplication.translate("Stages", "no command yet")]
    return [f"{key}={value}" for key, value in options.items() if key != "match"]
