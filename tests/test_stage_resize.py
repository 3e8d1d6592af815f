"""The resize stage: images shrink into a box, re-encode on request, bad files stay contained."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from helpers import Engine, assert_usage_error, file_events, json_events, summary_of, write_tree
from PIL import Image, ImageCms

from engine.stages.resize import FORMAT_CHOICES


def image_bytes(
    size: tuple[int, int], fmt: str, mode: str = "RGB", color: Any = (200, 30, 30), **save: Any
) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def noisy_jpeg(size: tuple[int, int]) -> bytes:
    """A photo-like JPEG (random pixels), whose encoded size depends on the quality."""
    out = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(out, "JPEG", quality=95)
    return out.getvalue()


def bilevel_png(width: int, height: int) -> bytes:
    """A 1-bit all-black PNG written by hand: huge in pixels, tiny on disk, instant to make."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = zlib.compress(b"\0" * ((width + 7) // 8 + 1) * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def opened(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def statuses(result: Any) -> dict[str, str]:
    return {path: event["status"] for path, event in file_events(result).items()}


def run_resize(engine: Engine, src: Path, dst: Path, options: str) -> Any:
    return engine("run", src, dst, "-w", "1", "--stage", f"resize:{options}", "--json")


def run_ok(engine: Engine, src: Path, dst: Path, options: str) -> Any:
    result = run_resize(engine, src, dst, options)
    assert result.returncode == 0, result.stderr
    return result


def test_a_jpeg_shrinks_to_fit_a_square_box_keeping_its_aspect(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.jpg": image_bytes((400, 300), "JPEG")})
    run_ok(engine, src, dst, "max=200")
    image = opened(dst / "a.jpg")
    assert (image.format, image.size) == ("JPEG", (200, 150))


def test_a_png_shrinks_to_fit_a_width_by_height_box(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"wide.png": image_bytes((300, 150), "PNG")})
    run_ok(engine, src, dst, "max=100x100")
    image = opened(dst / "wide.png")
    assert (image.format, image.size) == ("PNG", (100, 50))


def test_an_image_already_inside_the_box_is_not_enlarged(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"small.png": image_bytes((120, 80), "PNG")})
    run_ok(engine, src, dst, "max=1000,format=jpeg")
    assert opened(dst / "small.jpg").size == (120, 80)


def test_an_upright_image_inside_the_box_in_its_format_is_copied_byte_for_byte(
    engine: Engine, src: Path, dst: Path
) -> None:
    photo = noisy_jpeg((120, 80))
    write_tree(src, {"small.jpg": photo, "SMALL.JPEG": photo})
    run_ok(engine, src, dst, "max=1000,format=jpeg,quality=10")
    assert (dst / "small.jpg").read_bytes() == photo
    assert (dst / "SMALL.JPEG").read_bytes() == photo


def test_format_png_turns_a_jpeg_into_a_png_named_dot_png(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.jpg": image_bytes((400, 300), "JPEG")})
    result = run_ok(engine, src, dst, "max=200,format=png")
    assert not (dst / "a.jpg").exists()
    image = opened(dst / "a.png")
    assert (image.format, image.size) == ("PNG", (200, 150))
    assert file_events(result)["a.jpg"]["output"] == "a.png"


@pytest.mark.skipif("webp" not in FORMAT_CHOICES, reason="this Pillow cannot write WebP")
def test_format_webp_turns_a_jpeg_into_a_webp_named_dot_webp(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"photos/a.jpg": image_bytes((400, 300), "JPEG")})
    run_ok(engine, src, dst, "max=200,format=webp")
    image = opened(dst / "photos/a.webp")
    assert (image.format, image.size) == ("WEBP", (200, 150))


def test_format_jpeg_flattens_a_transparent_png_onto_white(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"logo.png": image_bytes((100, 100), "PNG", "RGBA", (0, 0, 0, 0))})
    run_ok(engine, src, dst, "max=50,format=jpeg")
    image = opened(dst / "logo.jpg")
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (50, 50))
    assert min(image.getpixel((25, 25))) > 245  # white, not black


def test_exif_orientation_is_applied_so_the_output_stands_upright(
    engine: Engine, src: Path, dst: Path
) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: viewers turn it a quarter to the right
    stored = Image.new("RGB", (400, 200), "blue")
    stored.paste((255, 0, 0), (0, 0, 200, 200))  # left half red
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    write_tree(src, {"sideways.jpg": out.getvalue()})
    run_ok(engine, src, dst, "max=400")
    image = opened(dst / "sideways.jpg")
    assert image.size == (200, 400)
    assert image.getexif().get(0x0112, 1) == 1
    red, _green, blue = image.getpixel((100, 50))  # the stored left half is now on top
    assert red > 200 and blue < 60


def test_a_lower_quality_makes_a_smaller_jpeg(engine: Engine, src: Path, tmp_path: Path) -> None:
    write_tree(src, {"noise.jpg": noisy_jpeg((400, 400))})
    sizes = {}
    for quality in (20, 95):
        dst = tmp_path / f"q{quality}"
        run_ok(engine, src, dst, f"max=300,quality={quality}")
        assert opened(dst / "noise.jpg").size == (300, 300)
        sizes[quality] = (dst / "noise.jpg").stat().st_size
    assert sizes[20] < sizes[95] * 0.6


