"""Finding agents and the files each one reads."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from readycheck.config import Settings
from readycheck.discover import IGNORED_NAMES, Scan, discover
from readycheck.engine import check
from readycheck.gitindex import UnreadableIndex, parse_index
from readycheck.parsers import kind_of
from tests.conftest import write_files

SOUL = "# SOUL\n\nYou are an agent.\n"


def agents(root: Path, settings: Settings | None = None) -> dict[str, list[str]]:
    scan = discover(root, settings or Settings())
    return {a.root: a.files for a in scan.agents}


def test_markers_by_exact_name(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "a/SOUL.md": SOUL,
            "b/HEARTBEAT.md": "# beat\n",
            "c/BOOT.md": "# boot\n",
            "d/openclaw.json": "{}",
            "e/readycheck.yaml": "budget:\n  max_steps: 5\n",
            "f/agent.yaml": "pipeline: jenkins\n",  # no checklist block: not a manifest
            "g/crew/config/agents.yaml": "researcher:\n  role: r\n",
            "h/crew.jsonc": "{}",
            "i/langgraph.json": "{}",
            "j/SOUL.md.j2": SOUL,  # a template is no marker
            "k/AGENTS.md": "# coding assistant\n",
            "k/CLAUDE.md": "# coding assistant\n",
            "l/.claude/agents/reviewer.md": "# sub-agent\n",
        }
    )
    assert sorted(agents(root)) == ["a", "b", "c", "d", "e", "g/crew", "h", "i"]


def test_ancestor_files_apply_and_siblings_do_not(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "budget.yaml": "max_steps: 5\n",
            "agents/AGENTS.md": "shared\n",
            "agents/alpha/SOUL.md": SOUL,
            "agents/alpha/notes/extra.md": "alpha only\n",
            "agents/beta/SOUL.md": SOUL,
            "docs/guide.md": "not an ancestor\n",
        }
    )
    found = agents(root)
    assert found["agents/alpha"] == [
        "agents/AGENTS.md",
        "agents/alpha/SOUL.md",
        "agents/alpha/notes/extra.md",
        "budget.yaml",
    ]
    assert "agents/alpha/notes/extra.md" not in found["agents/beta"]
    assert "docs/guide.md" not in found["agents/beta"]


def test_nested_agent_files_belong_to_the_outer_agent_too(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, "sub/SOUL.md": SOUL, "sub/budget.yaml": "max_steps: 5\n"})
    found = agents(root)
    assert found["."] == ["SOUL.md", "sub/SOUL.md", "sub/budget.yaml"]
    assert found["sub"] == ["SOUL.md", "sub/SOUL.md", "sub/budget.yaml"]


def test_an_openclaw_instance_and_its_workspace(make_repo) -> None:  # type: ignore[no-untyped-def]
    # The instance directory (openclaw.json) and its workspace (SOUL.md) are one agent;
    # the workspace is scored on its own as well. A sibling instance stays apart.
    root = make_repo(
        {
            "instances/main/openclaw.json": "{}",
            "instances/main/workspace/SOUL.md": SOUL,
            "instances/main/workspace/TOOLS.md": "# tools\n",
            "instances/main/workspace/skills/escalate/SKILL.md": "# skill\n",
            "instances/other/openclaw.json": "{}",
        }
    )
    found = agents(root)
    assert sorted(found) == ["instances/main", "instances/main/workspace", "instances/other"]
    assert found["instances/main"] == [
        "instances/main/openclaw.json",
        "instances/main/workspace/SOUL.md",
        "instances/main/workspace/TOOLS.md",
        "instances/main/workspace/skills/escalate/SKILL.md",
    ]
    assert found["instances/main/workspace"] == found["instances/main"]
    assert found["instances/other"] == ["instances/other/openclaw.json"]


def test_gitignore_and_excludes(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            ".gitignore": "build/\n*.log.md\n",
            "SOUL.md": SOUL,
            "build/SOUL.md": SOUL,
            "run.log.md": "x\n",
            "node_modules/pkg/SOUL.md": SOUL,
            "vendor/x.md": "x\n",
        }
    )
    found = agents(root, Settings(extend_exclude=("vendor",)))
    assert list(found) == ["."]
    assert found["."] == ["SOUL.md"]
    assert "build" in agents(root, Settings(respect_gitignore=False))


def test_declared_agents_and_extra_markers(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "apps/sdk/main.py": "from agents import Agent, Runner\n",
            "apps/other/PERSONA.md": "# persona\n",
        }
    )
    assert agents(root) == {}
    found = agents(root, Settings(agents=("apps/sdk",), extra_markers=("PERSONA.md",)))
    assert sorted(found) == ["apps/other", "apps/sdk"]


def test_framework_code_without_marker_is_named_not_scored(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"apps/sdk/main.py": "from agents import Agent, Runner\n"})
    report = check(root, Settings())
    assert report.agents == []
    assert [f.rule for f in report.findings] == ["RC006"]
    assert any("apps/sdk" in note for note in report.notes)


def test_no_agent_found_note(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"AGENTS.md": "# coding assistant\n", "CLAUDE.md": "# rules\n"})
    report = check(root, Settings())
    assert report.agents == [] and report.notes[0].startswith("no agent found")


def test_a_package_init_is_no_boot_script() -> None:
    from readycheck.dialects.scripts import BOOT_SCRIPT, script_facts
    from readycheck.model import Document

    text = "import json\n\ntask = json.load(open('state/task.json'))\n"
    for path in ("pkg/__init__.py", "__init__.py", "src/agent/boot/__init__.py"):
        assert not BOOT_SCRIPT.search(path), path
        facts = script_facts(Document(path, "python", text=text))
        assert not [f for f in facts if f.item == "boot"], path
    for path in ("init.sh", "scripts/init.py", "pkg/boot.py", "bin/on_start.sh"):
        assert BOOT_SCRIPT.search(path), path
    assert [f.part for f in script_facts(Document("pkg/boot.py", "python", text=text))] == [
        "sequence",
        "task_read",
    ]


# Discovery agrees with git: the files read are the ones
# `git ls-files --cached --others --exclude-standard` lists, and the ones left out are the
# ones `git check-ignore` names. git runs here, in the tests, never in readycheck.

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")
TREE = (
    "SOUL.md",
    "top.md",
    "x.md",
    "ab.md",
    "Zeta.md",
    "1.md",
    "xy.md",
    "ay.md",
    "#hash.md",
    "!bang.md",
    "trailing.md",
    "spaced .md",
    "secret.md",
    "name.md",
    "run.log.md",
    "keep.log.md",
    ".openclaw/openclaw.json",
    ".openclaw/instances/agent_a/openclaw.json",
    ".openclaw/instances/agent_a/workspace/SOUL.md",
    ".openclaw/instances/other/notes.md",
    "build/out.md",
    "build/keep.md",
    "nested/a.md",
    "sub/nested/b.md",
    "sub/keep.log.md",
    "sub/run.log.md",
    "sub/local.md",
    "sub/sub/local.md",
    "sub/ignored/x.md",
    "docs/a.md",
    "docs/deep/b.md",
    "docs/deep/c.txt",
    "a/b.md",
    "a/x/b.md",
    "a/x/y/b.md",
    "a/b/c.md",
    "foo/bar.md",
    "foo/x/bar.md",
    "fooa/bar.md",
    "keep/this.md",
    "keep/that.md",
    "other/this.md",
    "x/name.md/inner.md",
    "deep/d.md",
    "p/deep/e.md",
    "p/q/agent_b/scratch.md",
    "p/q/agent_b/SOUL.md",
    "logs/keep/k.md",
    "app/logs/l.md",
    "app/logs/keep/k.md",
)
IGNORE_CASES: dict[str, dict[str, str | bytes]] = {
    "openclaw-negation": {".gitignore": ".openclaw/**\n!.openclaw/instances/agent_*/\n"},
    "openclaw-reinclude-step-by-step": {
        ".gitignore": ".openclaw/*\n!.openclaw/instances/\n.openclaw/instances/*\n"
        "!.openclaw/instances/agent_*/\n"
    },
    "no-reinclude-in-ignored-dir": {".gitignore": "build/\n!build/keep.md\n"},
    "negated-basename": {".gitignore": "*.md\n!SOUL.md\n!*/\n"},
    "whitelist": {".gitignore": "*\n!*/\n!*.md\n"},
    "anchored": {".gitignore": "/top.md\n/nested/\nsub/local.md\n"},
    "directory-anywhere": {".gitignore": "nested/\ndeep/\n"},
    "directory-only-vs-file": {".gitignore": "name.md/\n"},
    "double-star-middle": {".gitignore": "a/**/b.md\n"},
    "double-star-leading": {".gitignore": "**/logs/**\n!**/logs/keep/\n"},
    "double-star-trailing": {".gitignore": "docs/**\n!docs/deep/\n"},
    "double-star-after-literal": {".gitignore": "foo**/bar.md\n"},
    "star-does-not-cross": {".gitignore": "a/*/b.md\ndocs/*.md\n"},
    "agents-anywhere": {".gitignore": "**/agent_*/scratch.md\n"},
    "classes-and-escapes": {
        ".gitignore": "[a-b]*.md\n[!x]y.md\n[[:upper:]]*.md\n[[:digit:]].md\n\\#hash.md\n"
        "\\!bang.md\ntrailing.md   \nspaced\\ .md\n"
    },
    "question-mark": {".gitignore": "?.md\n??.md\n"},
    "nested-gitignore": {
        ".gitignore": "*.log.md\nsub/ignored/\nlocal.md\n",
        "sub/.gitignore": "!keep.log.md\n/local.md\n!local.md\n",
        "sub/sub/.gitignore": "!local.md\n",
    },
    "nested-gitignore-in-ignored-dir": {
        ".gitignore": "build/\n",
        "build/.gitignore": "!keep.md\n",
    },
    "docs-example": {".gitignore": "/*\n!/keep/\n/keep/*\n!/keep/this.md\n"},
    "bom-crlf-comments": {".gitignore": "\ufeff# a comment\r\nsecret.md\r\n\r\n   \n#x.md\n"},
    "lone-bang-and-slash": {".gitignore": "!\n/\nsecret.md\n"},
    "unterminated-class": {".gitignore": "[abc\nsecret.md\n"},
    "info-exclude": {".git/info/exclude": "secret.md\n", ".gitignore": "!secret.md\n"},
    "info-exclude-alone": {".git/info/exclude": "build/\n*.log.md\n"},
}


def git(root: Path, *args: str, stdin: str | None = None) -> str:
    """git on a test tree, away from the user's and the system's configuration."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(root / ".git" / "no-home"),
        "XDG_CONFIG_HOME": str(root / ".git" / "no-home"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    result = subprocess.run(
        ["git", *args], cwd=root, env=env, input=stdin, capture_output=True, text=True, timeout=60
    )
    assert result.returncode in (0, 1), result.stderr  # check-ignore: 1 when nothing is
    return result.stdout


def git_tree(root: Path, files: dict[str, str | bytes], *, init: tuple[str, ...] = ()) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", *init)
    return write_files(root, files)


def readable(rel: str) -> bool:
    name = rel.rpartition("/")[2]
    return kind_of(name) is not None and name not in IGNORED_NAMES


def assert_agrees_with_git(root: Path) -> Scan:
    scan = discover(root, Settings())
    listed = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    assert set(scan.files) == {rel for rel in listed.split("\0") if rel and readable(rel)}
    on_disk = {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }
    named = git(root, "check-ignore", "-z", "--stdin", stdin="\0".join(sorted(on_disk)))
    ignored = {rel for rel in named.split("\0") if rel}
    assert {rel for rel in on_disk - ignored if readable(rel)} == set(scan.files)
    return scan


@needs_git
@pytest.mark.parametrize("case", sorted(IGNORE_CASES))
def test_ignore_rules_agree_with_git(tmp_path: Path, case: str) -> None:
    root = git_tree(tmp_path / "repo", {rel: "x\n" for rel in TREE})
    for rel, content in IGNORE_CASES[case].items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content if isinstance(content, bytes) else content.encode())
    assert_agrees_with_git(root)


