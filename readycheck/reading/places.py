"""Where a sentence or key sits, as far as its meaning depends on it."""

from __future__ import annotations

import re

_TOOL_DIR = re.compile(r"(^|/)skills/")
_SKILL = re.compile(r"^(.*?(?:^|/)skills/[^/]+)/")


def tool_file(path: str) -> bool:
    """A file of a skill (its notes, references and scripts): it sets up a tool the agent
    uses, so its limits and timeouts are the tool's, not the agent's run."""
    return bool(_TOOL_DIR.search(path))


def skill_of(path: str) -> str:
    """The skill directory a file belongs to (`skills/email`), or "" for the agent's own."""
    m = _SKILL.match(path)
    return m.group(1) if m else ""