def test_the_icc_profile_is_kept(engine: Engine, src: Path, dst: Path) -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    write_tree(src, {"a.jpg": image_bytes((400, 300), "JPEG", icc_profile=profile)})
    run_ok(engine, src, dst, "max=100,format=png")
    assert opened(dst / "a.png").info.get("icc_profile") == profile


def test_an_animated_gif_keeps_all_its_frames(engine: Engine, src: Path, dst: Path) -> None:
    frames = [Image.new("RGB", (200, 100), color) for color in ("red", "lime", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)
    write_tree(src, {"spin.gif": out.getvalue()})
    run_ok(engine, src, dst, "max=50")
    image = Image.open(dst / "spin.gif")
    assert (image.size, image.n_frames, image.info.get("loop")) == ((50, 25), 3, 0)


def test_a_text_file_named_like_an_image_passes_through_with_a_warning(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"fake.jpg": "not an image at all\n"})
    result = run_ok(engine, src, dst, "max=100,format=png")
    assert (dst / "fake.jpg").read_bytes() == b"not an image at all\n"
    assert not (dst / "fake.png").exists()
    assert statuses(result) == {"fake.jpg": "done"}
    assert "output" not in file_events(result)["fake.jpg"]
    warnings = [e for e in json_events(result) if e["event"] == "log" and e["level"] == "warning"]
    assert [w["path"] for w in warnings] == ["fake.jpg"]
    assert "not an image" in warnings[0]["message"]


def test_a_truncated_jpeg_fails_alone(engine: Engine, src: Path, dst: Path) -> None:
    whole = noisy_jpeg((400, 300))
    write_tree(src, {"cut.jpg": whole[: len(whole) // 2], "good.jpg": whole})
    result = run_resize(engine, src, dst, "max=100")
    assert result.returncode == 1, result.stderr
    assert statuses(result) == {"cut.jpg": "failed", "good.jpg": "done"}
    assert "truncated" in file_events(result)["cut.jpg"]["error"]
    assert opened(dst / "good.jpg").size == (100, 75)
    assert not (dst / "cut.jpg").exists()


def test_a_decompression_bomb_fails_alone_before_it_is_decoded(
    engine: Engine, src: Path, dst: Path
) -> None:
    bomb = bilevel_png(20000, 20000)  # 400 million pixels in a few kB
    assert len(bomb) < 200_000
    write_tree(src, {"bomb.png": bomb, "fine.png": image_bytes((300, 150), "PNG")})
    result = run_resize(engine, src, dst, "max=100")
    assert result.returncode == 1, result.stderr
    assert statuses(result) == {"bomb.png": "failed", "fine.png": "done"}
    error = file_events(result)["bomb.png"]["error"]
    assert "20000x20000" in error and "400,000,000" in error and "100,000,000" in error
    assert summary_of(result)["files_failed"] == 1


def test_max_pixels_lowers_the_limit(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"big.png": image_bytes((300, 200), "PNG")})
    result = run_resize(engine, src, dst, "max=100,max_pixels=50000")
    assert result.returncode == 1, result.stderr
    assert "50,000 (option max_pixels)" in file_events(result)["big.png"]["error"]


def test_files_outside_the_default_image_globs_are_copied_unchanged(
    engine: Engine, src: Path, dst: Path
) -> None:
    png = image_bytes((300, 150), "PNG")
    write_tree(src, {"notes.txt": "hello\n", "raw.png.bak": png, "UPPER.PNG": png})
    run_ok(engine, src, dst, "max=100,format=jpeg")
    assert (dst / "notes.txt").read_bytes() == b"hello\n"
    assert (dst / "raw.png.bak").read_bytes() == png
    assert opened(dst / "UPPER.jpg").size == (100, 50)


@pytest.mark.parametrize(
    ("option", "hint"),
    [
        ("max=big", "option 'max' of stage 'resize' must be WIDTHxHEIGHT or N"),
        ("max=0x100", "option 'max' of stage 'resize'"),
        ("format=gif", "option 'format' of stage 'resize' must be one of keep, jpeg, png"),
        ("quality=0", "option 'quality' of stage 'resize' must be between 1 and 100"),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(
    engine: Engine, src: Path, dst: Path, option: str, hint: str
) -> None:
    write_tree(src, {"a.jpg": image_bytes((40, 30), "JPEG")})
    extra = "" if option.startswith("max=") else "max=100,"
    result = engine("run", src, dst, "--stage", f"resize:{extra}{option}")
    assert_usage_error(result, hint)
    assert not dst.exists()


def test_max_is_required(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.jpg": image_bytes((40, 30), "JPEG")})
    result = engine("run", src, dst, "--stage", "resize")
    assert_usage_error(result, "stage 'resize' needs option 'max'")
    assert not dst.exists()
