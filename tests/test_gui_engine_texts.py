# ruff: noqa: RUF001  (Chinese sentences: their full-width punctuation is meant)
"""The app's table of the engine's sentences (gui/reason_texts.py) against what the engine
really says. Faulty jobs run through the real CLI, the engine's own wording functions and
its string constants give the sentences; every entry of the table must fit one of them (so
a reworded engine sentence cannot leave a dead entry behind), every sentence the faulty runs
produce must be wholly in the table, and the Chinese app shows them in Chinese."""

from __future__ import annotations

import ast
import errno
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from string import Formatter
from typing import Any

import psutil
import pytest
from helpers import (
    ENGINE,
    MiB,
    json_events,
    run_engine,
    tmpfs,
    unprivileged,
    wait_for,
    write_tree,
)
from PIL import Image
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

import engine
from engine import Event, FileEvent, Job, LogMessage
from engine.errors import describe
from engine.events import from_json
from engine.executor.protocol import Exited, KilledBySignal, TimedOut
from engine.job import bwlimit_problem, parse_size, source_problem, target_problem
from engine.scan import Beneath
from engine.worker.metadata import MODE, Keeper, time_rounding_warning
from gui.main_window import MainWindow
from gui.reason_texts import CONTEXT, NESTED, TEMPLATES, engine_text
from gui.widgets.problems_panel import ProblemsPanel

RUN_TIMEOUT_MS = 60_000
ENGINE_SOURCE = Path(engine.__file__).parent


@dataclass
class Said:
    """What the engine said in the faulty runs: the events, and the errors of jobs that
    could not start."""

    events: list[Event]
    errors: list[str]

    def sentences(self) -> set[str]:
        found = set(self.errors)
        for event in self.events:
            if isinstance(event, FileEvent) and event.reason:
                found.add(event.reason)
            elif isinstance(event, LogMessage):
                found.add(event.message)
        return found


