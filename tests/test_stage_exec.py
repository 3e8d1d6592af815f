"""The `exec` stage, run through the real CLI with real commands (cp, gzip, sh, sleep, true).

What matters: a file name is always one argument and can inject nothing, the output comes
from `{out}` or stdout, a failing or hanging command fails its file alone, and no command
outlives its file or the job.
"""

from __future__ import annotations

import gzip
import os
import shlex
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from conftest import (
    ENGINE,
    Engine,
    alive,
    assert_usage_error,
    file_events,
    summary_of,
    wait_for,
    write_tree,
)

from engine.stages import StageSpec, build

ONE_WORKER = ("-w", "1")  # the commands are the work; more workers only cost start-up time
HOSTILE_NAMES = (
    "; rm -rf ~",
    "$(touch pwned)",
    "`touch pwned2`",
    "a b.txt",
    "-rf",
    'it\'s "q"',
    "caf\udce9 (not UTF-8).txt",
)


def script(tmp_path: Path, body: str) -> str:
    """A shell script in tmp_path, as the quoted `sh SCRIPT` start of an exec command."""
    path = tmp_path / "tool.sh"
    path.write_text(body)
    return f"sh {shlex.quote(os.fspath(path))}"


def exec_stage(cmd: str, **options: str) -> str:
    """A `--stage` argument; the command is double-quoted, so it may hold single quotes."""
    assert '"' not in cmd
    extra = "".join(f",{key}={value}" for key, value in options.items())
    return f'exec:cmd="{cmd}"{extra}'


def exec_job(tmp_path: Path, cmd: str) -> Path:
    """A job file with one exec stage: TOML's literal strings hold any quotes a command needs."""
    path = tmp_path / "job.toml"
    path.write_text(f"[[stages]]\nname = \"exec\"\ncmd = '''{cmd}'''\n")
    return path


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """The environment with HOME and TMPDIR in fresh folders under tmp_path, to watch both."""
    for name in ("home", "tmp"):
        (tmp_path / name).mkdir(exist_ok=True)
    return {**os.environ, "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp")}


def gone(pid: int) -> bool:
    try:
        return not alive(psutil.Process(pid))
    except psutil.NoSuchProcess:
        return True


def test_a_command_writing_out_produces_each_output(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "alpha\n", "deep/b.bin": os.urandom(3 << 20)})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage("cp {in} {out}"), "--json")
    assert result.returncode == 0, result.stderr
    assert (dst / "a.txt").read_text() == "alpha\n"
    assert (dst / "deep/b.bin").read_bytes() == (src / "deep/b.bin").read_bytes()


def test_without_out_the_commands_stdout_is_the_output(
    engine: Engine, src: Path, dst: Path
) -> None:
    data = os.urandom(1 << 20) + b"tail"
    write_tree(src, {"logs/app.log": data})
    result = engine(
        "run", src, dst, *ONE_WORKER, "--stage", exec_stage("gzip -c {in}", ext="gz"), "--json"
    )
    assert result.returncode == 0, result.stderr
    assert file_events(result)["logs/app.log"]["output"] == "logs/app.gz"
    unpacked = subprocess.run(
        ["gunzip", "-c", dst / "logs/app.gz"], capture_output=True, check=True, timeout=30
    )
    assert unpacked.stdout == data


def test_ext_replaces_the_last_extension_of_each_output(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a", "b.tar.bz2": "b", "noext": "c", ".hidden": "d"})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage("cp {in} {out}", ext="gz"))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in dst.iterdir())
    assert names == [".hidden.gz", "a.gz", "b.tar.gz", "noext.gz"]


@pytest.mark.parametrize("ext", ["png", ".png", " .png "])
def test_ext_may_be_given_with_or_without_its_dot(ext: str) -> None:
    stage = build(StageSpec("exec", {"cmd": "cp {in} {out}", "ext": ext}))
    assert stage.renames
    assert stage.output_name("photos/IMG 1.jpg") == "photos/IMG 1.png"


def test_without_ext_the_output_keeps_its_name_and_is_no_rename() -> None:
    stage = build(StageSpec("exec", {"cmd": "cp {in} {out}"}))
    assert not stage.renames
    assert stage.output_name("a/b.txt") == "a/b.txt"


def test_name_stem_and_ext_placeholders_take_the_input_names_parts(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"photo.tar.jpg": "x", "dir/a b.txt": "y", "noext": "z"})
    cmd = """sh -c 'printf "%s|%s|%s" "$1" "$2" "$3" > "$4"' _ {name} {stem} {ext} {out}"""
    result = engine("run", src, dst, *ONE_WORKER, "--job", exec_job(tmp_path, cmd))
    assert result.returncode == 0, result.stderr
    assert (dst / "photo.tar.jpg").read_text() == "photo.tar.jpg|photo.tar|jpg"
    assert (dst / "dir/a b.txt").read_text() == "a b.txt|a b|txt"
    assert (dst / "noext").read_text() == "noext|noext|"


