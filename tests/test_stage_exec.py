"""The `exec` stage, run through the real CLI with real commands (cp, gzip, sh, sleep, true,
tr, setsid), and in this process where a test must watch what a command leaves behind.

What matters: a file name is always one argument and can inject nothing, not even where a
shell script pastes `{in}` into its code (and such a script is warned about); the input is
`{in}` or stdin, the output `{out}` or stdout; a failing or hanging command, or a full
temporary folder, fails its file alone; and no command, nor any daemon it started,
outlives its file, its worker or the job.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from helpers import (
    ENGINE,
    Engine,
    alive,
    assert_usage_error,
    file_events,
    json_events,
    summary_of,
    wait_for,
    worker_processes,
    write_tree,
)

from engine.stages import FileContext, StageSpec, build
from engine.stages.exec import (
    TOKEN_VARIABLE,
    end_commands_of,
    kill_running_commands,
    safe_name,
)

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
SAFE_SCRIPT = """sh -c 'tr a-z A-Z < "$1" > "$2"' sh {in} {out}"""
DAEMON = """setsid -f sh -c 'echo $$ > "$1"; exec sleep 300' daemon "$1"
while [ ! -s "$1" ]; do sleep 0.01; done
"""
"""Shell lines that start a daemon the way gpg-agent does (a session of its own, so the
command's process group does not hold it), write its pid to the file "$1" and wait for it."""


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


def daemon_pid(pid_file: Path) -> int:
    """The pid a daemon wrote, once it has written it."""
    wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "", "the daemon")
    return int(pid_file.read_text())


def daemon_tool(tmp_path: Path, pid_file: Path, then: str = "cat") -> str:
    """A command that starts a daemon, writes its pid to pid_file, then runs `then` (by
    default: copy stdin, the file, to stdout, the output)."""
    return f"{script(tmp_path, DAEMON + then + chr(10))} {shlex.quote(os.fspath(pid_file))}"


@pytest.fixture
def daemons() -> Iterator[list[int]]:
    """Pids of daemons a test started itself; any still alive afterwards is killed."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            psutil.Process(pid).kill()


def start_daemon(tmp_path: Path, token: str) -> int:
    """A daemon (re-parented away from this process) carrying `token` as a command's would."""
    pid_file = tmp_path / f"daemon-{token}.pid"
    subprocess.run(
        ["setsid", "-f", "sh", "-c", 'echo $$ > "$1"; exec sleep 300', "daemon", pid_file],
        env={**os.environ, TOKEN_VARIABLE: token},
        check=True,
        timeout=10,
    )
    return daemon_pid(pid_file)


def run_here(cmd: str, data: bytes = b"data\n", name: str = "a.txt") -> bytes:
    """Run the stage on one file in this process, as a worker would, and return the output."""
    stage = build(StageSpec("exec", {"cmd": cmd}))
    ctx = FileContext(name, Path(name), len(data), 0)
    return b"".join(stage.transform(iter([data]), ctx))


IN_A_SUBREAPER = """
import json, sys
from pathlib import Path
import psutil
from engine.stages import FileContext, StageSpec, build
from engine.stages.exec import become_subreaper
subreaper = become_subreaper()
stage = build(StageSpec("exec", {"cmd": sys.argv[1]}))
output = b"".join(stage.transform(iter([b"data"]), FileContext("a.txt", Path("a.txt"), 4, 0)))
children = [child.status() for child in psutil.Process().children(recursive=True)]
print(json.dumps({"subreaper": subreaper, "output": output.decode(), "children": children}))
"""
"""A worker in miniature: a subreaper process that runs the stage on one file, then reports
what is left among its descendants (alive or zombie)."""


