"""What a file is to an agent: only what configures or instructs it is evidence.

Every file under an agent (and directly in its ancestor directories) gets a role from its
name and place (and, for readycheck's own outputs, its first bytes). The roles that count
are the agent's instructions, configs, schemas, state files, scripts and code; the rest —
documentation, tests, data records, other tools' configs, readycheck's own outputs, other
Markdown — counts only where a counted file points to it by path ("follow
docs/escalation.md").
"""

from __future__ import annotations

import re
from typing import Literal

from readycheck.checklist.dlq.words import FAILED_TASK_STORE
from readycheck.checklist.state.contract import DEFAULT_NAMES, STATE_FILES

Role = Literal[
    "instruction",
    "config",
    "schema",
    "state",
    "script",
    "code",
    "referenced",
    "documentation",
    "test",
    "data",
    "tool-config",
    "readycheck-output",
    "other",
]
COUNTED: frozenset[str] = frozenset(
    {"instruction", "config", "schema", "state", "script", "code", "referenced"}
)

# Markdown and text an agent runs on, by file stem (case-insensitive).
_INSTRUCTION_STEMS = frozenset(
    {
        "soul",
        "agents",
        "agent",
        "claude",
        "gemini",
        "boot",
        "bootstrap",
        "heartbeat",
        "identity",
        "tools",
        "user",
        "skill",
        "instructions",
        "persona",
        "rules",
        "copilot-instructions",
        "system",
    }
)
# Stems that name a prompt or instruction file wherever it is: `system_prompt.md`,
# `triage-prompt.txt`, `researcher.prompt.md`.
_PROMPT_WORD = re.compile(r"prompt|instruction|persona|system[-_ ]?message", re.I)
# Directories whose Markdown and text files are prompts: `prompts/writer.md`,
# `agents/ceo.md`, `skills/triage/SKILL.md`.
_PROMPT_DIRS = frozenset({"prompts", "prompt", "agents", "personas", "roles", "instructions"})
_DOC_DIRS = frozenset(
    {
        "docs",
        "doc",
        "documentation",
        "research",
        "notebooks",
        "wiki",
        "adr",
        "adrs",
        "rfcs",
        "design",
        "specs",
        "reference",
        "references",
        "examples-docs",
    }
)
# `adk-reference-notes/`, `api-docs/`, `user_guide/`: documentation by its folder's name.
_DOC_DIR_WORD = re.compile(
    r"(^|[-_.])(docs?|documentation|references?|notes|wiki|tutorials?|guides?|manuals?"
    r"|cookbook|handbook)([-_.]|$)"
)
_TEST_DIRS = frozenset({"tests", "test", "__tests__", "eval", "evals", "evaluation", "benchmarks"})
_DATA_DIRS = frozenset(
    {
        "memory",
        "state",  # a script's saved records; the contract's state files are known by name
        ".state",
        "cache",
        ".cache",
        "memories",
        "logs",
        "log",
        "journal",
        "diary",
        "archive",
        "archives",
        "backups",
        "knowledge",
        "data",
        "datasets",
    }
)
# Other projects' files and generated output.
_VENDOR_DIRS = frozenset(
    {
        "vendor",
        "vendored",
        "third_party",
        "site-packages",
        "python_packages",
        ".next",
        ".nuxt",
        ".output",
        "dist",
        "coverage",
    }
)
_DOC_NAME = re.compile(
    r"^(readme|changelog|changes|history|contributing|license|licence|copying|notice|authors"
    r"|security|code_of_conduct|support|maintainers|codeowners|funding|citation)([._-]|$)"
    r"|^llms(-full)?\.txt$",
    re.I,
)
# Configuration of tools that are not the agent: hosting, containers, web servers, editors,
# linters, package managers.
_TOOL_CONFIG = re.compile(
    r"^(railway|vercel|netlify|fly|render|heroku|firebase|wrangler|serverless"
    r"|nixpacks|procfile)\.(json|toml|ya?ml)$"
    r"|^(docker-)?compose([.-][\w-]+)?\.ya?ml$|^dockerfile|^\.?(eslint|prettier|stylelint"
    r"|babel|jest|vitest|tsconfig|jsconfig|tslint|markdownlint|commitlint|lint-staged|renovate"
    r"|dependabot|codecov|mkdocs|netlify|turbo|nx|lerna|biome|deno|bunfig|components"
    r"|tailwind|postcss|vite|webpack|rollup|next|nuxt|svelte|astro)([.-][\w.-]*)?$"
    r"|^(package|package-lock|composer|pnpm-lock|yarn|poetry|uv|pipfile|cargo|go)\.(json|lock"
    r"|ya?ml|toml)$|^\.(vscode|idea|devcontainer)$|^settings\.json$|^launch\.json$"
    r"|^(nginx|caddy|apache|httpd|supervisord?)([.-][\w.-]*)?\.(conf|ya?ml|json)$",
    re.I,
)
# Shell completion scripts of a command-line tool ("--failure-alert-mode[...]").
_COMPLETION_DIRS = frozenset({"completions", "completion", "bash_completion.d", "zsh-completions"})
_COMPLETION_NAME = re.compile(r"[-_.]completions?(\.(bash|zsh|fish|sh))?$|^_[\w-]+\.zsh$", re.I)
# Test and build scripts of the repository, not the agent.
_TEST_FILE = re.compile(r"^(test_.*|.*_test|conftest|.*\.test|.*\.spec)\.(py|sh|js|ts)$", re.I)
_DATA_NAME = re.compile(
    r"(^|[-_.])(board|kanban|backlog|history|cache|transcript|conversation|chat[-_]?log"
    r"|events|metrics|analytics|usage|stats|results|benchmarks?)([-_.]|$)|\.jsonl$|\.log$|^\d{4}-\d{2}-\d{2}",
    re.I,
)
# Other Markdown whose name says it is a policy for the agent counts (`escalation.md`,
# `policies/limits.md`); design notes, plans and write-ups do not.
_POLICY_WORD = re.compile(
    r"escalat|budget|limit|polic|guardrail|startup|start-up|boot|retr|dead[-_]?letter|dlq"
    r"|output[-_]?format|monitor|alert|notif|state[-_]?files?|schema",
    re.I,
)
_WRITE_UP_WORD = re.compile(
    r"design|plan|architect|cost|note|roadmap|proposal|decision|analysis|report|summary"
    r"|review|todo|idea|draft|research|status|progress|changelog|spec|mission[-_]?control",
    re.I,
)
_READYCHECK_OUTPUT = re.compile(r"^\.?readycheck[-_.]?(baseline|report|results?|junit|sarif)", re.I)


