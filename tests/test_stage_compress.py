"""The gzip and zstd stages: outputs the real `gunzip` and `zstd` read back, headers, levels."""

from __future__ import annotations

import gzip
import os
import random
import shutil
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import zstandard
from helpers import Engine, MiB, assert_usage_error, copied_files, file_events, write_tree

from engine.stages import FileContext
from engine.stages.gzip import GzipStage
from engine.stages.zstd import ZstdStage

pytestmark = pytest.mark.usefixtures("backend")

TOOL_TIMEOUT_S = 60
CHINESE = "数据报告.txt"
MTIME_S = 1_600_000_000  # 2020-09-13, fits in the header's 32 bits


def noise(size: int, seed: int = 7) -> bytes:
    """Incompressible bytes, the same on every run."""
    return random.Random(seed).randbytes(size)


def text(lines: int) -> bytes:
    """Compressible but not trivially so: numbered lines of varied words."""
    rng = random.Random(3)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    return b"".join(f"{n:06d} {' '.join(rng.choices(words, k=8))}\n".encode() for n in range(lines))


SAMPLES: dict[str, bytes | str] = {
    "notes.txt": text(2000),
    "empty.txt": b"",
    "deep/down/noise.bin": noise(3 * MiB + 12345),
    "one byte": b"x",
}


def tool(
    *args: str | os.PathLike[str], cwd: Path | None = None, stdin: bytes | None = None
) -> bytes:
    """Run an external tool and return its stdout; a non-zero exit fails the test."""
    result = subprocess.run(
        [os.fspath(a) for a in args],
        input=stdin,
        capture_output=True,
        timeout=TOOL_TIMEOUT_S,
        check=False,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout


def run_ok(engine: Engine, *args: str | os.PathLike[str]) -> None:
    result = engine("run", *args)
    assert result.returncode == 0, result.stderr


def gzip_member_header(data: bytes) -> tuple[int, int, int, int, bytes]:
    """FLG, MTIME, XFL, OS and FNAME of a gzip member that has FNAME and nothing else."""
    assert data[:3] == b"\x1f\x8b\x08"
    flags, mtime, xfl, os_byte = struct.unpack("<BIBB", data[3:10])
    end = data.index(b"\0", 10)
    return flags, mtime, xfl, os_byte, data[10:end]


def context(rel: str = "dir/a.txt", mtime_ns: int = MTIME_S * 10**9) -> FileContext:
    return FileContext(rel, Path("/nowhere") / rel, 0, mtime_ns)


def test_gunzip_restores_every_gzipped_file_byte_for_byte(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, SAMPLES)
    run_ok(engine, src, dst, "--stage", "gzip")
    assert copied_files(dst) == {f"{rel}.gz" for rel in SAMPLES}
    for rel, content in SAMPLES.items():
        assert tool("gunzip", "-c", dst / f"{rel}.gz") == content, rel


def test_gzip_output_keeps_the_source_mtime_on_disk(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "hello\n"})
    os.utime(src / "a.txt", (MTIME_S, MTIME_S))
    run_ok(engine, src, dst, "--stage", "gzip")
    assert (dst / "a.txt.gz").stat().st_mtime == MTIME_S


@pytest.mark.parametrize("name", ["report.txt", CHINESE])
def test_gzip_header_holds_the_original_name_and_source_mtime(
    engine: Engine, src: Path, dst: Path, name: str
) -> None:
    write_tree(src, {f"sub/{name}": text(50)})
    os.utime(src / "sub" / name, (MTIME_S, MTIME_S))
    run_ok(engine, src, dst, "--stage", "gzip")
    flags, mtime, xfl, os_byte, fname = gzip_member_header(
        (dst / "sub" / f"{name}.gz").read_bytes()
    )
    assert flags == 0x08  # FNAME only
    assert fname == os.fsencode(name)
    assert mtime == MTIME_S
    assert (xfl, os_byte) == (0, 3)  # default level 6, Unix


