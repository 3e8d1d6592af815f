# ruff: noqa: RUF001  (real Chinese text: its full-width commas are meant)
"""The `reencode` stage: legacy and UTF-16 text to UTF-8 (or another codec), newline rewriting,
binary files left alone, and per-file failures that name the codec and where it broke."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from helpers import Engine, MiB, assert_usage_error, file_events, write_tree

from engine.errors import StageError
from engine.stages.base import FileContext
from engine.stages.reencode import ReencodeStage

SIMPLIFIED = """\
春天来了，城市公园里的樱花一夜之间全部开放，吸引了许多市民前来赏花拍照。
早上七点，老人们已经在湖边打太极拳，孩子们则在草地上放风筝。
这家小面馆开了三十多年，老板每天凌晨四点起床和面，坚持手工制作。
今年的粮食产量比去年增长了百分之五，农民的收入也随之提高。
图书馆新增了一个阅读区，专门为中小学生提供科普读物和历史故事。
他在大学里学习计算机科学，毕业后希望回到家乡创办一家软件公司。
昨天下午突然下起了大雨，很多人没有带伞，只好躲在商店门口避雨。
这座古老的桥梁已有八百年的历史，至今仍然可以通行车辆。
医生提醒大家，冬季要注意保暖，多喝热水，适当进行体育锻炼。
火车站的候车大厅里人来人往，广播里不断播报列车到站的信息。
她用了整整一个夏天的时间，把祖母留下的旧信件整理成一本小书。
博物馆展出了一批出土文物，包括青铜器、陶瓷和丝绸织品。
为了保护环境，小区开始实行垃圾分类，居民们积极配合。
山顶的风景非常壮观，远处的云海在阳光下闪闪发光。
我们计划下个月去西安旅行，参观兵马俑和古城墙。
这位作家的新小说讲述了一个普通家庭三代人的命运变迁。
每逢中秋节，家家户户都会团聚在一起，吃月饼，赏月亮。
市场上的蔬菜水果种类丰富，价格也比较实惠。
工程师们经过反复试验，终于解决了发动机过热的问题。
学校组织学生参加志愿服务，到养老院陪伴老人聊天。
"""

TRADITIONAL = """\
臺北的夜市總是熱鬧非凡，小吃攤位一個接著一個，香氣四溢。
清晨的山路上霧氣瀰漫，登山客們三三兩兩地向峰頂前進。
這間書店已經營業五十年，架上擺滿了舊書與珍貴的古籍。
颱風過後，鄉親們一起清理街道，很快就恢復了正常生活。
他從小喜歡畫畫，長大後成為一位著名的插畫家。
博物館裡收藏了許多精美的瓷器、書法與繪畫作品。
每年春節，遠在外地工作的人們都會趕回家與親人團聚。
這條老街保留了傳統的紅磚建築，吸引許多遊客前來參觀。
醫院的護理人員日夜輪班，細心照顧每一位病人。
我們在海邊看日出，太陽慢慢從海平面升起，天空變成金黃色。
學生們在圖書館裡認真讀書，準備下個月的期末考試。
農夫們趁著好天氣收割稻穀，田野裡一片忙碌的景象。
這部電影講述了一個關於友情與勇氣的感人故事。
老師鼓勵大家多閱讀課外書籍，培養獨立思考的能力。
火車穿過長長的隧道，窗外的風景忽然變得開闊起來。
"""

MIXED_NEWLINES = "第一行\r\n第二行\n第三行\r第四行\r\n\r\n最后一行"
"""CRLF, LF, a lone CR, an empty CRLF line and no newline at the end."""


def reencode(engine: Engine, src: Path, dst: Path, stage: str = "reencode") -> dict[str, dict]:
    result = engine("run", src, dst, "-w", "1", "--stage", stage, "--json")
    assert result.returncode in (0, 1), result.stderr
    return file_events(result)


def run_stage(stage: ReencodeStage, chunks: list[bytes]) -> tuple[bytes, FileContext]:
    ctx = FileContext("t.txt", Path("t.txt"), sum(map(len, chunks)), 0)
    return b"".join(stage.transform(iter(chunks), ctx)), ctx


def test_gb18030_chinese_text_becomes_the_same_text_in_utf8(
    engine: Engine, src: Path, dst: Path
) -> None:
    text = SIMPLIFIED * 3
    write_tree(src, {"notes.txt": text.encode("gb18030")})
    events = reencode(engine, src, dst)
    assert events["notes.txt"]["status"] == "done"
    assert (dst / "notes.txt").read_bytes() == text.encode("utf-8")


def test_big5_traditional_chinese_text_becomes_the_same_text_in_utf8(
    engine: Engine, src: Path, dst: Path
) -> None:
    text = TRADITIONAL * 3
    write_tree(src, {"story.txt": text.encode("big5")})
    events = reencode(engine, src, dst)
    assert events["story.txt"]["status"] == "done"
    assert (dst / "story.txt").read_bytes() == text.encode("utf-8")


def test_utf16_text_with_a_bom_becomes_utf8_without_the_bom(
    engine: Engine, src: Path, dst: Path
) -> None:
    """Little- and big-endian, each told apart by its byte-order mark alone."""
    text = SIMPLIFIED + "plain ASCII line\r\n"
    le = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    be = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    write_tree(src, {"le.txt": le, "be.txt": be})
    events = reencode(engine, src, dst)
    assert events["le.txt"]["status"] == events["be.txt"]["status"] == "done"
    assert (dst / "le.txt").read_bytes() == text.encode("utf-8")
    assert (dst / "be.txt").read_bytes() == text.encode("utf-8")


def test_a_utf8_bom_is_not_copied_to_utf8_output(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"bom.txt": codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")})
    reencode(engine, src, dst)
    assert (dst / "bom.txt").read_bytes() == SIMPLIFIED.encode("utf-8")


def test_to_utf8_sig_writes_exactly_one_bom(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": codecs.BOM_UTF8 + b"hello\n", "b.txt": SIMPLIFIED.encode("gbk")})
    reencode(engine, src, dst, "reencode:to=utf-8-sig")
    assert (dst / "a.txt").read_bytes() == codecs.BOM_UTF8 + b"hello\n"
    assert (dst / "b.txt").read_bytes() == codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")


def test_an_explicit_from_gbk_decodes_gbk_text(engine: Engine, src: Path, dst: Path) -> None:
    text = "短句。\n"  # too short to detect reliably: the option decides
    write_tree(src, {"short.txt": text.encode("gbk")})
    events = reencode(engine, src, dst, "reencode:from=gbk")
    assert events["short.txt"]["status"] == "done"
    assert (dst / "short.txt").read_text(encoding="utf-8") == text


def test_newline_lf_turns_crlf_and_lone_cr_into_lf(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"mixed.txt": MIXED_NEWLINES.encode("gb18030")})
    reencode(engine, src, dst, "reencode:from=gb18030,newline=lf")
    expected = "第一行\n第二行\n第三行\n第四行\n\n最后一行"
    assert (dst / "mixed.txt").read_bytes() == expected.encode("utf-8")


def test_newline_crlf_ends_every_line_with_crlf(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"mixed.txt": MIXED_NEWLINES.encode("utf-8")})
    reencode(engine, src, dst, "reencode:newline=crlf")
    expected = "第一行\r\n第二行\r\n第三行\r\n第四行\r\n\r\n最后一行"
    assert (dst / "mixed.txt").read_bytes() == expected.encode("utf-8")


@pytest.mark.parametrize(("mode", "ending"), [("lf", b"\n"), ("crlf", b"\r\n")])
def test_a_crlf_straddling_the_1_mib_chunk_boundary_stays_one_line_ending(
    engine: Engine, src: Path, dst: Path, mode: str, ending: bytes
) -> None:
    """Byte 1048575 (the last of the first 1 MiB read) is CR and byte 1048576 is LF."""
    lines = b"a line of plain text\n" * (MiB // 21 + 1)
    data = lines[: MiB - 1] + b"\r\n" + b"tail\r\nend"
    assert data[MiB - 1 : MiB + 1] == b"\r\n"
    write_tree(src, {"big.txt": data})
    events = reencode(engine, src, dst, f"reencode:newline={mode}")
    assert events["big.txt"]["status"] == "done"
    expected = data.replace(b"\r\n", b"\n").replace(b"\n", ending)
    assert (dst / "big.txt").read_bytes() == expected


def test_a_binary_file_passes_through_byte_identical(engine: Engine, src: Path, dst: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64 + b"\x00" * 4096
    write_tree(src, {"image.png": png, "text.txt": SIMPLIFIED.encode("gb18030")})
    events = reencode(engine, src, dst, "reencode:newline=crlf")
    assert events["image.png"]["status"] == "done"
    assert (dst / "image.png").read_bytes() == png
    assert (dst / "text.txt").read_bytes() == SIMPLIFIED.replace("\n", "\r\n").encode("utf-8")


def test_text_invalid_in_the_given_codec_fails_alone_naming_codec_and_byte_offset(
    engine: Engine, src: Path, dst: Path
) -> None:
    data = ("Title: 春天\n" + SIMPLIFIED).encode("gb18030")
    first_non_ascii = next(i for i, byte in enumerate(data) if byte >= 0x80)
    write_tree(src, {"gb.txt": data, "ok.txt": "fine\n"})
    result = engine("run", src, dst, "-w", "1", "--stage", "reencode:from=utf-8", "--json")
    assert result.returncode == 1, result.stderr
    events = file_events(result)
    assert events["gb.txt"]["status"] == "failed"
    assert f"cannot be decoded as utf-8 at byte {first_non_ascii}:" in events["gb.txt"]["error"]
    assert events["ok.txt"]["status"] == "done"
    assert sorted(p.name for p in dst.iterdir()) == ["ok.txt"]


def test_chinese_text_to_ascii_fails_with_an_encode_reason(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"zh.txt": "ASCII first line\n" + SIMPLIFIED})
    result = engine("run", src, dst, "-w", "1", "--stage", "reencode:to=ascii", "--json")
    assert result.returncode == 1, result.stderr
    error = file_events(result)["zh.txt"]["error"]
    assert "cannot be encoded as ascii: '春' (U+6625) on line 2" in error
    assert not (dst / "zh.txt").exists()
    assert list(dst.glob(".conveyor-*.part")) == []


@pytest.mark.parametrize(
    ("option", "value"),
    [("from", "klingon"), ("to", "klingon"), ("to", "auto"), ("from", "base64")],
)
def test_a_codec_python_does_not_know_as_text_is_a_usage_error(
    engine: Engine, src: Path, dst: Path, option: str, value: str
) -> None:
    write_tree(src, {"a.txt": "a\n"})
    result = engine("run", src, dst, "--stage", f"reencode:{option}={value}")
    assert_usage_error(result, f"option '{option}' of stage 'reencode'")
    assert value in result.stderr
    assert not dst.exists()


@pytest.mark.parametrize(
    ("mode", "expected"), [("lf", b"a\nb\nc\n\n"), ("crlf", b"a\r\nb\r\nc\r\n\r\n")]
)
def test_newline_conversion_joins_a_cr_and_lf_split_across_chunks(
    mode: str, expected: bytes
) -> None:
    """CR ends one chunk and LF starts the next; a CR ending the last chunk is a line end."""
    out, _ = run_stage(ReencodeStage({"newline": mode}), [b"a\r", b"\nb\r", b"", b"c\n", b"\r"])
    assert out == expected


def test_newline_keep_leaves_every_line_ending_as_it_was() -> None:
    data = MIXED_NEWLINES.encode("utf-8")
    out, _ = run_stage(ReencodeStage(), [data[i : i + 3] for i in range(0, len(data), 3)])
    assert out == data


def test_characters_split_across_chunks_decode_whole() -> None:
    data = (TRADITIONAL * 2).encode("big5")
    out, ctx = run_stage(ReencodeStage({"from": "big5"}), [bytes([b]) for b in data])
    assert out == (TRADITIONAL * 2).encode("utf-8")
    assert ctx.passed == set()


def test_a_decode_error_offset_counts_the_bytes_of_earlier_chunks() -> None:
    chunks = [b"abc\xe4", b"\xb8\xad" + b"x" * 10, b"yz\xff!"]
    with pytest.raises(StageError, match=r"cannot be decoded as utf-8 at byte 18: invalid start"):
        run_stage(ReencodeStage({"from": "utf-8"}), chunks)


def test_a_binary_file_is_marked_as_passed_through_without_a_warning() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\r"
    out, ctx = run_stage(ReencodeStage({"newline": "lf"}), [data])
    assert out == data
    assert ctx.passed == {"reencode"}
    assert ctx.warnings == []
