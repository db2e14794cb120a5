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


def test_the_table_of_required_words_is_current() -> None:
    """readycheck's own patterns are answered from `literals_table` (parsing them cost 30 ms
    of each start-up): it must say what parsing them says, for every pattern and no other."""
    from readycheck.reading.literals import analyse, pattern_digest
    from readycheck.reading.literals_table import REQUIRED
    from tests.literals_table import own_patterns

    expected = {}
    for pattern in own_patterns():
        found = analyse(pattern)
        expected[pattern_digest(pattern)] = None if found is None else tuple(sorted(found))
    assert expected == REQUIRED, "stale: run python -m tests.literals_table"


def test_a_pattern_not_in_the_table_is_parsed() -> None:
    assert required_literals(r"\bnot in the table (yet|today)") == {"table"}
