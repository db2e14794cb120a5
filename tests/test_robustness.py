"""Bad input becomes a finding with a location, never a traceback, and quickly."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from readycheck.config import Settings
from readycheck.discover import discover
from readycheck.engine import check
from tests.conftest import report_json, run_cli

SOUL = "# SOUL\n\nYou are a test agent.\n"


def findings_for(root: Path) -> dict[str, list[tuple[str, int]]]:
    report = check(root, Settings())
    out: dict[str, list[tuple[str, int]]] = {}
    for f in report.findings:
        out.setdefault(f.location.path, []).append((f.rule, f.location.line))
    return out


@pytest.mark.parametrize(
    ("name", "content", "rule", "line"),
    [
        ("budget.yaml", "max_steps: [1, 2\nmax_tokens: 5\n", "RC001", 2),
        ("limits.json", '{"max_steps": 50,\n  "max_tokens": }\n', "RC001", 2),
        ("config.toml", "max_steps = \n", "RC001", 1),
        ("openclaw.json", "{ agents: { defaults: { timeoutSeconds: 600, } ", "RC001", 1),
        ("boot.py", "def f(:\n    pass\n", "RC001", 1),
        ("AGENTS.md", b"\xff\xfe\xfa invalid utf-8 \x80\n", "RC002", 1),
        ("blob.json", b"\x00\x01\x02binary", "RC002", 1),
    ],
)
def test_bad_file_is_a_located_finding(make_repo, name, content, rule, line) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, name: content})
    assert (rule, line) in findings_for(root)[name]


def test_empty_files_are_fine(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": "", "budget.yaml": "", "a.json": "", "b.toml": "", "c.sh": ""})
    report = check(root, Settings())
    assert [f.rule for f in report.findings if f.item == "general"] == []
    assert len(report.agents) == 1


def test_huge_file_is_skipped_fast(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL})
    with open(root / "TOOLS.md", "wb") as handle:
        handle.write(b"max_steps: 50\n" * (50 * 1024 * 1024 // 14))
    start = time.perf_counter()
    found = findings_for(root)
    assert time.perf_counter() - start < 5
    assert found["TOOLS.md"] == [("RC003", 1)]


def test_yaml_alias_bomb_is_bounded(make_repo) -> None:  # type: ignore[no-untyped-def]
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    root = make_repo({"SOUL.md": SOUL, "bomb.yaml": "\n".join(lines) + "\n"})
    start = time.perf_counter()
    found = findings_for(root)
    assert time.perf_counter() - start < 5
    assert found["bomb.yaml"][0][0] == "RC005"


@pytest.mark.parametrize(
    "name,text",
    [
        ("deep.json", "[" * 10_000 + "]" * 10_000),
        ("deep.yaml", "a: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        ("deep.toml", "a = " + "[" * 10_000 + "]" * 10_000 + "\n"),
        ("deep.py", "x = " + "(" * 10_000 + ")" * 10_000 + "\n"),
        ("deep.md", "> " * 10_000 + "deep quote\n"),
    ],
)
def test_deep_nesting_is_bounded(make_repo, name, text) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, name: text})
    start = time.perf_counter()
    report = check(root, Settings())
    assert time.perf_counter() - start < 5
    if name != "deep.md":
        assert any(f.location.path == name for f in report.findings)


def test_links_never_leave_the_tree(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text("max_steps: 50\n")
    root = make_repo({"SOUL.md": SOUL})
    os.symlink(outside / "secret.md", root / "limits.md")
    os.symlink(outside, root / "linked-dir")
    os.symlink(root / "missing.yaml", root / "broken.yaml")
    found = findings_for(root)
    assert found["limits.md"] == [("RC004", 1)]
    assert found["linked-dir"] == [("RC004", 1)]
    assert found["broken.yaml"] == [("RC004", 1)]
    report = check(root, Settings())
    budget = next(i for i in report.agents[0].items if i.item == "budget")
    assert budget.status == "fail"  # the outside file's limit was not read


def test_no_traceback_through_the_cli(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            "bad.yaml": "a: [\n",
            "TOOLS.md": b"\x00\x00",  # an instruction file: read, so its problem is found
            "x.json": "{",
            "current-task.json": "{not json",
        }
    )
    result = run_cli("check", "--output-format", "json", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    rules = {f["rule"] for f in report_json(result)["findings"]}
    assert {"RC001", "RC002", "RC305"} <= rules


def test_secrets_are_masked(make_repo) -> None:  # type: ignore[no-untyped-def]
    token = "sk-live-0123456789abcdefghijklmnop"
    root = make_repo(
        {
            "SOUL.md": SOUL + f"\nIf unsure, make your best guess with key {token}.\n",
        }
    )
    result = run_cli("check", "--output-format", "json", str(root))
    assert token not in result.stdout


# --- Regressions found by fuzzing: each was a traceback, a hang or a leak -----------------

HUGE = "F" * 5000  # as hex: an integer far beyond the float range (and 6,000 decimal digits)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("limits.json", '{"max_steps": ' + "9" * 5000 + "}"),  # int() refuses 4,300+ digits
        ("limits.yaml", "max_steps: " + "9" * 5000 + "\n"),
        ("limits.yml", f"max_steps: 0x{HUGE}\n"),  # str() of the int refuses it later
        ("limits.toml", f"max_steps = 0x{HUGE}\n"),
        ("limits.json5", f"{{max_steps: 0x{HUGE}}}"),
        ("openclaw.json", f"{{agents: {{defaults: {{timeoutSeconds: 0x{HUGE}}}}}}}"),
        ("agent.py", f"from agents import Runner\nRunner.run(a, max_turns=0x{HUGE})\n"),
        ("expr.py", f"from agents import Runner\nRunner.run(a, max_turns=0x{HUGE} + 1)\n"),
        ("dates.yaml", "max_age: 2024-13-45\nmax_steps: 5\n"),  # no such date
    ],
)
def test_huge_numbers_and_impossible_dates_are_read(make_repo, name, text) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, name: text})
    report = check(root, Settings())
    assert not [f for f in report.findings if f.location.path == name and f.rule == "RC001"]


def test_a_huge_limit_is_no_limit(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, "agent.yaml": f"budget: {{max_steps: 0x{HUGE}}}\n"})
    found = findings_for(root)
    assert ("RC405", 1) in found["agent.yaml"]  # +inf: not a finite limit


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
@pytest.mark.parametrize("name", ["notes.md", "budget.yaml", ".gitignore", "agent.yaml"])
def test_a_fifo_never_blocks_the_scan(make_repo, name) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL})
    os.mkfifo(root / name)
    for args in (("check", "--output-format", "json"), ("init", "--dry-run"), ("boot",)):
        result = run_cli(*args, str(root))  # blocked forever on open() or read() before
        assert result.returncode in (0, 1, 2)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if name != ".gitignore":
        assert ("RC002", 1) in findings_for(root)[name]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_a_device_never_blocks_init(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL})
    os.symlink("/dev/zero", root / "zero.md")  # init read it to the end of memory before
    result = run_cli("init", "--dry-run", str(root))
    assert result.returncode in (0, 1)
    assert findings_for(root)["zero.md"] == [("RC004", 1)]


def test_read_head_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    from readycheck.bounds import read_head

    (tmp_path / "a.md").write_bytes(b"x" * 100)
    assert read_head(tmp_path / "a.md", 10) == b"x" * 10
    with pytest.raises(OSError):
        read_head(tmp_path, 10)  # a directory
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        with pytest.raises(OSError):
            read_head(tmp_path / "pipe", 10)


def test_an_unreadable_directory_is_a_finding(make_repo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, "locked/budget.yaml": "max_steps: 5\n"})
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = findings_for(root)
    assert found["locked"] == [("RC002", 1)]


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_printed_escaped(make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL})
    (Path(os.fsdecode(bytes(root) + b"/retry\xff.md"))).write_text("Retry until it works.\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "READYCHECK_NO_CACHE": "1"}
    env.pop("GITHUB_ACTIONS", None)
    for fmt in ("text", "json", "sarif", "github", "junit", "markdown"):
        out = tmp_path / f"out.{fmt}"
        result = run_cli("check", "--output-format", fmt, "-o", str(out), str(root), env=env)
        assert result.returncode == 1, (fmt, result.stderr)
        assert "xff.md" in out.read_text(encoding="utf-8")  # escaped: \\xff, %5Cxff
    result = run_cli("check", str(root), env=env)
    assert result.returncode == 1 and "retry\\xff.md" in result.stdout


def test_a_gitignore_line_git_cannot_read_is_skipped(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, ".gitignore": "!\nignored.md\n", "ignored.md": "x\n"})
    report = check(root, Settings())
    assert "ignored.md" not in report.agents[0].markers + [f.location.path for f in report.findings]
    assert all("ignored.md" not in f.location.path for f in report.findings)


def test_a_catastrophic_gitignore_pattern_is_honoured_in_linear_time(make_repo) -> None:  # type: ignore[no-untyped-def]
    pattern = "a" + "*a" * 14 + "b"  # a backtracking engine takes hours over a run of "a"
    long_name = "a" * 250 + ".md"  # NAME_MAX is 255
    root = make_repo(
        {"SOUL.md": SOUL, ".gitignore": pattern + "\n", long_name: "x\n", "a" * 20 + "b": "x\n"}
    )
    start = time.perf_counter()
    scan = discover(root, Settings())
    assert time.perf_counter() - start < 5
    assert long_name in scan.files and "a" * 20 + "b" not in scan.files
    assert not scan.problems


def test_a_gitignore_pattern_too_long_to_match_is_not_honoured_with_a_finding(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, ".gitignore": "x.md\n" + "?" * 5000 + "\n", "x.md": "x\n"})
    scan = discover(root, Settings())
    assert "x.md" not in scan.files  # the other lines still apply
    [(path, problem)] = scan.problems
    assert (path, problem.rule, problem.line) == (".gitignore", "RC005", 2)
    assert "not honoured" in problem.message


def test_the_cache_key_never_reads_a_huge_file(tmp_path: Path) -> None:
    from readycheck import cache

    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB on paper, read whole before
    start = time.perf_counter()
    first = cache.key({"big.md": big}, "", 1024)
    assert time.perf_counter() - start < 2
    with big.open("ab") as handle:
        handle.write(b"x")
    assert cache.key({"big.md": big}, "", 1024) != first  # its size still counts


SCHEMA_MANIFEST = "output: {schema: schemas/out.schema.json, on_invalid: reject}\n"


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {"a": {"$ref": "other.json"}}, "required": ["a"]},
        {"type": "object", "properties": {"a": {"$ref": "http://127.0.0.1:9/x"}}},
        {"type": "object", "properties": {"a": {"$ref": "#/definitions/nope"}}},
        {
            "type": "object",
            "$defs": {"x": {"$ref": "#/$defs/x"}},
            "properties": {"a": {"$ref": "#/$defs/x"}},
        },
        {"$schema": 5, "type": "object", "required": ["a"]},
        {
            "type": "object",
            "properties": {"a": {"type": "string", "pattern": "(" * 5000 + ")" * 5000}},
        },
        {"type": "object", "properties": {"a": {"type": "string", "pattern": "a{99999999999}"}}},
        {"type": "object", "properties": {"a": {"type": "string", "pattern": "^(a+)+$"}}},
    ],
)
def test_a_hostile_output_schema_is_judged_quickly(make_repo, schema) -> None:  # type: ignore[no-untyped-def]
    import json

    root = make_repo(
        {
            "SOUL.md": SOUL,
            "readycheck.yaml": SCHEMA_MANIFEST,
            "schemas/out.schema.json": json.dumps(schema),
            "examples/out.json": json.dumps({"a": "a" * 40 + "!"}),
        }
    )
    start = time.perf_counter()
    report = check(root, Settings())  # tracebacks, or hours of regex backtracking, before
    assert time.perf_counter() - start < 15
    assert next(i for i in report.agents[0].items if i.item == "output").status != "n/a"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("comments.md", "<!--" * 200_000),
        ("links.md", "[" * 100_000 + "](" * 30_000),
        ("brackets.md", "# readycheck: ignore[" * 20_000),
        ("numbers.md", "Max steps " + "1," * 300_000),
        ("runtime.yaml", 'max_runtime: "1' + " " * 100_000 + 'x"\n'),
        ("list.yaml", "items:\n" + "".join(f"  - {{max_steps: {i}}}\n" for i in range(12_000))),
        ("boot.sh", "timeout " + "--a " * 40 + "!\n" + "(( age" + "((" * 100_000 + "\n"),
        ("secret.json", '{"max_steps": 5, "x": "' + "tokena" * 30_000 + '"}'),
    ],
)
def test_no_quadratic_work_on_hostile_text(make_repo, name, text) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, name: text})
    start = time.perf_counter()
    check(root, Settings())  # each took minutes or more before
    assert time.perf_counter() - start < 10


def test_markdown_comments_and_links_read_as_before() -> None:
    import random
    import re

    from readycheck.parsers.markdown import _sub_comments, _sub_links

    comment = re.compile(r"<!--.*?-->", re.S)
    link = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
    pieces = ["[", "]", "(", ")", "!", "a", "\n", "<!--", "-->", "-", "<", ">"]
    rng = random.Random(0)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _sub_links(text) == link.sub(r"\1 (\2)", text)
        assert _sub_comments(text, lambda c: f"<{len(c)}>") == comment.sub(
            lambda m: f"<{len(m.group())}>", text
        )


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abcDEF123ghiJKL456mnoPQR", "abcDEF123ghiJKL456mnoPQR"),
        ("postgres://admin:PgPassw0rd99@db.example.com/prod", "PgPassw0rd99"),
        ("bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"),
        ("key rk_live_51Hxxxxxxxxxxxxxxxxxxxx", "rk_live_51Hxxxxxxxxxxxxxxxxxxxx"),
        ("glpat-abcdefghij1234567890", "glpat-abcdefghij1234567890"),
    ],
)
def test_more_secret_shapes_are_masked(text: str, secret: str) -> None:
    from readycheck.redact import redact

    assert secret not in redact(text)


def test_secrets_never_leave_through_suppressions_quotes_init_or_boot(make_repo) -> None:  # type: ignore[no-untyped-def]
    import json

    aws, hexkey, stripe = (
        "AKIAIOSFODNN7EXAMPLE",
        "0123456789abcdef" * 2,
        "rk_live_51Hxxxxxxxxxxxxxxxxxxxx",
    )
    github = "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    webhook = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"
    soul = "\n\n".join(
        [
            "# SOUL",
            "If unsure, make your best guess.",
            f"<!-- readycheck: ignore[RC105] reason: accepted with {github} until: 2999-01-01 -->",
            "If unsure, make your best guess.",
            f"<!-- readycheck: ignore[{stripe}] reason: x -->",
            f"<!-- readycheck: ignore[RC401] reason: x until: {aws} -->",
            f"<!-- readycheck: ignore[RC402] reason: x until: {hexkey} -->",
            # A quote is cut at 60 characters: the key must be masked before it is cut.
            "Retry until it works " + "x" * 27 + " " + github + " now.",
        ]
    )
    root = make_repo(
        {
            "SOUL.md": soul + "\n",
            "readycheck.yaml": f"escalation: {{write_to: {webhook}}}\n",
            "current-task.json": json.dumps({"updated_at": github}),
            "outbox.json": json.dumps([{"title": f"key {github}"}]),
        }
    )
    secrets = [aws, hexkey, stripe, github, github[:12], webhook]
    shown = [
        run_cli("check", "--output-format", fmt, str(root)).stdout for fmt in ("json", "markdown")
    ]
    # init's diff shows the lines it edits, by design (a patch must apply); its summary not.
    shown += [run_cli("init", "--dry-run", str(root)).stderr]
    shown += [run_cli("boot", "--json", str(root)).stdout, run_cli("boot", str(root)).stdout]
    for text in shown:
        for secret in secrets:
            assert secret not in text, (secret, text)


def test_a_config_error_masks_the_value(make_repo) -> None:  # type: ignore[no-untyped-def]
    token = "sk-proj-AbCdEf0123456789GhIjKlMnOpQrSt"
    root = make_repo({"SOUL.md": SOUL, ".readycheck.yaml": f"fail-under: {token}\n"})
    for args in (("check",), ("init", "--dry-run")):
        result = run_cli(*args, str(root))
        assert result.returncode == 2 and "'****'" in result.stderr
        assert token not in result.stderr


def test_an_internal_error_masks_what_it_quotes(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import sys

    from readycheck import cli

    token = "sk-proj-AbCdEf0123456789GhIjKlMnOpQrSt"

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"could not handle {token}")

    monkeypatch.setattr(cli, "cli", boom)
    monkeypatch.setattr(sys, "argv", ["readycheck", "check"])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "internal error" in err and token not in err


def test_a_lone_surrogate_from_an_escape_never_breaks_an_output(make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            # JSON, YAML and Python escapes can all spell a lone surrogate.
            "limits.json": '{"max_steps": "\\ud800", "max_retries": "\\udcff forever"}',
            "limits.yaml": 'max_runtime: "\\ud800"\n',
            "bot.py": 'from agents import Agent\nAgent(instructions="Retry forever \\ud800 ok")\n',
        }
    )
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env |= {"PYTHONIOENCODING": "utf-8:strict", "READYCHECK_NO_CACHE": "1"}
    for fmt in ("text", "json", "sarif", "github", "junit", "markdown"):
        result = run_cli("check", "--output-format", fmt, str(root), env=env)
        assert result.returncode == 1, (fmt, result.stderr)
    baseline = tmp_path / "baseline.json"
    assert run_cli("check", "--write-baseline", str(baseline), str(root), env=env).returncode == 0
    # Written outside the scanned tree, the baseline re-matches every finding, escaped
    # surrogates included: every gap is accepted risk, so the gate opens.
    result = run_cli("check", "--baseline", str(baseline), str(root), env=env)
    assert result.returncode == 0 and "suppressed or baselined" in result.stdout
    assert run_cli("report", str(root), env=env).returncode == 0


@pytest.mark.parametrize(
    "entry",
    [
        {"fingerprint": ["x"]},
        {"fingerprint": {"a": 1}},
        {"fingerprint": "x", "path": 5},
        {"fingerprint": "x", "path": "a" * 5000},  # exists() raised "File name too long"
        {"fingerprint": "x", "path": "../../../../etc/passwd"},
    ],
)
def test_a_malformed_baseline_entry_is_no_crash(make_repo, tmp_path, entry) -> None:  # type: ignore[no-untyped-def]
    import json

    root = make_repo({"SOUL.md": SOUL})
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"tool": "readycheck", "findings": [entry]}))
    result = run_cli("check", "--baseline", str(baseline), str(root))
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr


def test_the_library_installs_no_signal_handler() -> None:
    # A timer re-armed for every path clobbered a host program's alarm and bounded nothing
    # outside the main thread; untrusted patterns are matched by RE2 instead.
    package = Path(__file__).resolve().parent.parent / "readycheck"
    users = [
        p
        for p in package.rglob("*.py")
        if re.search(r"^\s*(import|from) signal\b", p.read_text(), re.M)
    ]
    assert users == []


@pytest.mark.parametrize("folder", ["::error file=x,line=1::pwned", "##[error]pwned"])
def test_text_output_never_starts_a_workflow_command(make_repo, folder) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL})
    (root / folder).mkdir()
    (root / folder / "AGENTS.md").write_bytes(b"\xff\xfe invalid \x80")  # a located finding
    result = run_cli("check", "--output-format", "text", str(root))
    assert "Traceback" not in result.stderr
    assert "RC002" in result.stdout  # the finding in that folder is printed
    for line in result.stdout.splitlines():
        assert not line.startswith(("::", "##[")), line


def test_a_discord_bot_token_is_masked() -> None:
    from readycheck.redact import redact

    token = "MTEwNjk4NzY1NDMyMTA5ODc2NQ.GXyZab.abcdefghijklmnopqrstuvwxyz01234"
    assert token not in redact(f"DISCORD_BOT={token}") and "****" in redact(f"bot {token}")
