"""Property-based fuzzing: random and mutated repositories through `readycheck check`.

Hypothesis writes small trees of Markdown, YAML, JSON, shell and Python files (generated,
then mutated byte by byte) under odd names, with links in and out of the tree, and runs
the real command line on them: `check` in every output format, `report`, and `init
--dry-run` and `boot` on the agents found. Whatever the repository holds, `check` exits 0
or 1 (2 is for usage, configuration and internal errors, never for input), no command
prints a traceback or the secret planted in the tree, and every output parses (JSON, SARIF
against the official schema, JUnit as XML, GitHub workflow commands well formed).

The suite runs the short profile (few examples, derandomized, no deadline); the long one is
`HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py` (see README, Development).
"""

from __future__ import annotations

import json
import os
import re
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readycheck.cli import cli
from tests.conftest import ROOT

settings.register_profile(
    "short",
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "short"))

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
ENV = {
    "GITHUB_ACTIONS": None,
    "GITHUB_STEP_SUMMARY": None,
    "READYCHECK_OUTPUT_FORMAT": None,
    "READYCHECK_NO_CACHE": "1",
}

# Words readycheck reads, so that generated text reaches the item readers, not only the
# parsers.
WORDS = [
    "stop", "ask", "a human", "uncertain", "retry", "until it works", "max_steps", "5",
    "tokens", "15 minutes", "dead-letter", "failed-tasks.json", "outbox.json", "alert",
    "#ops", "slack", "schema", "on_invalid: reject", "current-task.json", "stale", "4h",
    "budget", "escalate", "::error file=x::", "%0A", "<script>", "@octocat", "readycheck:",
    "ignore[RC401]", "reason:", "\u202e", "\ufeff", "\x00", "\udcff", "é", "飞书", "`", "|",
]  # fmt: skip
NAMES = [
    "SOUL.md", "AGENTS.md", "HEARTBEAT.md", "BOOT.md", "readycheck.yaml", "agent.yaml",
    "budget.yaml", "openclaw.json", "crew.jsonc", "langgraph.json", "config/agents.yaml",
    "schemas/out.schema.json", "examples/out.json", "state/current-task.json", "outbox.json",
    "scripts/boot.sh", "agent.py", ".gitignore", ".readycheck.yaml", "pyproject.toml",
    "notes.txt", "-rf.md", "a b/ c.md", "::error file=x::/SOUL.md", "%0A.md", "x\ny.md",
    "\u202egnp.md", "deep/" * 12 + "SOUL.md", ".hidden/SOUL.md", "ünï/SOUL.md",
]  # fmt: skip

text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=20)), max_size=30).map(" ".join)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text,
    st.sampled_from(WORDS),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(WORDS), st.text(max_size=10)), inner, max_size=4),
    ),
    max_leaves=20,
)


@st.composite
def markdown(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(
            st.one_of(
                text.map(lambda t: "# " + t),
                text.map(lambda t: "## " + t),
                text.map(lambda t: "- " + t),
                text.map(lambda t: "| " + t + " |"),
                st.just("```yaml"),
                st.just("```"),
                text,
            ),
            max_size=15,
        )
    )
    return "\n".join(lines)


def _dump_yaml(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True)


contents = st.one_of(
    markdown(),
    values.map(lambda v: json.dumps(v, ensure_ascii=False)),
    values.map(lambda v: {"type": "object", "properties": v} if isinstance(v, dict) else v).map(
        json.dumps
    ),
    values.filter(lambda v: not isinstance(v, str) or "\x00" not in v).map(_dump_yaml),
    text.map(lambda t: f"#!/bin/sh\nreadycheck boot . --max-age 4h\nretry {t}\nexit 1\n"),
    text.map(lambda t: f"from crewai import Agent\nAgent(max_iter=5, role={t!r})\n"),
    st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape")),
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """Generated content, then a few bytes inserted, deleted or replaced."""
    data = bytearray(draw(contents).encode("utf-8", "surrogateescape"))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = draw(st.integers(0, 255))
        if action == "insert":
            data.insert(at, byte)
        elif at < len(data):
            if action == "delete":
                del data[at]
            else:
                data[at] = byte
    return bytes(data)


trees = st.dictionaries(
    st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=12)), mutated(), max_size=6
)
# Links in the tree: to a file inside it, to itself, nowhere, and out of it.
links = st.dictionaries(
    st.sampled_from(["AGENTS.md", "budget.yaml", "docs/link", "loop", "out.json"]),
    st.sampled_from(["SOUL.md", "loop", "missing", "..", "/etc/passwd", "/dev/zero", "/"]),
    max_size=3,
)


