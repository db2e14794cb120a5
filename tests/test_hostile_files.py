"""Files the repository under review controls around readycheck's own files: links planted
where an output is written, baselines and configs that are not regular files, and trees
shaped to break the walk. Each is a finding or a one-line error, never a file written
outside the tree, a hang or a traceback."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import run_cli

SOUL = "# SOUL\n\nYou are a test agent.\n"
needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")


def _no_crash(result: object) -> None:
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr


@needs_links
@pytest.mark.parametrize(
    "args",
    [
        ("check", "-o", "{out}"),
        ("check", "-o", "json:{out}"),
        ("check", "--output-format", "sarif", "-o", "text:{out}", "-o", "json:other.json"),
        ("check", "--write-baseline", "{out}"),
        ("report", "-o", "{out}"),
    ],
)
def test_an_output_never_writes_through_a_planted_link(tmp_path: Path, args) -> None:  # type: ignore[no-untyped-def]
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "SOUL.md").write_text(SOUL)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    os.symlink(victim, repo / "out.txt")  # the repository ships the link
    filled = [a.replace("{out}", "out.txt") for a in args]
    result = run_cli(*filled, "--isolated", ".", cwd=repo)
    _no_crash(result)
    assert victim.read_text() == "precious\n"
    written = repo / "out.txt"
    assert not written.is_symlink() and written.read_text().strip()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_output_to_a_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/null` run as root once made the machine's /dev/null a regular file: a
    device or a pipe is written to, never renamed over (a pipe stands for both here)."""
    (tmp_path / "SOUL.md").write_text(SOUL)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
    reader.start()
    result = run_cli("check", "--isolated", "-o", f"json:{pipe}", str(tmp_path))
    reader.join(timeout=60)
    _no_crash(result)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)  # still the pipe
    assert json.loads(received[0])["agents"]  # the whole report went through it


@pytest.mark.skipif(not os.path.islink("/dev/stdout"), reason="/dev/stdout is no link here")
def test_an_output_to_dev_stdout_goes_to_the_stream(tmp_path: Path) -> None:
    """`/dev/stdout` is a link (to /proc/self/fd/1): written through, never replaced."""
    (tmp_path / "SOUL.md").write_text(SOUL)
    result = run_cli("check", "--isolated", "-o", "json:/dev/stdout", str(tmp_path))
    _no_crash(result)
    assert os.path.islink("/dev/stdout")
    assert '"agents"' in result.stdout  # the report reached this process's stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_output_to_a_pipe_nobody_reads_is_a_one_line_error_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text(SOUL)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = run_cli("check", "--isolated", "-o", f"json:{pipe}", str(tmp_path))  # 120 s bound
    assert result.returncode == 2
    _no_crash(result)
    assert result.stderr.startswith("readycheck: cannot write") and result.stderr.count("\n") == 1


def test_write_baseline_to_an_unwritable_place_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / "file").write_text("not a directory\n")
    result = run_cli("check", "--write-baseline", str(tmp_path / "file" / "b.json"), str(tmp_path))
    assert result.returncode == 2
    _no_crash(result)
    assert result.stderr.startswith("readycheck: cannot write") and result.stderr.count("\n") == 1


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
needs_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"special-{kind}"
    if kind == "fifo":
        os.mkfifo(path)  # read_text() waited for a writer forever
    else:
        os.symlink("/dev/zero", path)  # read_text() read until MemoryError
    return path


@pytest.mark.parametrize(
    "kind", [pytest.param("fifo", marks=needs_fifo), pytest.param("zero", marks=needs_zero)]
)
def test_a_baseline_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    (tmp_path / "SOUL.md").write_text(SOUL)
    special = _special(tmp_path, kind)
    result = run_cli("check", "--baseline", str(special), str(tmp_path))
    assert result.returncode == 2
    _no_crash(result)
    assert "cannot read baseline" in result.stderr and "not a regular file" in result.stderr


@pytest.mark.parametrize(
    "kind", [pytest.param("fifo", marks=needs_fifo), pytest.param("zero", marks=needs_zero)]
)
@pytest.mark.parametrize("how", ["--config", "env", "extend"])
def test_a_config_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, kind: str, how: str
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "SOUL.md").write_text(SOUL)
    special = _special(repo, kind)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GITHUB_ACTIONS", "READYCHECK_OUTPUT_FORMAT")
    }
    args: tuple[str, ...] = ("check", str(repo))
    if how == "--config":
        args = ("check", "--config", str(special), str(repo))
    elif how == "env":
        env["READYCHECK_CONFIG"] = str(special)
    else:
        (repo / ".readycheck.yaml").write_text(f"extend: {special.name}\n")
    result = run_cli(*args, env=env)
    assert result.returncode == 2
    _no_crash(result)
    assert (
        result.stderr.startswith("readycheck: invalid config:") and result.stderr.count("\n") == 1
    )


