"""Bad input becomes a finding with a location, never a traceback, and quickly."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from readycheck.config import Settings
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
        ("notes.md", b"\xff\xfe\xfa invalid utf-8 \x80\n", "RC002", 1),
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
    with open(root / "big.md", "wb") as handle:
        handle.write(b"max_steps: 50\n" * (50 * 1024 * 1024 // 14))
    start = time.perf_counter()
    found = findings_for(root)
    assert time.perf_counter() - start < 5
    assert found["big.md"] == [("RC003", 1)]


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
            "bin.md": b"\x00\x00",
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