def test_gzip_after_another_renaming_stage_records_the_name_it_was_given(
    engine: Engine, src: Path, dst: Path
) -> None:
    """gunzip -N must restore `a.txt.zst`, the zstd data, not pretend it is `a.txt`."""
    write_tree(src, {"a.txt": text(50)})
    run_ok(engine, src, dst, "--stage", "zstd", "--stage", "gzip")
    fname = gzip_member_header((dst / "a.txt.zst.gz").read_bytes())[4]
    assert fname == b"a.txt.zst"


def test_gunzip_dash_n_restores_a_chinese_name_and_the_mtime(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {CHINESE: text(100)})
    os.utime(src / CHINESE, (MTIME_S, MTIME_S))
    run_ok(engine, src, dst, "--stage", "gzip")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(dst / f"{CHINESE}.gz", elsewhere / "renamed.gz")
    tool("gunzip", "-N", "renamed.gz", cwd=elsewhere)
    restored = elsewhere / CHINESE
    assert restored.read_bytes() == (src / CHINESE).read_bytes()
    assert restored.stat().st_mtime == MTIME_S
    assert not (elsewhere / "renamed").exists()


def test_gzip_level_9_makes_smaller_files_than_level_1(
    engine: Engine, src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"log.txt": text(20_000)})
    run_ok(engine, src, tmp_path / "fast", "--stage", "gzip:level=1")
    run_ok(engine, src, tmp_path / "best", "--stage", "gzip:level=9")
    fast = (tmp_path / "fast" / "log.txt.gz").read_bytes()
    best = (tmp_path / "best" / "log.txt.gz").read_bytes()
    assert len(best) < len(fast)
    assert gzip_member_header(fast)[2] == 4  # XFL: fastest
    assert gzip_member_header(best)[2] == 2  # XFL: maximum compression
    assert gzip.decompress(fast) == gzip.decompress(best) == (src / "log.txt").read_bytes()


def test_zstd_cli_restores_every_compressed_file_byte_for_byte(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, SAMPLES)
    run_ok(engine, src, dst, "--stage", "zstd")
    assert copied_files(dst) == {f"{rel}.zst" for rel in SAMPLES}
    for rel, content in SAMPLES.items():
        assert tool("zstd", "-q", "-d", "-c", dst / f"{rel}.zst") == content, rel


def test_zstd_level_19_makes_smaller_files_than_level_1(
    engine: Engine, src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"log.txt": text(20_000)})
    run_ok(engine, src, tmp_path / "fast", "--stage", "zstd:level=1")
    run_ok(engine, src, tmp_path / "best", "--stage", "zstd:level=19")
    fast = (tmp_path / "fast" / "log.txt.zst").stat().st_size
    best = tool("zstd", "-q", "-d", "-c", tmp_path / "best" / "log.txt.zst")
    assert (tmp_path / "best" / "log.txt.zst").stat().st_size < fast
    assert best == (src / "log.txt").read_bytes()


def test_match_compresses_only_matching_files_and_copies_the_rest(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": text(10), "b.bin": noise(1000), "sub/c.txt": "c\n", "sub/d.md": "d"})
    run_ok(engine, src, dst, "--stage", "gzip:match=*.txt")
    assert copied_files(dst) == {"a.txt.gz", "b.bin", "sub/c.txt.gz", "sub/d.md"}
    assert (dst / "b.bin").read_bytes() == (src / "b.bin").read_bytes()
    assert (dst / "sub/d.md").read_bytes() == b"d"
    assert tool("gunzip", "-c", dst / "sub/c.txt.gz") == b"c\n"


def test_files_already_named_gz_or_tgz_are_copied_not_compressed_again(
    engine: Engine, src: Path, dst: Path
) -> None:
    packed = gzip.compress(b"inner")
    write_tree(src, {"a.txt": "a", "old.log.gz": packed, "bundle.tgz": packed})
    run_ok(engine, src, dst, "--stage", "gzip")
    assert copied_files(dst) == {"a.txt.gz", "old.log.gz", "bundle.tgz"}
    assert (dst / "old.log.gz").read_bytes() == packed
    assert (dst / "bundle.tgz").read_bytes() == packed


def test_force_compresses_files_already_named_gz_again(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"old.log.gz": gzip.compress(b"inner")})
    run_ok(engine, src, dst, "--stage", "gzip:force=yes")
    assert copied_files(dst) == {"old.log.gz.gz"}
    once = tool("gunzip", "-c", dst / "old.log.gz.gz")
    assert tool("gunzip", "-c", stdin=once) == b"inner"


