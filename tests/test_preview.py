"""The job preview: a few sample files through the real chain, totals, and a rough estimate.

What matters: the samples are chosen the same way every time, never exceed the count asked
for, and try every stage on files it applies to; their sizes are what a real run writes; a
failing stage shows as a sample's error instead of an exception; the estimate weighs each
chain's files by their own samples' cost per file and per byte, and keeps to the speed
limit; and the target folder is never touched.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from helpers import snapshot, wait_for, write_tree
from PIL import Image

from engine import Job, JobError, StageSpec, run
from engine.control import Cancelled
from engine.preview import SampleResult, Share, estimate, preview

GZIP = (StageSpec("gzip"),)
RESIZE = (StageSpec("resize", {"max": "100"}),)
TEXT = "the quick brown fox jumps over the lazy dog\n"


def text_tree(src: Path, count: int) -> Path:
    """`count` compressible text files of distinct sizes in a few folders."""
    return write_tree(
        src, {f"dir{i % 3}/file{i:02d}.txt": TEXT * (i + 1) * 10 for i in range(count)}
    )


def photo(seed: int) -> bytes:
    """A real JPEG of noise, 400x300: something resize has work to do on."""
    out = io.BytesIO()
    Image.effect_noise((400, 300), 40 + seed).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def sample(
    path: str, input_bytes: int, seconds: float, error: str = "", stages: tuple[str, ...] = ()
) -> SampleResult:
    return SampleResult(path, input_bytes, input_bytes, path, seconds, error, stages)


def test_samples_are_the_largest_the_smallest_and_others_evenly_spread(
    src: Path, dst: Path
) -> None:
    text_tree(src, 30)
    write_tree(src, {"empty.txt": ""})
    result = preview(Job(src, dst, workers=2), samples=5)
    paths = [s.path for s in result.samples]
    assert paths[:2] == ["dir2/file29.txt", "dir0/file00.txt"]
    assert len(set(paths)) == 5
    assert "empty.txt" not in paths
    assert {path.split("/")[0] for path in paths} == {"dir0", "dir1", "dir2"}


def test_the_same_tree_gives_the_same_samples_every_time(src: Path, dst: Path) -> None:
    text_tree(src, 30)
    first = preview(Job(src, dst), samples=4)
    second = preview(Job(src, dst), samples=4)
    assert [s.path for s in first.samples] == [s.path for s in second.samples]


def test_no_more_samples_are_taken_than_asked_for_or_than_files_exist(src: Path, dst: Path) -> None:
    text_tree(src, 3)
    assert len(preview(Job(src, dst), samples=2).samples) == 2
    assert len(preview(Job(src, dst), samples=10).samples) == 3


def test_totals_count_the_files_and_bytes_the_filters_let_through(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "x" * 100, "b/c.txt": "y" * 50, "skip.log": "z" * 1000})
    result = preview(Job(src, dst, exclude=("*.log",)))
    assert (result.total_files, result.total_bytes) == (2, 150)
    assert "skip.log" not in [s.path for s in result.samples]


def test_sample_sizes_and_names_match_what_a_real_gzip_run_writes(
    src: Path, tmp_path: Path
) -> None:
    text_tree(src, 8)
    real = tmp_path / "real"
    run(Job(src, real, workers=1, stages=GZIP))
    result = preview(Job(src, tmp_path / "unused", stages=GZIP), samples=8)
    assert len(result.samples) == 8
    for s in result.samples:
        assert s.error == ""
        assert s.output_name == s.path + ".gz"
        assert s.input_bytes == (src / s.path).stat().st_size
        assert s.output_bytes == (real / s.output_name).stat().st_size
        assert s.output_bytes < s.input_bytes


def test_a_failing_command_shows_as_the_sample_error(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": TEXT})
    result = preview(Job(src, dst, stages=(StageSpec("exec", {"cmd": "false"}),)))
    (only,) = result.samples
    assert "'false' exited with status 1" in only.error
    assert only.output_bytes == 0
    assert result.estimate_s is None


def test_a_truncated_image_shows_as_the_sample_error_and_others_still_run(
    src: Path, dst: Path
) -> None:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, "JPEG", quality=95)
    whole = out.getvalue()
    write_tree(src, {"cut.jpg": whole[: len(whole) // 2], "good.jpg": whole})
    result = preview(Job(src, dst, stages=(StageSpec("resize", {"max": "100"}),)))
    errors = {s.path: s.error for s in result.samples}
    assert "truncated" in errors["cut.jpg"]
    assert errors["good.jpg"] == ""
    assert result.estimate_s is not None


def test_a_resize_chain_over_mostly_text_is_tried_on_the_images(src: Path, dst: Path) -> None:
    text_tree(src, 30)
    write_tree(src, {f"dir{i}/photo{i}.jpg": photo(i) for i in range(3)})
    result = preview(Job(src, dst, stages=RESIZE), samples=5)
    images = [s for s in result.samples if s.path.endswith(".jpg")]
    assert {s.path for s in images} == {"dir0/photo0.jpg", "dir1/photo1.jpg", "dir2/photo2.jpg"}
    assert all(s.stages == ("resize",) and s.output_bytes < s.input_bytes for s in images)
    assert all(s.stages == () for s in result.samples if s not in images)


def test_every_stage_is_tried_on_a_file_it_applies_to(src: Path, dst: Path) -> None:
    text_tree(src, 30)
    write_tree(src, {"deep/er/photo.jpg": photo(0), "a.log": TEXT * 5, "b.csv": "1,2\n" * 9})
    stages = (
        StageSpec("gzip", {"match": "*.log"}),
        StageSpec("zstd", {"match": "*.csv"}),
        *RESIZE,
    )
    result = preview(Job(src, dst, stages=stages), samples=4)
    ran = {s.path: s.stages for s in result.samples}
    assert ran["a.log"] == ("gzip",)
    assert ran["b.csv"] == ("zstd",)
    assert ran["deep/er/photo.jpg"] == ("resize",)
    assert len(ran) == 4


def test_the_files_are_counted_by_the_stages_they_go_through(src: Path, dst: Path) -> None:
    text_tree(src, 4)
    images = {f"p{i}.jpg": photo(i) for i in range(2)}
    write_tree(src, images)
    result = preview(Job(src, dst, stages=RESIZE))
    shares = {share.stages: (share.files, share.bytes) for share in result.shares}
    text_bytes = sum(len(TEXT) * (i + 1) * 10 for i in range(4))
    assert shares == {("resize",): (2, sum(map(len, images.values()))), (): (4, text_bytes)}


def test_the_estimate_shares_the_work_among_the_workers() -> None:
    samples = [sample("a", 100, 1.0), sample("b", 300, 3.0)]
    shares = [Share((), 10, 2000)]
    assert estimate(samples, shares, 1) == pytest.approx(20.0)
    assert estimate(samples, shares, 4) == pytest.approx(5.0)


def test_each_file_costs_what_the_samples_measured_per_file() -> None:
    """Samples of very different sizes that took the same time: the cost is per file, so
    a thousand small files cost a thousand times one, whatever their bytes."""
    samples = [sample("small", 100, 0.01), sample("big", 100_000, 0.01)]
    assert estimate(samples, [Share((), 1000, 1000 * 100)], 1) == pytest.approx(10.0)


def test_an_empty_sample_measures_the_cost_of_a_file() -> None:
    assert estimate([sample("empty", 0, 0.5)], [Share((), 4, 0)], 1) == pytest.approx(2.0)


def test_each_chain_is_weighed_by_its_own_samples() -> None:
    samples = [
        sample("a.jpg", 1000, 1.0, stages=("resize",)),
        sample("b.jpg", 2000, 2.0, stages=("resize",)),
        sample("a.txt", 1000, 0.001),
        sample("b.txt", 2000, 0.002),
    ]
    shares = [Share(("resize",), 10, 15_000), Share((), 100, 150_000)]
    assert estimate(samples, shares, 1) == pytest.approx(15.0 + 0.15)


def test_a_chain_without_a_measured_sample_takes_the_cost_of_all_samples() -> None:
    samples = [sample("a.txt", 1000, 1.0), sample("b.jpg", 1000, 2.0, "broken", ("resize",))]
    shares = [Share(("resize",), 3, 3000), Share((), 1, 1000)]
    assert estimate(samples, shares, 1) == pytest.approx(4.0)


def test_failed_samples_are_left_out_of_the_estimate() -> None:
    samples = [sample("a", 100, 1.0), sample("b", 100, 9.0, "boom")]
    assert estimate(samples, [Share((), 1, 1000)], 1) == pytest.approx(10.0)
    assert estimate([sample("b", 100, 9.0, "boom")], [Share((), 1, 1000)], 1) is None


def test_a_speed_limit_holds_the_estimate_to_the_bytes_over_the_limit_of_all_workers() -> None:
    samples = [sample("a", 1 << 20, 0.001)]
    assert estimate(samples, [Share((), 10, 10 << 20)], 2, bwlimit=1 << 20) == pytest.approx(5.0)


def test_no_job_is_estimated_shorter_than_its_longest_sample() -> None:
    samples = [sample("huge", 1000, 8.0), sample("tiny", 10, 0.08)]
    assert estimate(samples, [Share((), 2, 1010)], 4) == pytest.approx(8.0)


def test_a_real_estimate_with_a_speed_limit_is_at_least_its_bytes_over_the_limit_of_all_workers(
    src: Path, dst: Path
) -> None:
    text_tree(src, 20)
    write_tree(src, {f"p{i}.jpg": photo(i) for i in range(3)})
    limit, workers = 64 << 10, 2
    result = preview(Job(src, dst, workers=workers, bwlimit=limit, stages=RESIZE))
    assert result.estimate_s is not None
    assert result.estimate_s >= result.total_bytes / (limit * workers)


def test_a_real_estimate_counts_the_images_a_resize_chain_works_on(src: Path, dst: Path) -> None:
    text_tree(src, 30)
    write_tree(src, {f"p{i}.jpg": photo(i) for i in range(3)})
    result = preview(Job(src, dst, workers=1, stages=RESIZE), samples=6)
    resized = [s.seconds for s in result.samples if s.stages == ("resize",)]
    assert len(resized) == 3
    assert result.estimate_s is not None
    assert result.estimate_s >= 0.5 * sum(resized)


def test_the_estimate_counts_no_more_workers_than_files(src: Path, dst: Path) -> None:
    text_tree(src, 2)
    result = preview(Job(src, dst, workers=8))
    assert result.estimate_s == pytest.approx(estimate(result.samples, result.shares, 2))


def test_an_empty_source_has_no_samples_and_no_estimate(src: Path, dst: Path) -> None:
    result = preview(Job(src, dst))
    assert (result.samples, result.total_files, result.estimate_s) == ((), 0, None)


def test_a_missing_target_folder_is_not_created(src: Path, dst: Path) -> None:
    text_tree(src, 5)
    preview(Job(src, dst, stages=GZIP))
    assert not dst.exists()


def test_an_existing_target_folder_is_left_exactly_as_it_was(src: Path, dst: Path) -> None:
    text_tree(src, 5)
    write_tree(dst, {"old.txt": "keep me", "dir0/": ""})
    before = snapshot(dst)
    preview(Job(src, dst, stages=(*GZIP, StageSpec("checksum"))))
    assert snapshot(dst) == before


def test_a_missing_source_raises_job_error(tmp_path: Path) -> None:
    with pytest.raises(JobError, match="does not exist"):
        preview(Job(tmp_path / "nowhere", tmp_path / "dst"))


def test_an_unknown_stage_raises_job_error(src: Path, dst: Path) -> None:
    with pytest.raises(JobError, match="unknown stage 'nope'"):
        preview(Job(src, dst, stages=(StageSpec("nope"),)))


def test_a_set_stop_event_cancels_the_preview(src: Path, dst: Path) -> None:
    text_tree(src, 5)
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        preview(Job(src, dst), stop=stop)


def test_stopping_while_a_command_runs_kills_it_and_cancels(src: Path, tmp_path: Path) -> None:
    write_tree(src, {"a.txt": TEXT})
    started = tmp_path / "started"
    tool = tmp_path / "wait.sh"
    tool.write_text(f"touch '{started}'\nwhile :; do sleep 0.05; done\n")
    job = Job(src, tmp_path / "dst", stages=(StageSpec("exec", {"cmd": f"sh '{tool}'"}),))
    stop = threading.Event()
    raised: list[BaseException] = []

    def target() -> None:
        try:
            preview(job, stop=stop)
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    wait_for(started.exists, "the command to start")
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert [type(exc) for exc in raised] == [Cancelled]
