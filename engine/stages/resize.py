"""Shrink images to fit a bounding box (photos for the web, previews), optionally re-encoding.

Pillow needs the whole file to decode, so the input is spooled (in memory up to a few MiB,
then to disk); the pixel count is checked from the header before anything is decoded, so a
decompression bomb fails its file instead of exhausting the worker's memory.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import struct
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from typing import IO, Any

from PIL import Image, ImageSequence, UnidentifiedImageError, features

from engine.errors import JobError, StageError
from engine.stages.base import FileContext, Option, Stage

SPOOL_BYTES = 8 << 20
"""Input and output images stay in memory up to this size, then spill to a temporary file."""
CHUNK = 1 << 20

FORMATS: dict[str, tuple[str, str]] = {
    "jpeg": ("JPEG", ".jpg"),
    "png": ("PNG", ".png"),
    "webp": ("WEBP", ".webp"),
}
"""Format option -> (Pillow format name, extension given to the output)."""
SAME_FORMAT_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "jpeg": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "png": (".png",),
    "webp": (".webp",),
}
"""Names that already say the target format keep their extension (`IMG_1.JPEG` stays)."""
FORMAT_CHOICES: tuple[str, ...] = ("keep", "jpeg", "png") + (
    ("webp",) if features.check("webp") else ()
)
EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff")
ANIMATED_FORMATS = frozenset({"GIF", "PNG", "WEBP", "TIFF"})
"""Formats Pillow writes with all their frames (`save_all`)."""
TIFF_COMPRESSIONS = frozenset({"raw", "packbits", "tiff_lzw", "tiff_deflate", "tiff_adobe_deflate"})
MAX_EXIF_IN_JPEG = 65_000
"""EXIF must fit one JPEG APP1 segment; a larger block is dropped rather than fail the file."""
ORIENTATION = 0x0112
SWAPS_SIDES = frozenset({5, 6, 7, 8})
"""EXIF orientations that turn the stored image a quarter turn."""
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
ALPHA_MODES = frozenset({"RGBA", "LA", "PA", "RGBa", "La"})
DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, IndexError, struct.error)
"""What Pillow raises for a truncated or corrupt file (OSError with no errno)."""
_BOX = re.compile(r"\s*(\d+)\s*(?:[xX]\s*(\d+)\s*)?")


class _PassThrough(Exception):
    """The file is left as it is; the message says why."""


class ResizeStage(Stage):
    name = "resize"
    description = "Shrink images to fit within a box, keeping their shape; optionally re-encode."
    example = "resize:max=1920x1080,format=jpeg,quality=80"
    default_match = (
        ";".join(f"*.{ext}" for ext in EXTENSIONS)
        + ";"
        + ";".join(f"*.{ext.upper()}" for ext in EXTENSIONS)
    )
    renames = True
    declared_options = (
        Option(
            "max",
            "text",
            "",
            "Required: the box to fit in, WIDTHxHEIGHT or N for NxN. Smaller images are not "
            "enlarged; upright ones already in the target format are copied byte for byte.",
        ),
        Option(
            "format",
            "choice",
            "keep",
            "Format to write; 'keep' writes each image in its own format and keeps its name.",
            choices=FORMAT_CHOICES,
        ),
        Option("quality", "int", 85, "JPEG and WebP quality.", minimum=1, maximum=100),
        Option(
            "max_pixels",
            "int",
            100_000_000,
            "Images with more pixels fail unread (protects memory against decompression bombs).",
            minimum=1,
        ),
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self.box = parse_box(self.options["max"])

    def output_name(self, rel: str) -> str:
        target = self.options["format"]
        if target == "keep":
            return rel
        stem, ext = posixpath.splitext(rel)
        if ext.lower() in SAME_FORMAT_EXTENSIONS[target]:
            return rel
        return stem + FORMATS[target][1]

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as source:
            for chunk in chunks:
                source.write(chunk)
            source.seek(0)
            try:
                encoded = self._resize(source, ctx)
            except _PassThrough as why:
                ctx.pass_through(self.name, str(why))
                source.seek(0)
                yield from _read_chunks(source)
                return
            if encoded is None:  # already fits, upright, in the format asked for
                source.seek(0)
                yield from _read_chunks(source)
                return
            with encoded:
                encoded.seek(0)
                yield from _read_chunks(encoded)

    def _resize(self, source: IO[bytes], ctx: FileContext) -> IO[bytes] | None:
        """Decode, orient, shrink and encode one image into a new spooled file; None when
        the image needs none of that, so its bytes are copied without a lossy re-encode."""
        limit = self.options["max_pixels"]
        try:
            with _pillow_pixel_limit(None):
                image = Image.open(source)
        except UnidentifiedImageError:
            raise _PassThrough(
                "resize left this file unchanged: it is not an image Pillow can read"
            ) from None
        except DECODE_ERRORS as exc:
            _reraise_os_error(exc)
            raise StageError(f"cannot read the image header: {exc}") from None
        with image:
            width, height = image.size
            if width * height > limit:
                raise StageError(
                    f"the image is {width}x{height} = {width * height:,} pixels, over the "
                    f"limit of {limit:,} (option max_pixels); not decoded, as a possible "
                    "decompression bomb"
                )
            target = self._target_format(image)
            try:
                with _pillow_pixel_limit(limit):
                    # Pillow turns TIFF images upright itself as it loads them.
                    orientation = (
                        1 if image.format == "TIFF" else image.getexif().get(ORIENTATION, 1)
                    )
                    if orientation == 1 and self._fits_as_is(image, target):
                        return None
                    frames, info = self._frames(image, target, orientation, ctx)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                raise StageError(f"refused as a possible decompression bomb: {exc}") from None
            except MemoryError:
                raise StageError("not enough memory to decode the image") from None
            except DECODE_ERRORS as exc:
                _reraise_os_error(exc)
                raise StageError(
                    f"cannot decode the image (truncated or corrupt?): {exc}"
                ) from None
            return self._encode(frames, info, target)  # before closing: frames may share it

    def _target_format(self, image: Image.Image) -> str:
        choice = self.options["format"]
        if choice != "keep":
            return FORMATS[choice][0]
        found = "JPEG" if image.format == "MPO" else image.format or ""
        Image.init()
        if found.upper() not in Image.SAVE:
            raise _PassThrough(
                f"resize left this file unchanged: Pillow reads {found or 'this'} images "
                "but cannot write them (choose a format)"
            )
        return found

    def _fits_as_is(self, image: Image.Image, target: str) -> bool:
        source = "JPEG" if image.format == "MPO" else image.format
        pages_may_differ = image.format == "TIFF" and getattr(image, "n_frames", 1) > 1
        width, height = image.size
        return (
            source == target
            and not pages_may_differ
            and width <= self.box[0]
            and height <= self.box[1]
        )

    def _frames(
        self, image: Image.Image, target: str, orientation: int, ctx: FileContext
    ) -> tuple[list[Image.Image], dict[str, Any]]:
        """The oriented, shrunken frames (one unless animated) and what to save with them."""
        box = self.box[::-1] if orientation in SWAPS_SIDES else self.box
        info: dict[str, Any] = {
            key: image.info[key]
            for key in ("icc_profile", "loop", "compression")
            if key in image.info
        }
        source_mode = image.mode
        frame_count = getattr(image, "n_frames", 1)
        if frame_count > 1 and target not in ANIMATED_FORMATS and image.format != "MPO":
            ctx.warnings.append(
                f"resize kept only the first of {frame_count} frames: {target} holds one image"
            )
        if frame_count > 1 and target in ANIMATED_FORMATS:
            frames, durations = [], []
            budget = self.options["max_pixels"]
            for frame in ImageSequence.Iterator(image):
                durations.append(frame.info.get("duration", 100))
                shrunk = _shrinkable(frame.copy())
                shrunk.thumbnail(box, Image.Resampling.LANCZOS)
                frames.append(_orient(shrunk, orientation))
                budget -= shrunk.width * shrunk.height
                if budget < 0:
                    raise StageError(
                        f"the animation holds more than {self.options['max_pixels']:,} pixels "
                        "across its frames even after resizing (option max_pixels)"
                    )
            info["duration"] = durations
        else:
            image = _shrinkable(image)
            image.thumbnail(box, Image.Resampling.LANCZOS)  # JPEG: decodes at a reduced scale
            frames = [_orient(image, orientation)]
        exif = _exif_without_orientation(image.info.get("exif"), orientation)
        if exif:
            info["exif"] = exif
        frames = [_fit_mode(frame, target) for frame in frames]
        if _colour_space(frames[0].mode) != _colour_space(source_mode):
            info.pop("icc_profile", None)  # a CMYK or grey profile no longer describes the pixels
        return frames, info

    def _encode(self, frames: list[Image.Image], info: dict[str, Any], target: str) -> IO[bytes]:
        params: dict[str, Any] = {}
        if info.get("icc_profile") and target in ("JPEG", "PNG", "WEBP", "TIFF"):
            params["icc_profile"] = info["icc_profile"]
        exif = info.get("exif", b"")
        fits = target != "JPEG" or len(exif) <= MAX_EXIF_IN_JPEG
        if exif and fits and target in ("JPEG", "PNG", "WEBP", "TIFF"):
            params["exif"] = exif
        if target in ("JPEG", "WEBP"):
            params["quality"] = self.options["quality"]
        if target == "JPEG":
            params["optimize"] = True
        if target == "TIFF" and info.get("compression") in TIFF_COMPRESSIONS:
            params["compression"] = info["compression"]
        if len(frames) > 1:
            params.update(save_all=True, append_images=frames[1:], duration=info["duration"])
            if "loop" in info:
                params["loop"] = info["loop"]
        elif target == "GIF" and "loop" in info:
            params["loop"] = info["loop"]
        output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (caller closes)
        try:
            frames[0].save(output, target, **params)
        except BaseException as exc:
            output.close()
            if isinstance(exc, DECODE_ERRORS):
                _reraise_os_error(exc)
                raise StageError(f"cannot write the image as {target}: {exc}") from None
            raise
        return output


def parse_box(text: str) -> tuple[int, int]:
    """`1920x1080` -> (1920, 1080); `800` -> (800, 800)."""
    found = _BOX.fullmatch(text)
    if not text.strip():
        raise JobError(
            "stage 'resize' needs option 'max': WIDTHxHEIGHT or N, like max=1920x1080 or max=800"
        )
    width, height = (int(found[1]), int(found[2] or found[1])) if found else (0, 0)
    if width < 1 or height < 1:
        raise JobError(
            "option 'max' of stage 'resize' must be WIDTHxHEIGHT or N, like 1920x1080 or 800, "
            f"with sides of at least 1, not '{text}'"
        )
    return width, height


@contextlib.contextmanager
def _pillow_pixel_limit(limit: int | None) -> Iterator[None]:
    """Pillow's own bomb check uses this limit, and its warning fails the file.

    Workers are single-threaded processes, so changing Pillow's global for a moment is safe.
    """
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _reraise_os_error(exc: BaseException) -> None:
    """A real OS error (disk full in the spool) stays one; Pillow's decode errors have no errno."""
    if isinstance(exc, OSError) and exc.errno is not None:
        raise exc