PATTERN_PIECES = (
    "a",
    "b",
    "*",
    "**",
    "/",
    "?",
    "[ab]",
    "[!a]",
    ".md",
    "[a-b]",
    "\\*",
    "[[:alpha:]]",
)
RANDOM_TREE = [
    f"{d}/{n}"
    for d in ("a", "ab", "a/c", "c/a", "a/a", "ab/c/a", "x.md")
    for n in ("x.md", "a.md", "b.md", "[a].md", "*.md", "ab.md", "?.md")
]


@needs_git
@pytest.mark.parametrize("seed", range(40))
def test_random_ignore_rules_agree_with_git(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)

    def pattern() -> str:
        text = "".join(rng.choice(PATTERN_PIECES) for _ in range(rng.randint(1, 4)))
        return ("!" if rng.random() < 0.3 else "") + text + ("/" if rng.random() < 0.2 else "")

    files: dict[str, str | bytes] = {rel: "x\n" for rel in [*RANDOM_TREE, "a.md", "b.md"]}
    files[".gitignore"] = "\n".join(pattern() for _ in range(rng.randint(1, 4))) + "\n"
    files[f"{rng.choice(['a', 'ab', 'a/c'])}/.gitignore"] = f"{pattern()}\n{pattern()}\n"
    assert_agrees_with_git(git_tree(tmp_path / "repo", files))


