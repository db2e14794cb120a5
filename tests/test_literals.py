"""The words a pattern requires (`readycheck.reading.literals`); the gates' own tests check
that this second gate never changes a match of any registered pattern."""

from __future__ import annotations

import pytest

from readycheck.reading.literals import required_literals


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\b(make|take) (a |your )?(best )?guess", {"guess"}),  # the longest, not "make"
        (r"\bslack\b|\bdiscord\b|e-?mail us", {"slack", "discord", "mail"}),
        (r"(page|notify) the (human|team)", {"page", "notify"}),  # not "the"
        (r"retr(y|ies)+ until", {"until"}),
        (r"(?-i:#[a-z]+)(alert|ops)", {"alert", "ops"}),
        (r"飞书|\bfeishu\b", {"飞书", "feishu"}),  # two characters of Chinese are a word
        (r"Ask (Patrick|Dana)", {"patrick", "dana"}),  # lower case, as the gates compare
    ],
)
def test_required_words(pattern: str, words: set[str]) -> None:
    assert required_literals(pattern) == words


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d+ ?(x|times)|\w+ed",  # one branch requires no word
        r"(guess)?",  # optional
        r"(?=guess)\w+",  # a lookahead consumes nothing
        r"[a-z]{3,}",
        r"a|b",  # too short to say anything
    ],
)
def test_nothing_required(pattern: str) -> None:
    assert required_literals(pattern) is None