def role_of(rel: str, kind: str, head: str = "") -> Role:
    """The role of the file at `rel` (POSIX, relative to the project root) whose parser
    kind is `kind`; `head` is the start of its text, for readycheck's own outputs."""
    *folders, name = rel.split("/")
    low = name.lower()
    stem = low.split(".", 1)[0]
    dirs = {part.lower() for part in folders}
    if _READYCHECK_OUTPUT.match(name) or _is_readycheck_output(head):
        return "readycheck-output"
    if dirs & _VENDOR_DIRS:
        return "documentation"
    if _DOC_NAME.match(name) or low.endswith(".ipynb"):
        return "documentation"
    if dirs & _TEST_DIRS or _TEST_FILE.match(name):
        return "test"
    if dirs & _DOC_DIRS or any(_DOC_DIR_WORD.search(d) for d in dirs):
        return "documentation"
    if _TOOL_CONFIG.match(name) or ".github/ISSUE_TEMPLATE" in rel:
        return "tool-config"
    if dirs & _COMPLETION_DIRS or _COMPLETION_NAME.search(name):
        return "tool-config"  # a CLI's shell completions: its options are not the agent's
    if kind in ("json", "json5", "yaml") and (
        low in _STATE_NAMES or any(rx.search(low) for rx in STATE_FILES.values())
    ):
        return "state"  # a state file, in any directory of the agent's
    if low.endswith((".schema.json", ".schema.yaml", ".schema.yml")):
        return "schema"
    if kind in ("json", "json5", "yaml") and FAILED_TASK_STORE.search(rel):
        return "state"  # the failed-task store of the dead letter queue
    if kind in ("markdown", "text"):
        if dirs & _DATA_DIRS or stem == "memory" or _DATA_NAME.search(name):
            return "data"
        if stem in _INSTRUCTION_STEMS or _PROMPT_WORD.search(stem):
            return "instruction"
        parent = folders[-1].lower() if folders else ""
        if parent in _PROMPT_DIRS or "skills" in dirs:
            return "instruction" if _skill_or_prompt(parent, low, kind) else "other"
        topic = f"{parent} {stem}"
        if kind == "markdown" and _POLICY_WORD.search(topic) and not _WRITE_UP_WORD.search(topic):
            return "instruction"
        return "other"
    if dirs & _DATA_DIRS or _DATA_NAME.search(name):
        return "data"
    if kind == "shell":
        return "script"
    if kind == "python":
        return "code"
    if kind in ("json", "json5", "yaml", "toml", "dotenv"):
        return "config"
    return "other"


def _skill_or_prompt(parent: str, name: str, kind: str) -> bool:
    """A skill's own file (`skills/x/SKILL.md`) or a prompt in a prompts directory (a text
    file only in `prompts/` itself); a skill's reference notes count only where the skill
    points to them."""
    if kind == "text":
        return parent in ("prompts", "prompt", "instructions")
    return parent in _PROMPT_DIRS or name == "skill.md"


def _is_readycheck_output(head: str) -> bool:
    """A report, SARIF log or baseline that readycheck wrote, whatever its name."""
    start = head[:600]
    if "readycheck" not in start:
        return False
    return bool(
        re.search(r'"(fingerprints?|findings|agents|runs)"\s*:', start)
        or "<testsuites" in start
        or bool(re.match(r"#+\s*\W*\s*readycheck\b", start.lstrip()))
    )


_STATE_NAMES = frozenset(DEFAULT_NAMES.values())

# A path in an instruction or config: `docs/escalation.md`, "./runbooks/oncall.md".
_POINTER = re.compile(
    r"(?<![\w/.:-])((?:\.{1,2}/)*[\w][\w./-]*\.(?:md|markdown|txt|ya?ml|json|toml))\b"
)


def pointers(text: str, base: str) -> frozenset[str]:
    """The paths that `text` (a file in directory `base`) names, relative to that directory
    or to the project root, normalised: what it may point to."""
    found: set[str] = set()
    parts = [] if base in ("", ".") else base.split("/")
    # Relative to the file's directory or any directory above it (a workspace's own root).
    prefixes = ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]
    for m in _POINTER.finditer(text):
        ref = m.group(1).lstrip("/")
        for prefix in prefixes:
            found.add(_normalise(f"{prefix}/{ref}" if prefix else ref))
    return frozenset(found)


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)