def test_unknown_placeholders_and_other_braces_stay_as_text(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    cmd = "printf %s/%s/%s/%s {foo} {} {IN} {{name}}"
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage(cmd))
    assert result.returncode == 0, result.stderr
    assert (dst / "a.txt").read_text() == "{foo}/{}/{IN}/{a.txt}"


def test_hostile_file_names_are_copied_and_inject_nothing(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {name: b"content of " + os.fsencode(name) for name in HOSTILE_NAMES})
    work = tmp_path / "work"
    work.mkdir()
    result = engine(
        "run",
        src,
        dst,
        *ONE_WORKER,
        "--stage",
        exec_stage("cp {in} {out}"),
        cwd=work,
        env=isolated_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    for name in HOSTILE_NAMES:
        assert (dst / name).read_bytes() == b"content of " + os.fsencode(name)
    assert sorted(p.name for p in dst.iterdir()) == sorted(HOSTILE_NAMES)
    assert list(work.iterdir()) == []
    assert list((tmp_path / "home").iterdir()) == []
    assert not list(tmp_path.rglob("pwned*"))
    assert not list(Path.cwd().glob("pwned*"))


def test_in_is_a_path_in_a_temporary_folder_so_a_dash_name_is_no_option(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"-rf": "x"})
    job = exec_job(tmp_path, """sh -c 'printf %s "$1" > "$2"' _ {in} {out}""")
    result = engine("run", src, dst, *ONE_WORKER, "--job", job, env=isolated_env(tmp_path))
    assert result.returncode == 0, result.stderr
    given = Path((dst / "-rf").read_text())
    assert given.is_absolute()
    assert given.name == "-rf"
    assert given.parent.parent.parent == tmp_path / "tmp"
    assert given.parent.parent.name.startswith(".conveyor-exec-")


def test_temporary_folders_are_removed_after_each_file(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"ok.txt": "a", "bad.txt": "b"})
    tool = script(tmp_path, '[ "$1" = bad.txt ] && exit 1; cp "$2" "$3"\n')
    stage = exec_stage(f"{tool} {{name}} {{in}} {{out}}")
    result = engine("run", src, dst, *ONE_WORKER, "--stage", stage, env=isolated_env(tmp_path))
    assert result.returncode == 1, result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_failing_command_fails_its_file_alone_with_the_end_of_its_stderr(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"ok.txt": "fine", "bad.txt": "broken"})
    tool = script(
        tmp_path,
        'if [ "$1" = bad.txt ]; then\n'
        '  for i in 1 2 3 4 5 6 7 8; do echo "problem $i" >&2; done\n'
        "  exit 3\n"
        "fi\n"
        'cp "$2" "$3"\n',
    )
    stage = exec_stage(f"{tool} {{name}} {{in}} {{out}}")
    result = engine("run", src, dst, *ONE_WORKER, "--stage", stage, "--json")
    assert result.returncode == 1
    events = file_events(result)
    assert events["ok.txt"]["status"] == "done"
    assert (dst / "ok.txt").read_text() == "fine"
    error = events["bad.txt"]["error"]
    assert "exited with status 3" in error
    assert "problem 4 | problem 5 | problem 6 | problem 7 | problem 8" in error
    assert "problem 3" not in error
    assert not (dst / "bad.txt").exists()


def test_a_long_stderr_is_cut_to_its_last_500_characters(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    tool = script(
        tmp_path, "head -c 100000 /dev/zero | tr '\\0' x >&2; echo >&2; echo END >&2; exit 1\n"
    )
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage(tool), "--json")
    assert result.returncode == 1
    error = file_events(result)["a.txt"]["error"]
    assert error.endswith("x | END")
    assert len(error) < 600


def test_a_command_that_writes_no_out_fails_the_file(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    result = engine(
        "run", src, dst, *ONE_WORKER, "--stage", exec_stage("true {in} {out}"), "--json"
    )
    assert result.returncode == 1
    assert "wrote no output to {out}" in file_events(result)["a.txt"]["error"]


def test_a_command_past_its_timeout_is_killed_with_what_it_started(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"slow.txt": "s"})
    pid_file = tmp_path / "sleep.pid"
    tool = script(tmp_path, 'sleep 30 &\necho $! > "$1"\nwait\n')
    stage = exec_stage(f"{tool} {shlex.quote(os.fspath(pid_file))}", timeout="1")
    started = time.monotonic()
    result = engine("run", src, dst, *ONE_WORKER, "--stage", stage, "--json")
    took = time.monotonic() - started
    assert result.returncode == 1
    assert "timed out after 1 s" in file_events(result)["slow.txt"]["error"]
    assert took < 10
    wait_for(lambda: gone(int(pid_file.read_text())), "the command's child to be killed", 5)