@needs_git
@pytest.mark.parametrize("case", ["openclaw-negation", "nested-gitignore", "whitelist"])
def test_ignore_rules_agree_with_git_outside_a_work_tree(tmp_path: Path, case: str) -> None:
    # A tree without .git is read the same way: its .gitignore files still apply.
    root = git_tree(tmp_path / "repo", {rel: "x\n" for rel in TREE})
    for rel, content in IGNORE_CASES[case].items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content if isinstance(content, bytes) else content.encode())
    expected = set(assert_agrees_with_git(root).files)
    shutil.rmtree(root / ".git")
    assert set(discover(root, Settings()).files) == expected


@needs_git
def test_a_linked_gitignore_is_not_followed(tmp_path: Path) -> None:
    root = git_tree(
        tmp_path / "repo", {"SOUL.md": SOUL, "secret.md": "x\n", "rules": "secret.md\n"}
    )
    (root / ".gitignore").symlink_to(root / "rules")
    assert "secret.md" in assert_agrees_with_git(root).files


@needs_git
@pytest.mark.parametrize("version", ["2", "3", "4"])
def test_tracked_files_are_never_ignored(tmp_path: Path, version: str) -> None:
    files: dict[str, str | bytes] = {
        ".gitignore": "SOUL.md\nbuild/\n.openclaw/**\n!.openclaw/instances/agent_*/\n",
        "SOUL.md": SOUL,
        "budget.yaml": "max_steps: 5\n",
        "build/agent/SOUL.md": SOUL,
        "build/agent/untracked.md": "x\n",
        "build/other.md": "x\n",
        ".openclaw/instances/agent_a/openclaw.json": "{}",
        ".openclaw/instances/agent_a/workspace/SOUL.md": SOUL,
        ".openclaw/instances/agent_b/workspace/SOUL.md": SOUL,
    }
    root = git_tree(tmp_path / "repo", files)
    tracked = [
        "SOUL.md",
        "build/agent/SOUL.md",
        ".openclaw/instances/agent_a/openclaw.json",
        ".openclaw/instances/agent_a/workspace/SOUL.md",
    ]
    git(root, "add", "-f", *tracked)
    if version == "3":
        git(root, "add", "-N", "budget.yaml")  # intent-to-add: an extended entry
    git(root, "update-index", "--index-version", version)
    scan = assert_agrees_with_git(root)
    assert [a.root for a in scan.agents] == [
        ".",
        ".openclaw/instances/agent_a",
        ".openclaw/instances/agent_a/workspace",
        "build/agent",
    ]
    assert not scan.problems


