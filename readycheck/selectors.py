"""Rule selectors (`RC401`, a prefix such as `RC4`, a rule name such as `budget-missing`,
or `ALL`) checked before a run: a typo must stop the run, not open the gate."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from readycheck.registry import all_rules


def known(selector: str) -> bool:
    """Whether the selector names at least one rule."""
    if selector == "ALL":
        return True
    rules = all_rules()
    return any(code.startswith(selector) or rule.name == selector for code, rule in rules.items())


def unknown_message(selector: str, where: str) -> str:
    """'unknown rule selector ... in WHERE; did you mean ...?'"""
    rules = all_rules()
    words = [*rules, *(r.name for r in rules.values())]
    close = difflib.get_close_matches(selector, words, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else "; see `readycheck rules`"
    return f"unknown rule selector {selector!r} in {where}{hint}"


def check_all(groups: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
    """The messages for every unknown selector of every (where, selectors) group."""
    return [
        unknown_message(s, where) for where, selectors in groups for s in selectors if not known(s)
    ]