def run(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    """`engine run ... --json`, as a user whom mode 000 keeps out (even as root)."""
    return run_engine("run", *args, "--json", **unprivileged())


def reports(bodies: list[dict[str, Any]]) -> list[Event]:
    """The file and log events among these JSON events (the others say nothing in words)."""
    return [from_json(body) for body in bodies if body["event"] in ("file", "log")]


def said_by(result: subprocess.CompletedProcess[str], into: Said) -> None:
    into.events += reports(json_events(result))
    into.errors += [
        line.removeprefix("engine: error: ")
        for line in result.stderr.splitlines()
        if line.startswith("engine: error: ")
    ]


def background(*args: str | os.PathLike[str], out: Path) -> subprocess.Popen[bytes]:
    with open(out, "wb") as stdout:
        return subprocess.Popen(
            [*ENGINE, "run", *map(os.fspath, args), "--json"],
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def events_in(out: Path) -> list[dict[str, Any]]:
    return json_events(out.read_bytes().decode("utf-8", "surrogateescape"))


def copying(out: Path) -> bool:
    """Whether the job writing its events to `out` has copied some bytes."""
    return any(e["event"] == "progress" and e["bytes_done"] > 0 for e in events_in(out))


def faulty_copy(root: Path, said: Said) -> None:
    """Files and folders that fail in the ways a copy meets most, and entries left alone."""
    src, dst = root / "src", root / "dst"
    write_tree(
        src,
        {
            "ok.txt": "fine",
            "secret.txt": "hidden",
            "locked/inside.txt": "hidden",
            "blocked.txt": "a folder is in its way",
            "ro/two/a.txt": "a",
            "ro/two/b.txt": "b",
            "ro/one/c.txt": "c",
            "ro/deep/d.txt": "d",
            "ro/deep/hidden/e.txt": "e",
            "inway/f.txt": "f",
            "linkway/g.txt": "g",
        },
    )
    write_tree(dst, {"blocked.txt/inside": "in the way", "inway": "a file", "ro/x": "x"})
    (dst / ".conveyor-tmp-999999.0-w1-1.part").write_text("left by a run long gone")
    (dst / "linkway").symlink_to("elsewhere")
    (src / "dangling").symlink_to("missing")
    (src / "loop").symlink_to(".")
    (src / "totarget").symlink_to(dst)
    os.mkfifo(src / "fifo")
    with socket.socket(socket.AF_UNIX) as bound:
        bound.bind(os.fspath(src / "sock"))
    for path, mode in ((src / "secret.txt", 0), (src / "locked", 0), (src / "ro/deep/hidden", 0)):
        path.chmod(mode)
    (dst / "ro").chmod(0o555)
    try:
        said_by(run(src, dst, "--follow-symlinks", "--no-preserve", "specials"), said)
    finally:
        for path in (src / "locked", src / "ro/deep/hidden", dst / "ro"):
            path.chmod(0o755)


def faulty_mirrors_and_moves(root: Path, said: Said) -> None:
    """Deletions a mirror cannot make, holds back, or refuses to make at all."""
    (root / "empty").mkdir()
    src, dst = root / "mirror-src", root / "mirror-dst"
    write_tree(src, {"keep.txt": "k", "locked/x.txt": "x", "rodir/y.txt": "y"})
    write_tree(dst, {"extra.txt": "e", "locked/old.txt": "o", "rodir/gone.txt": "g"})
    (src / "locked").chmod(0)
    (dst / "rodir").chmod(0o555)
    try:
        said_by(run(src, dst, "--delete"), said)
    finally:
        (src / "locked").chmod(0o755)
        (dst / "rodir").chmod(0o755)
    held = write_tree(root / "held", {"one.txt": "1", "two.txt": "2"})
    said_by(run(root / "empty", held, "--delete"), said)
    write_tree(root / "kept", {"one.txt": "1"})
    said_by(run(root / "kept", held, "--delete", "--max-delete", "0"), said)


def faulty_selections(root: Path, said: Said) -> None:
    """Listed paths the source lacks, and clones the target cannot make."""
    src = write_tree(root / "listed", {"ok.txt": "ok"})
    listing = root / "list.txt"
    listing.write_text("missing.txt\nok.txt/below\n")
    said_by(run(src, root / "listed-dst", "--files-from", listing), said)
    said_by(run(src, root / "clone-dst", "--reflink", "always"), said)


def faulty_stages(root: Path, said: Said) -> None:
    """Files a stage fails on: text it cannot decode or encode, commands that fail, hang or
    write nothing, images it cannot or may not decode."""
    text = write_tree(root / "text", {"latin.txt": b"caf\xe9\n", "han.txt": "漢字\n"})
    said_by(run(text, root / "t1", "--stage", "reencode:from=ascii,match=latin.txt"), said)
    said_by(run(text, root / "t2", "--stage", "reencode:to=latin-1,match=han.txt"), said)
    commands = write_tree(root / "commands", {f"{n}.in": n for n in "abcdef"})
    stages = (
        "exec:cmd=false,match=a.in",
        "exec:cmd=\"sh -c 'echo oops >&2; exit 3'\",match=b.in",
        "exec:cmd=\"sh -c 'kill -9 $$'\",match=c.in",
        "exec:cmd=\"sh -c 'echo dying >&2; kill -9 $$'\",match=f.in",
        'exec:cmd="sleep 30",timeout=1,match=d.in',
        'exec:cmd="true {in} {out}",match=e.in',
    )
    said_by(run(commands, root / "c", *(f"--stage={stage}" for stage in stages)), said)
    said_by(
        run(commands, root / "slow", "--file-timeout", "1", "--stage", "exec:cmd=sleep 30"), said
    )
    images = root / "images"
    images.mkdir()
    Image.new("RGB", (64, 64), "red").save(images / "big.png")
    Image.new("RGB", (64, 64), "blue").save(images / "cut.png")
    whole = (images / "cut.png").read_bytes()
    (images / "cut.png").write_bytes(whole[: len(whole) // 2])
    (images / "not.png").write_text("not an image")
    said_by(run(images, root / "i1", "--stage", "resize:max=16,match=cut.png;not.png"), said)
    said_by(run(images, root / "i2", "--stage", "resize:max=16,max_pixels=100,match=big.png"), said)


def refused_jobs(root: Path, said: Said) -> None:
    """Jobs the engine refuses before writing anything."""
    src = write_tree(root / "refused", {"a.txt": "a", "a.txt.gz": "already"})
    said_by(run(src, root / "refused-dst", "--stage", "gzip"), said)
    (root / "a-file").write_text("not a folder")
    said_by(run(src, root / "a-file" / "below"), said)
    outer = root / "outer"
    write_tree(outer, {"inner/inner/x.txt": "x"})
    said_by(run(outer / "inner", outer), said)
    unreadable = write_tree(root / "unreadable", {"x.txt": "x"})
    unreadable.chmod(0)
    try:
        said_by(run(unreadable, root / "unreadable-dst"), said)
    finally:
        unreadable.chmod(0o755)


def full_target(root: Path, said: Said) -> None:
    """A target that fills up: the job stops taking work."""
    src = write_tree(root / "many", {f"f{i}.bin": os.urandom(3 * MiB // 2) for i in range(8)})
    with tmpfs(root / "small") as small:
        said_by(run(src, small / "dst", "-w", "1"), said)


def queued_and_locked(root: Path, said: Said) -> None:
    """A job queued behind another on the same disk, and one refused a target another job
    is writing into."""
    src = write_tree(root / "slow-src", {"big.bin": os.urandom(2 * MiB)})
    first = background(src, root / "busy", "--bwlimit", "1M", out=root / "first.out")
    try:
        wait_for(lambda: len(events_in(root / "first.out")) > 1, "the first job running")
        queued = background(src, root / "queued", "--queue", out=root / "queued.out")
        said_by(run(src, root / "busy"), said)
        queued.wait(timeout=60)
        said.events += reports(events_in(root / "queued.out"))
    finally:
        first.kill()
        first.wait(timeout=60)


def lost_worker(root: Path, said: Said) -> None:
    """A worker killed while it copies: the file is tried again."""
    src = write_tree(root / "kill-src", {"big.bin": os.urandom(4 * MiB)})
    job = background(src, root / "kill-dst", "-w", "1", "--bwlimit", "1M", out=root / "kill.out")
    try:
        wait_for(lambda: copying(root / "kill.out"), "the file being copied")
        workers: list[psutil.Process] = []

        def spawned() -> bool:
            workers[:] = [
                child
                for child in psutil.Process(job.pid).children(recursive=True)
                if any("spawn_main" in part for part in child.cmdline())
            ]
            return bool(workers)

        wait_for(spawned, "a worker process")
        os.kill(workers[0].pid, signal.SIGKILL)
        time.sleep(0.5)  # the replacement takes the file; the job need not finish
        os.killpg(job.pid, signal.SIGINT)
        job.wait(timeout=60)
        said.events += reports(events_in(root / "kill.out"))
    finally:
        if job.poll() is None:
            os.killpg(job.pid, signal.SIGKILL)
            job.wait(timeout=60)


@pytest.fixture(scope="module")
def faulty_runs(tmp_path_factory: pytest.TempPathFactory) -> Said:
    """What the engine said while running faulty jobs (see each function above)."""
    said = Said([], [])
    for make in (
        faulty_copy,
        faulty_mirrors_and_moves,
        faulty_selections,
        faulty_stages,
        refused_jobs,
        full_target,
        queued_and_locked,
        lost_worker,
    ):
        make(tmp_path_factory.mktemp(make.__name__), said)
    return said


def wording_functions(root: Path) -> set[str]:
    """Sentences the engine's wording functions make, for failures no test can cause at will
    (a disk that fails, a worker the kernel kills)."""
    found = {describe(OSError(code, os.strerror(code))) for code in errno.errorcode}
    found |= {
        Beneath("f", "cannot create folder: permission denied", files, 1200, counted)
        .outcome()
        .reason
        for files in (0, 1, 12)
        for counted in (True, False)
    }
    causes = (KilledBySignal(sig) for sig in (9, 11, 7, 6, 15, 1))
    found |= {cause.sentence(123) for cause in (*causes, Exited(1), TimedOut())}
    found.add(time_rounding_warning(10_000_000))
    for text in ("fast", "inf", "-1", "0.5"):
        with pytest.raises(engine.JobError) as refused:
            parse_size(text)
        found.add(str(refused.value))
    found.add(bwlimit_problem(2**50) or "")
    folder, file = root / "folder", root / "file"
    folder.mkdir()
    file.write_text("not a folder")
    found |= {source_problem(root / "missing") or "", source_problem(file) or ""}
    found |= {target_problem(folder, file) or "", target_problem(folder, folder) or ""}
    found.add(target_problem(folder, folder / "inside") or "")
    keeper = Keeper(unheld=(MODE,))
    with open(file, "rb") as opened:
        keeper.chmod(opened.fileno(), 0o644)
    found |= {loss.text for loss in keeper.losses()}
    return found


def string_constants() -> set[str]:
    """Every plain string in the engine's code (docstrings aside): its fixed sentences."""
    found: set[str] = set()
    for path in ENGINE_SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def templates_used(sentences: set[str]) -> set[str]:
    """The entries of the table that translating these sentences takes, nested ones too."""
    used: set[str] = set()

    def record(template: str) -> str:
        used.add(template)
        return template

    for sentence in sentences:
        engine_text(sentence, record)
    return used


def skeleton(template: str) -> str:
    """A translation that keeps only the nested placeholders, in brackets: a sentence the
    table covers wholly comes out as brackets alone."""
    names = [name for _, name, _, _ in Formatter().parse(template) if name in NESTED]
    return "[" + "".join(f"{{{name}}}" for name in names) + "]"


def placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in Formatter().parse(text) if name)


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def test_every_entry_fits_a_sentence_the_engine_produces(faulty_runs: Said, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("filling a target needs a small tmpfs, which only root may mount")
    produced = faulty_runs.sentences() | wording_functions(tmp_path) | string_constants()
    assert set(TEMPLATES) - templates_used(produced) == set()


def test_every_sentence_of_the_faulty_runs_is_wholly_in_the_table(faulty_runs: Said) -> None:
    uncovered = {
        sentence
        for sentence in faulty_runs.sentences()
        if set(engine_text(sentence, skeleton)) - set("[]")
    }
    assert uncovered == set()


def test_the_problems_list_shows_every_reason_of_the_faulty_runs_in_chinese(
    chinese: object, qtbot: QtBot, faulty_runs: Said
) -> None:
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.add_problems(faulty_runs.events)
    reasons = [panel.proxy.index(row, 2).data() for row in range(panel.proxy.rowCount())]
    assert len(reasons) > 30
    assert [reason for reason in reasons if not has_chinese(reason)] == []


def test_a_failure_reads_as_one_chinese_sentence(chinese: object) -> None:
    reason = Beneath("f", "cannot create folder: permission denied", 12, 1200).outcome().reason
    assert engine_text(reason) == "无法创建文件夹：权限不足；其下 12 个文件（1.2 kB）未复制"


def test_every_translation_keeps_the_placeholders_of_its_entry(chinese: object) -> None:
    for template in TEMPLATES:
        translated = QCoreApplication.translate(CONTEXT, template)
        assert has_chinese(translated), template
        assert placeholders(translated) == placeholders(template), template


def test_a_sentence_the_table_lacks_shows_as_the_engine_wrote_it(chinese: object) -> None:
    assert engine_text("a plugin's own reason") == "a plugin's own reason"


def test_an_unknown_reason_inside_a_known_sentence_keeps_its_own_words(chinese: object) -> None:
    assert engine_text("cannot create folder: Odd error") == "无法创建文件夹：Odd error"


def test_the_banner_says_in_chinese_why_a_job_could_not_run(
    chinese: object, window: MainWindow, qtbot: QtBot, src: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    (tmp_path / "a-file").write_text("not a folder")
    window.set_job(Job(src, tmp_path / "a-file" / "below"))
    with qtbot.waitSignal(window.bridge.error, timeout=RUN_TIMEOUT_MS):
        window.start()
    target = tmp_path / "a-file" / "below"
    assert window.banner.text.text() == (
        f"任务无法运行：无法创建目标文件夹“{target}”：路径中的某个文件夹是文件"
    )


def test_a_missing_source_is_flagged_in_chinese(
    chinese: object, window: MainWindow, tmp_path: Path
) -> None:
    window.source.set_path(str(tmp_path / "missing"))
    window.form.validate()
    assert window.source.error() == f"源文件夹“{tmp_path / 'missing'}”不存在"


def test_a_failed_run_of_the_real_engine_shows_its_reason_in_chinese(
    chinese: object, window: MainWindow, qtbot: QtBot, src: Path, dst: Path
) -> None:
    write_tree(src, {"blocked.txt": "later"})
    write_tree(dst, {"blocked.txt/inside": "in the way"})
    window.set_job(Job(src, dst, workers=1))
    with qtbot.waitSignal(window.bridge.finished, timeout=RUN_TIMEOUT_MS):
        window.start()
    assert window.problems.proxy.index(0, 2).data() == "目标是一个文件夹"