@needs_git
def test_a_sha256_index_is_read(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    try:
        git_tree(
            root, {".gitignore": "SOUL.md\n", "SOUL.md": SOUL}, init=("--object-format=sha256",)
        )
    except AssertionError:
        pytest.skip("this git makes no SHA-256 repositories")
    git(root, "add", "-f", "SOUL.md")
    assert "SOUL.md" in assert_agrees_with_git(root).files


@needs_git
def test_an_index_that_cannot_be_read_is_said(tmp_path: Path) -> None:
    root = git_tree(tmp_path / "repo", {".gitignore": "SOUL.md\n", "SOUL.md": SOUL, "a.md": "x\n"})
    git(root, "add", "-f", "SOUL.md", "a.md")
    git(root, "update-index", "--split-index")
    scan = discover(root, Settings())
    assert list(scan.files) == ["a.md"]  # the .gitignore applies as before
    assert [(rel, p.rule) for rel, p in scan.problems] == [(".git/index", "RC002")]
    assert "split index" in scan.problems[0][1].message


@needs_git
def test_a_damaged_index_is_refused_never_misread(tmp_path: Path) -> None:
    root = git_tree(tmp_path / "repo", {rel: "x\n" for rel in TREE})
    git(root, "add", "-f", *TREE[:20])
    for version in ("2", "4"):
        git(root, "update-index", "--index-version", version)
        data = (root / ".git" / "index").read_bytes()
        assert [name.decode() for name, _ in parse_index(data)] == sorted(TREE[:20])
        rng = random.Random(version)
        for _ in range(300):
            damaged = bytearray(data)
            if rng.random() < 0.5:
                del damaged[rng.randrange(len(damaged)) :]
            else:
                damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
            with pytest.raises(UnreadableIndex):
                parse_index(bytes(damaged))  # the checksum no longer matches


@needs_git
def test_an_index_without_checksum_is_parsed_with_care(tmp_path: Path) -> None:
    # index.skipHash leaves the checksum zero: the structure alone must hold together,
    # and damage yields UnreadableIndex or some list of paths, never another error.
    root = git_tree(tmp_path / "repo", {rel: "x\n" for rel in TREE})
    git(root, "add", "-f", *TREE[:20])
    data = (root / ".git" / "index").read_bytes()[:-20] + bytes(20)
    assert [name.decode() for name, _ in parse_index(data)] == sorted(TREE[:20])
    rng = random.Random(7)
    for _ in range(500):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged) - 20)] = rng.randrange(256)
        with contextlib.suppress(UnreadableIndex):
            parse_index(bytes(damaged))