def run_in_a_subreaper(cmd: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", IN_A_SUBREAPER, cmd],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report: dict[str, object] = json.loads(result.stdout)
    if not report["subreaper"]:
        pytest.skip("this system does not let a process become a child subreaper")
    return report


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted on path (root only); the test is skipped where it cannot be."""
    path.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except OSError as exc:
        pytest.skip(f"cannot run mount: {exc}")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", path], check=True, timeout=30)


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


def test_without_in_the_file_arrives_on_stdin(engine: Engine, src: Path, dst: Path) -> None:
    big = b"big\n" * (1 << 19)
    write_tree(src, {"a.txt": "alpha\n", "deep/big.txt": big, "empty.txt": ""})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", exec_stage("tr a-z A-Z"))
    assert result.returncode == 0, result.stderr
    assert (dst / "a.txt").read_text() == "ALPHA\n"
    assert (dst / "deep/big.txt").read_bytes() == big.upper()
    assert (dst / "empty.txt").read_bytes() == b""


def test_with_in_the_commands_stdin_is_empty(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "alpha\n"})
    job = exec_job(tmp_path, """sh -c 'cat - "$1"' sh {in}""")  # stdin first, then the file
    result = engine("run", src, dst, *ONE_WORKER, "--job", job)
    assert result.returncode == 0, result.stderr
    assert (dst / "a.txt").read_text() == "alpha\n"


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


def test_a_shell_script_given_in_and_out_runs_no_code_from_a_file_name(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    """The README's old example pasted {in} into a script; the names it gets are safe."""
    names = ("x$(touch PWNED).txt", "`touch PWNED2`.txt", "a; touch PWNED3", "a b.txt")
    write_tree(src, {name: "text of " + name for name in names})
    work = tmp_path / "work"
    work.mkdir()
    job = exec_job(tmp_path, 'sh -c "tr a-z A-Z < {in} > {out}"')
    result = engine(
        "run", src, dst, *ONE_WORKER, "--job", job, cwd=work, env=isolated_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    for name in names:
        assert (dst / name).read_text() == ("text of " + name).upper()
    assert list(work.iterdir()) == []
    assert not list(tmp_path.rglob("PWNED*"))
    assert not list(Path.cwd().glob("PWNED*"))


def safe_name_of_output(name: str) -> str:
    """The target name of `name` under ext=png (the real name, only its extension changed)."""
    return f"{os.path.splitext(name)[0]}.png"


def test_in_and_out_are_named_with_safe_characters_keeping_the_extension(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    expected = {
        "IMG 1.jpg": ("IMG_1.jpg", "IMG_1.png"),
        "-rf": ("-rf", "-rf.png"),
        "café,v1=a+b@c%d:e.txt": ("café,v1=a+b@c%d:e.txt", "café,v1=a+b@c%d:e.png"),
        "$(x) `y` 'z' \"q\".md": ("__x___y___z___q_.md", "__x___y___z___q_.png"),
        "caf\udce9 (not UTF-8).txt": ("caf___not_UTF-8_.txt", "caf___not_UTF-8_.png"),
    }
    write_tree(src, dict.fromkeys(expected, "x"))
    job = exec_job(
        tmp_path, """sh -c 'printf "%s|%s" "${1##*/}" "${2##*/}" > "$2"' sh {in} {out}"""
    )
    job.write_text(job.read_text() + 'ext = "png"\n')
    result = engine("run", src, dst, *ONE_WORKER, "--job", job)
    assert result.returncode == 0, result.stderr
    for name, (in_name, out_name) in expected.items():
        given = (dst / safe_name_of_output(name)).read_bytes()
        assert given == os.fsencode(f"{in_name}|{out_name}"), name


def test_safe_names_keep_letters_of_any_script_and_replace_what_a_shell_reads() -> None:
    assert safe_name("Überweisung 2024 (1).pdf") == "Überweisung_2024__1_.pdf"
    assert safe_name("报告~.docx") == "报告_.docx"
    assert safe_name("a*b?[c]{d}!#&|<>\\\t\n.sh") == "a_b__c__d__________.sh"


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


def test_placeholders_inside_a_shell_script_are_warned_about_right_after_the_start(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    job = exec_job(tmp_path, 'sh -c "tr a-z A-Z < {in} > {out}"')
    result = engine("run", src, dst, *ONE_WORKER, "--job", job, "--json")
    assert result.returncode == 0, result.stderr
    events = json_events(result)
    start = [e["event"] for e in events].index("start")
    warning = events[start + 1]
    assert (warning["event"], warning["level"]) == ("log", "warning")
    assert "'sh -c'" in warning["message"]
    assert "can run code" in warning["message"]
    assert SAFE_SCRIPT in warning["message"]


@pytest.mark.parametrize(
    "cmd",
    [
        'sh -c "tr a-z A-Z < {in} > {out}"',
        "/bin/bash -ec 'cat {in}'",
        "dash -o errexit -c 'echo {name}'",
        "sh -e -c 'echo {stem}.{ext}'",
    ],
)
def test_a_shell_script_holding_placeholders_is_warned_about(cmd: str) -> None:
    (warning,) = build(StageSpec("exec", {"cmd": cmd})).warnings()
    assert "can run code" in warning
    assert SAFE_SCRIPT in warning


def test_the_warning_names_the_placeholders_and_the_shell() -> None:
    stage = build(StageSpec("exec", {"cmd": "/bin/bash -ec 'cp {in} {name}; cat {in}'"}))
    assert stage.warnings()[0].startswith(
        "stage 'exec' puts {in} and {name} inside the script of '/bin/bash -ec'"
    )


@pytest.mark.parametrize(
    "cmd",
    [
        SAFE_SCRIPT,
        "cp {in} {out}",
        "sh -c 'tr a-z A-Z'",
        "sh {in}",
        "bash -- -c {in}",
        "tr -c a-z _",
    ],
)
def test_placeholders_given_as_arguments_are_no_warning(cmd: str) -> None:
    assert build(StageSpec("exec", {"cmd": cmd})).warnings() == ()


def test_stages_warn_of_nothing_by_default() -> None:
    assert build(StageSpec("gzip")).warnings() == ()


def test_a_daemon_a_command_starts_ends_with_its_file(
    engine: Engine, src: Path, dst: Path, tmp_path: Path, daemons: list[int]
) -> None:
    write_tree(src, {"a.txt": "alpha\n"})
    pid_file = tmp_path / "daemon.pid"
    stage = exec_stage(daemon_tool(tmp_path, pid_file))
    result = engine("run", src, dst, *ONE_WORKER, "--stage", stage)
    daemons.append(daemon_pid(pid_file))
    assert result.returncode == 0, result.stderr
    assert (dst / "a.txt").read_text() == "alpha\n"
    wait_for(lambda: gone(daemons[0]), "the daemon to be killed", 5)


def test_a_daemon_ends_with_its_command_run_in_this_process(
    tmp_path: Path, daemons: list[int]
) -> None:
    """Not a subreaper: the daemon hangs from init, found among this user's processes."""
    pid_file = tmp_path / "daemon.pid"
    output = run_here(daemon_tool(tmp_path, pid_file))
    daemons.append(daemon_pid(pid_file))
    assert output == b"data\n"
    assert gone(daemons[0])


def test_in_a_subreaper_a_daemon_ends_with_its_command_and_leaves_no_zombie(
    tmp_path: Path, daemons: list[int]
) -> None:
    pid_file = tmp_path / "daemon.pid"
    report = run_in_a_subreaper(daemon_tool(tmp_path, pid_file))
    daemons.append(daemon_pid(pid_file))
    assert report["output"] == "data"
    assert report["children"] == []
    assert gone(daemons[0])


def test_in_a_subreaper_a_background_job_left_by_a_script_leaves_no_zombie() -> None:
    """The script ends before its `sleep`, which the subreaper inherits; killed with the
    process group, it must be reaped, or every file would leave one zombie behind."""
    report = run_in_a_subreaper("sh -c 'sleep 30 & cat'")
    assert report["output"] == "data"
    assert report["children"] == []


def test_ending_a_command_spares_the_processes_of_other_commands(
    tmp_path: Path, daemons: list[int]
) -> None:
    daemons.append(start_daemon(tmp_path, f"{os.getpid()}-999999"))
    assert run_here("cat") == b"data\n"
    assert not gone(daemons[0])


def test_end_commands_of_kills_every_process_of_that_processs_commands(
    tmp_path: Path, daemons: list[int]
) -> None:
    dead_worker = 999999999  # any number: tokens are matched as text
    daemons.append(start_daemon(tmp_path, f"{dead_worker}-1"))
    daemons.append(start_daemon(tmp_path, f"{dead_worker}-2"))
    daemons.append(start_daemon(tmp_path, f"{dead_worker}0-1"))  # another worker's
    end_commands_of(dead_worker)
    assert [gone(pid) for pid in daemons] == [True, True, False]


def test_the_at_exit_hook_kills_the_daemons_of_this_processs_commands(
    tmp_path: Path, daemons: list[int]
) -> None:
    daemons.append(start_daemon(tmp_path, f"{os.getpid()}-999999"))
    kill_running_commands()
    assert gone(daemons[0])


def test_a_killed_engine_leaves_no_daemon_of_a_command_running(
    src: Path, dst: Path, tmp_path: Path, daemons: list[int]
) -> None:
    write_tree(src, {"slow.txt": "s"})
    pid_file = tmp_path / "daemon.pid"
    stage = exec_stage(daemon_tool(tmp_path, pid_file, then="sleep 60"))
    proc = subprocess.Popen([*ENGINE, "run", src, dst, *ONE_WORKER, "--stage", stage, "-q"])
    try:
        daemons.append(daemon_pid(pid_file))
        proc.kill()
        proc.wait(timeout=10)
        wait_for(lambda: gone(daemons[0]), "the daemon to be killed", 5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_worker_killed_outright_takes_its_commands_daemon_with_it(
    src: Path, dst: Path, tmp_path: Path, daemons: list[int]
) -> None:
    """The worker can clean nothing up; the engine ends the commands it had started."""
    write_tree(src, {"slow.txt": "s"})
    pid_file = tmp_path / "daemon.pid"
    stage = exec_stage(daemon_tool(tmp_path, pid_file, then="sleep 60"))
    proc = subprocess.Popen(
        [*ENGINE, "run", src, dst, *ONE_WORKER, "--retries", "0", "--stage", stage, "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        daemons.append(daemon_pid(pid_file))
        (worker,) = worker_processes()
        worker.kill()
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 1, stderr
    assert file_events(stdout)["slow.txt"]["status"] == "failed"
    wait_for(lambda: gone(daemons[0]), "the daemon to be killed", 5)


def test_a_full_temporary_folder_fails_that_file_alone_saying_so(
    engine: Engine, src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"big.bin": os.urandom(2 << 20), "small.txt": "small"})
    with small_tmpfs(tmp_path / "small-tmp", "1m") as temp:
        env = {**os.environ, "TMPDIR": os.fspath(temp)}
        stage = exec_stage("cp {in} {out}")
        result = engine("run", src, dst, *ONE_WORKER, "--stage", stage, "--json", env=env)
        assert list(temp.iterdir()) == []
    assert result.returncode == 1, result.stderr
    events = file_events(result)
    assert events["big.bin"]["status"] == "failed"
    assert events["big.bin"]["error"] == (
        f"no space left in the temporary folder {temp} for the command's copy of the file; "
        "free space or set TMPDIR to a larger folder"
    )
    assert events["small.txt"]["status"] == "done"
    assert (dst / "small.txt").read_text() == "small"