def test_chained_gzip_then_zstd_decompresses_back_to_the_source(
    engine: Engine, src: Path, dst: Path
) -> None:
    content = text(500)
    write_tree(src, {"a.txt": content})
    run_ok(engine, src, dst, "--stage", "gzip", "--stage", "zstd")
    assert copied_files(dst) == {"a.txt.gz.zst"}
    packed = dst / "a.txt.gz.zst"
    with zstandard.ZstdDecompressor().stream_reader(packed.open("rb")) as reader:
        assert gzip.decompress(reader.read()) == content
    gunzipped = tool("gunzip", "-c", stdin=tool("zstd", "-q", "-d", "-c", packed))
    assert gunzipped == content


def test_a_second_run_skips_compressed_outputs_as_unchanged(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": text(10)})
    run_ok(engine, src, dst, "--stage", "gzip")
    again = engine("run", src, dst, "--stage", "gzip", "--json")
    assert again.returncode == 0, again.stderr
    event = file_events(again)["a.txt"]
    assert (event["status"], event["reason"], event["output"]) == (
        "skipped",
        "unchanged",
        "a.txt.gz",
    )


@pytest.mark.parametrize(
    ("stage", "hint"),
    [
        ("gzip:level=0", "option 'level' of stage 'gzip' must be between 1 and 9"),
        ("gzip:level=12", "option 'level' of stage 'gzip' must be between 1 and 9"),
        ("zstd:level=30", "option 'level' of stage 'zstd' must be between 1 and 22"),
    ],
)
def test_out_of_range_level_is_a_usage_error_naming_stage_option_and_range(
    engine: Engine, src: Path, dst: Path, stage: str, hint: str
) -> None:
    write_tree(src, {"a.txt": "a"})
    assert_usage_error(engine("run", src, dst, "--stage", stage), hint)
    assert not dst.exists()


def test_engine_stages_lists_gzip_and_zstd_with_their_levels(engine: Engine) -> None:
    listing = engine("stages")
    assert listing.returncode == 0, listing.stderr
    assert "gzip: Compress each file to NAME.gz" in listing.stdout
    assert "level=int 1..9, default 6" in listing.stdout
    assert "force=bool, default false" in listing.stdout
    assert "zstd: Compress each file to NAME.zst" in listing.stdout
    assert "level=int 1..22, default 3" in listing.stdout


def test_gzip_transform_of_chunks_decompresses_to_their_concatenation() -> None:
    chunks = [b"first chunk\n", b"", noise(70_000), text(300), b"last"]
    out = b"".join(GzipStage().transform(iter(chunks), context()))
    assert gzip.decompress(out) == b"".join(chunks)
    assert gzip_member_header(out)[4] == b"a.txt"


def test_gzip_transform_of_no_chunks_is_a_valid_empty_member() -> None:
    out = b"".join(GzipStage().transform(iter([]), context()))
    assert gzip.decompress(out) == b""
    assert out[-8:] == b"\0" * 8  # CRC32 and ISIZE of nothing


@pytest.mark.parametrize("seconds", [-1, 1 << 32])
def test_gzip_header_stores_zero_for_an_mtime_outside_32_bits(seconds: int) -> None:
    out = b"".join(GzipStage().transform(iter([b"x"]), context(mtime_ns=seconds * 10**9)))
    assert gzip_member_header(out)[1] == 0


@pytest.mark.parametrize("stage", [GzipStage(), ZstdStage()], ids=["gzip", "zstd"])
def test_compression_yields_output_before_the_input_runs_out(stage: GzipStage | ZstdStage) -> None:
    consumed = 0

    def source() -> Iterator[bytes]:
        nonlocal consumed
        for n in range(8):
            consumed += 1
            yield noise(MiB, seed=n)

    produced = 0
    for piece in stage.transform(source(), context()):
        produced += len(piece)
        if produced > MiB:
            break
    assert consumed < 8