def test_cancelling_the_job_kills_the_running_command(src: Path, dst: Path, tmp_path: Path) -> None:
    write_tree(src, {"slow.txt": "s"})
    pid_file = tmp_path / "sleep.pid"
    tool = script(tmp_path, 'sleep 60 &\necho $! > "$1"\nwait\n')
    stage = exec_stage(f"{tool} {shlex.quote(os.fspath(pid_file))}")
    proc = subprocess.Popen(
        [*ENGINE, "run", src, dst, *ONE_WORKER, "--stage", stage, "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "", "the command")
        os.killpg(proc.pid, signal.SIGINT)
        started = time.monotonic()
        stdout, stderr = proc.communicate(timeout=20)
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, stderr
    assert took < 3, "the wait for the command must notice the cancel, not sit out the grace"
    assert summary_of(stdout)["cancelled"] is True
    wait_for(lambda: gone(int(pid_file.read_text())), "the command's child to be killed", 5)
    assert not dst.joinpath("slow.txt").exists()


def test_a_program_not_on_path_is_a_usage_error_before_anything_is_written(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    result = engine(
        "run", src, dst, *ONE_WORKER, "--stage", exec_stage("no-such-tool-xyz {in} {out}")
    )
    assert_usage_error(result, "'no-such-tool-xyz', which is not found on PATH")
    assert not dst.exists()


def test_a_program_path_that_is_not_executable_is_a_usage_error(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    plain = tmp_path / "not-a-program"
    plain.write_text("echo hi\n")
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage(f"{plain} {{in}}"))
    assert_usage_error(result, "which is not an executable file")
    assert not dst.exists()


def test_a_missing_cmd_is_a_usage_error(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    assert_usage_error(
        engine("run", src, dst, *ONE_WORKER, "--stage", "exec"), "'cmd' of stage 'exec' is required"
    )


def test_an_unbalanced_quote_in_cmd_is_a_usage_error(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage("sh -c 'echo"))
    assert_usage_error(result, "cannot be split into arguments")


@pytest.mark.parametrize("ext", [".", "a/b", "..gz"])
def test_an_ext_that_is_no_extension_is_a_usage_error(
    engine: Engine, src: Path, dst: Path, ext: str
) -> None:
    write_tree(src, {"a.txt": "a"})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage("cp {in} {out}", ext=ext))
    assert_usage_error(result, "option 'ext' of stage 'exec' must be an extension")


def test_a_rerun_with_renamed_outputs_skips_them_as_unchanged(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a" * 1000})
    stage = exec_stage("gzip -c {in}", ext="gz")
    assert engine("run", src, dst, *ONE_WORKER, "--stage", stage).returncode == 0
    again = engine("run", src, dst, *ONE_WORKER, "--stage", stage, "--json")
    assert again.returncode == 0, again.stderr
    assert file_events(again)["a.txt"]["status"] == "skipped"
    assert gzip.decompress((dst / "a.gz").read_bytes()) == b"a" * 1000


def test_two_files_that_would_share_an_output_name_are_a_usage_error(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a", "a.md": "b"})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage("cp {in} {out}", ext="gz"))
    assert_usage_error(result, "a.gz")
    assert not dst.exists()


def test_a_killed_engine_leaves_no_command_running_and_no_temporary_folder(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    """SIGKILL gives the CLI no chance; its worker notices, kills the command and cleans up."""
    write_tree(src, {"slow.txt": "s"})
    pid_file = tmp_path / "sleep.pid"
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    tool = script(tmp_path, 'sleep 60 &\necho $! > "$1"\nwait\n')
    stage = exec_stage(f"{tool} {shlex.quote(os.fspath(pid_file))}")
    proc = subprocess.Popen(
        [*ENGINE, "run", src, dst, *ONE_WORKER, "--stage", stage, "-q"],
        env={**os.environ, "TMPDIR": os.fspath(temp_root)},
    )
    try:
        wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "", "the command")
        proc.kill()
        proc.wait(timeout=10)
        wait_for(lambda: gone(int(pid_file.read_text())), "the command's child to be killed", 5)
        wait_for(lambda: not any(temp_root.iterdir()), "the temporary folder to go", 5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