def test_a_huge_config_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / ".readycheck.yaml").write_text("# padding\n" * 300_000)  # 3 MB of comments
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    assert "larger than" in result.stderr


def test_config_search_stops_at_the_repository(tmp_path: Path) -> None:
    # A config in a shared folder above the repository (the temporary folder) is not the
    # repository's: it used to exclude every file and pass.
    (tmp_path / ".readycheck.yaml").write_text('exclude: ["*"]\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "SOUL.md").write_text(SOUL)
    result = run_cli("check", "--output-format", "json", str(repo))
    assert result.returncode == 1, result.stderr
    assert "no agent found" not in result.stderr
    shown = run_cli("config", str(repo))
    assert "exclude = ['.git'" in shown.stdout


@needs_links
@pytest.mark.parametrize("name", ["readycheck.yaml", "agent.yaml"])
def test_init_never_reads_a_manifest_linked_out_of_the_agent(tmp_path: Path, name: str) -> None:
    agent = tmp_path / "agent"
    agent.mkdir()
    (agent / "SOUL.md").write_text(SOUL)
    (tmp_path / "outside.yaml").write_text("readycheck:\n  note: the-outside-content\n")
    os.symlink("../outside.yaml", agent / name)
    for args in (("init", "--dry-run"), ("init",)):
        result = run_cli(*args, str(agent))
        _no_crash(result)
        assert "the-outside-content" not in result.stdout + result.stderr
        assert result.returncode == 2
        assert f"{name} is a link out of the agent directory" in result.stderr
    assert (tmp_path / "outside.yaml").read_text().endswith("the-outside-content\n")


@needs_links
def test_init_never_edits_instructions_linked_out_of_the_agent(tmp_path: Path) -> None:
    # Held before issue 13: the prose edit already refused a link out.
    agent = tmp_path / "agent"
    agent.mkdir()
    (agent / "readycheck.yaml").write_text("name: agent\n")
    (tmp_path / "outside.md").write_text("# Outside\n\nthe-outside-content\n")
    os.symlink("../outside.md", agent / "SOUL.md")
    result = run_cli("init", "--dry-run", str(agent))
    _no_crash(result)
    assert "the-outside-content" not in result.stdout + result.stderr


@pytest.mark.parametrize("target", [{"type": "custom"}, 5, "text", [1]])
def test_a_local_ref_to_a_value_that_is_no_schema_is_not_judged(tmp_path: Path, target) -> None:  # type: ignore[no-untyped-def]

    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / "readycheck.yaml").write_text(
        "output:\n  schema: schemas/result.schema.json\n  on_invalid: reject\n"
    )
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "#/examples/0"}},
        "examples": [target],
    }
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "result.schema.json").write_text(json.dumps(schema))
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "result.example.json").write_text('{"a": 1}\n')
    result = run_cli("check", "--no-cache", "--output-format", "json", str(tmp_path))
    _no_crash(result)
    assert result.returncode in (0, 1)
    found = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "RC505" not in found and "RC502" not in found


def test_an_endless_extend_chain_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / ".readycheck.yaml").write_text("extend: c/0.yaml\n")
    (tmp_path / "c").mkdir()
    for i in range(1200):  # a RecursionError, an internal error, before
        (tmp_path / "c" / f"{i}.yaml").write_text(f"extend: {i + 1}.yaml\n")
    (tmp_path / "c" / "1200.yaml").write_text("fail-on: error\n")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    _no_crash(result)
    assert "`extend` chain longer than 32 files" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_very_deep_tree_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text(SOUL)
    chain = [os.path.join(str(tmp_path), *(["d"] * n)) for n in range(1, 1101)]
    try:
        for directory in chain:  # 1,100 levels: os.walk's recursion overflowed
            os.mkdir(directory)
        Path(chain[-1], "notes.md").write_text("Never stop.\n")
        result = run_cli("check", "--no-cache", "--output-format", "json", ".", cwd=tmp_path)
        _no_crash(result)
        assert result.returncode in (0, 1)
        deep = "/".join(["d"] * 257)
        found = [(f["rule"], f["path"]) for f in json.loads(result.stdout)["findings"]]
        assert ("RC005", deep) in found
    finally:
        Path(chain[-1], "notes.md").unlink(missing_ok=True)
        for directory in reversed(chain):  # shutil.rmtree recurses as deep as os.walk did
            if os.path.isdir(directory):
                os.rmdir(directory)