def _exif_without_orientation(exif: bytes | None, orientation: int) -> bytes:
    """The source's EXIF block (JPEG, PNG, WebP), less the orientation now applied to pixels."""
    if not exif or orientation == 1:
        return exif or b""
    parsed = Image.Exif()
    parsed.load(exif)
    parsed.pop(ORIENTATION, None)
    return parsed.tobytes()


def _shrinkable(image: Image.Image) -> Image.Image:
    """Palette and 1-bit images resize only by nearest neighbour: widen them first."""
    if image.mode == "P":
        return image.convert("RGBA" if image.has_transparency_data else "RGB")
    if image.mode == "1":
        return image.convert("L")
    return image


def _orient(image: Image.Image, orientation: int) -> Image.Image:
    method = TRANSPOSE.get(orientation)
    return image if method is None else image.transpose(method)


def _fit_mode(image: Image.Image, target: str) -> Image.Image:
    """Convert to a mode the target format can store; transparency is flattened onto white
    for JPEG, which has none."""
    alpha = image.mode in ALPHA_MODES or image.has_transparency_data
    if target == "JPEG":
        if image.mode in ("RGB", "L", "CMYK"):
            return image
        if alpha:
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return image.convert("RGB")
    if target == "WEBP" and image.mode not in ("RGB", "RGBA"):
        return image.convert("RGBA" if alpha else "RGB")
    if target == "PNG" and image.mode not in ("1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"):
        return image.convert("RGBA" if alpha else "RGB")
    return image


def _colour_space(mode: str) -> str:
    if mode == "CMYK":
        return "CMYK"
    if mode in ("1", "L", "LA", "La", "I", "I;16", "F"):
        return "L"
    return "RGB"


def _read_chunks(file: IO[bytes]) -> Iterator[bytes]:
    while chunk := file.read(CHUNK):
        yield chunk