def test_a_version_4_index_cannot_spell_names_that_fill_memory() -> None:
    # Each entry keeps the previous name and adds a byte: 5,000 entries of 64 bytes
    # would spell 12 MB of names; at 5 million, terabytes.
    entries = []
    for length in range(1, 5001):
        stat_data = bytes(24) + (0o100644).to_bytes(4, "big") + bytes(12)
        flags = min(length, 0xFFF).to_bytes(2, "big")
        entries.append(stat_data + bytes(20) + flags + b"\x00a\x00")
    body = b"DIRC" + (4).to_bytes(4, "big") + (5000).to_bytes(4, "big") + b"".join(entries)
    with pytest.raises(UnreadableIndex, match="bound"):
        parse_index(body + hashlib.sha1(body).digest())


def test_discovery_never_runs_a_program(make_repo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A scanned repository's .git/config may name hooks, an fsmonitor or filters: git
    # would run them. Discovery reads .git/index itself and starts no process.
    root = make_repo(
        {
            "SOUL.md": SOUL,
            ".git/config": "[core]\n\tfsmonitor = touch pwned\n\thooksPath = .\n",
            ".git/index": b"DIRC\x00\x00\x00\x02\x00\x00\x00\x00" + bytes(20),
        }
    )

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("discovery started a process")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(os, "system", refuse)
    assert [a.root for a in discover(root, Settings()).agents] == ["."]
    assert not (root / "pwned").exists()