def _lock(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make directory `name` readable but not searchable, as chmod 0444 does for any user
    but root: its names can be listed, looking any of them up (stat, lstat, open) fails."""

    def denied(real):  # type: ignore[no-untyped-def]
        def call(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
            if text and (Path(text).parent.name == name or text.endswith(f"/{name}/.")):
                raise PermissionError(13, "Permission denied", path)
            return real(path, *args, **kwargs)

        return call

    for function in ("stat", "lstat", "open"):
        monkeypatch.setattr(os, function, denied(getattr(os, function)))


def test_a_directory_that_cannot_be_searched_is_a_finding(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from readycheck.config import Settings
    from readycheck.engine import check

    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "budget.yaml").write_text("max_steps: 5\n")
    _lock(monkeypatch, "locked")
    report = check(tmp_path, Settings())  # a PermissionError from Path.exists() before
    found = [(f.rule, f.location.path) for f in report.findings]
    assert ("RC002", "locked") in found


def test_a_directory_that_cannot_be_searched_is_a_finding_through_the_cli_as_any_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root searches any directory, whatever its mode: the lock is simulated in-process
    # (the variant below uses real permissions where they hold).
    from click.testing import CliRunner

    from readycheck.cli import cli

    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "budget.yaml").write_text("max_steps: 5\n")
    monkeypatch.chdir(tmp_path)
    _lock(monkeypatch, "locked")
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--output-format", "json", "."])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    _no_crash(result)
    assert result.exit_code == 1
    found = [(f["rule"], f["path"]) for f in json.loads(result.stdout)["findings"]]
    assert ("RC002", "locked") in found


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root searches any directory"
)
def test_a_directory_that_cannot_be_searched_is_a_finding_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "budget.yaml").write_text("max_steps: 5\n")
    (tmp_path / "locked").chmod(0o444)
    try:
        result = run_cli("check", "--no-cache", "--output-format", "json", ".", cwd=tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    _no_crash(result)
    found = [(f["rule"], f["path"]) for f in json.loads(result.stdout)["findings"]]
    assert ("RC002", "locked") in found


@pytest.mark.parametrize("no_cache", [False, True])
def test_no_home_directory_is_no_cache_not_an_error(tmp_path: Path, no_cache: bool) -> None:
    import subprocess
    import sys

    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / "readycheck.yaml").write_text(
        "output:\n  schema: schemas/result.schema.json\n  on_invalid: reject\n"
    )
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "result.schema.json").write_text('{"type": "object"}\n')
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "result.example.json").write_text("[1]\n")
    # A user with no home directory (no $HOME, no passwd entry): Path.home() raises.
    program = (
        "import pathlib, sys\n"
        "def home(cls):\n"
        "    raise RuntimeError('Could not determine home directory.')\n"
        "pathlib.Path.home = classmethod(home)\n"
        "from readycheck.cli import main\n"
        "sys.argv = ['readycheck', *sys.argv[1:]]\n"
        "main()\n"
    )
    drop = (
        "HOME",
        "XDG_CACHE_HOME",
        "READYCHECK_CACHE_DIR",
        "READYCHECK_NO_CACHE",
        "GITHUB_ACTIONS",
    )
    env = {k: v for k, v in os.environ.items() if k not in drop}
    args = [
        "check",
        *(["--no-cache"] if no_cache else []),
        "--output-format",
        "json",
        str(tmp_path),
    ]
    result = subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    _no_crash(result)
    assert result.returncode == 1
    assert "RC505" in {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_a_config_in_a_shared_temporary_folder_is_not_read(tmp_path: Path) -> None:
    # /tmp/.readycheck.yaml, written by anyone, made /tmp the project root of every
    # directory below it without a .git, and excluded every file: "no agent found", exit 0.
    shared = tmp_path / "tmp"
    shared.mkdir()
    (shared / ".readycheck.yaml").write_text('exclude: ["*"]\n')
    shared.chmod(0o1777)
    (shared / "work").mkdir()
    (shared / "work" / "SOUL.md").write_text(SOUL)
    result = run_cli("check", "--output-format", "json", ".", cwd=shared / "work")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["agents"][0]["path"] == "."