def write_links(root: Path, targets: dict[str, str]) -> None:
    for name, target in targets.items():
        path = root / name
        if path.exists() or path.is_symlink():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        parts = [p for p in name.split("/") if p not in ("", ".", "..")]
        if not parts:
            continue
        path = root.joinpath(*(os.fsencode(p).decode("utf-8", "surrogateescape") for p in parts))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        except (OSError, ValueError):  # a name this file system refuses: not our concern
            continue


@lru_cache(maxsize=1)
def sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


# A secret planted in every tree: no output of any command may print it.
SECRET = "sk-proj-" + "Zq8Xw2Lm4Np6Rt1Vb3Yc5Hd7Jf9Kg0Ms2Qa4We6Ty8Ui"
GITHUB_COMMAND = re.compile(r"^::(error|warning|notice|debug)( [^:]*)?::|^::(group|endgroup)::")


def invoke(args: list[str]) -> Any:
    """A command through the CLI runner: never a traceback, never the planted secret."""
    result = CliRunner().invoke(cli, args, env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        raise AssertionError("".join(traceback.format_exception(*result.exc_info)))
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout and SECRET not in result.stderr
    return result


def run_check(root: Path, fmt: str) -> Any:
    result = invoke(["check", "--output-format", fmt, str(root)])
    if result.exit_code == 2:
        # The project's own config file is configuration, not input: an invalid one is a
        # documented exit 2, with one line naming the file.
        assert result.stderr.startswith("readycheck: invalid config: "), result.stderr
        assert result.stderr.count("\n") <= 3, result.stderr
        return None
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    if fmt in ("json", "sarif"):
        return json.loads(result.stdout)
    if fmt == "junit":
        ElementTree.fromstring(result.stdout)  # well-formed XML
    if fmt == "github":
        for line in result.stdout.splitlines():
            if line.startswith("::"):
                assert GITHUB_COMMAND.match(line), line
    return result.stdout


@given(files=trees, symlinks=links, with_marker=st.booleans())
def test_any_repository_gives_a_verdict_and_output_that_parses(
    tmp_path_factory: Any, files: dict[str, bytes], symlinks: dict[str, str], with_marker: bool
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    if with_marker:
        (root / "SOUL.md").write_text("# Agent\n", encoding="utf-8")
    write_tree(root, files)
    write_links(root, symlinks)
    (root / ".env.example").write_text(f"OPENAI_API_KEY={SECRET}\n", encoding="utf-8")
    report = run_check(root, "json")
    if report is None:
        return
    assert isinstance(report, dict) and "agents" in report
    sarif = run_check(root, "sarif")
    errors = [e.message for e in sarif_validator().iter_errors(sarif)]
    assert not errors, errors[:3]
    for fmt in ("text", "github", "junit", "markdown"):
        run_check(root, fmt)
    assert invoke(["report", str(root)]).exit_code == 0
    for agent in report["agents"][:2]:
        where = str(root / agent["path"]) if agent["path"] != "." else str(root)
        for args in (["init", "--dry-run", where], ["boot", where]):
            result = invoke(args)
            assert result.exit_code in (0, 1, 2), (args, result.exit_code)
            if args[0] == "boot" and result.stdout.startswith("readycheck boot: INVALID"):
                continue  # boot's documented verdict for unreadable state files (README)
            if result.exit_code == 2:  # a refusal or usage error: one clear message
                message = result.stderr.strip()
                assert message and message.count("\n") <= 3, (args, result.stdout[-500:])
