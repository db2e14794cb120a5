"""Sections and units that are not in force: planned, prohibited, to be deleted, placeholders."""

from __future__ import annotations

from readycheck.reading.gates import ignorecase

# A section whose heading says its content is not (yet) in force.
NEGATED_SECTION = ignorecase(
    r"\btodo\b|roadmap|\bfuture\b|known (gaps|issues|limitations)|not yet|wish ?list|"
    r"open questions|backlog|\bideas\b|\bplanned\b|deprecated|"
    r"\bunused\b|\bobsolete\b|\blegacy\b|\barchived\b"
)
# A section whose items are things the agent must NOT do: anti-patterns there are negated.
PROHIBITION_SECTION = ignorecase(
    r"\bnever\b|\bdon'?ts?\b|\bdo not\b|\bavoid\b|anti-?patterns?|forbidden|prohibit|"
    r"not allowed|must not|red lines?|what not to do|\bbanned\b"
)
# The lead-in of a list whose items are not in use ("Delete these files:").
DELETE_LIST = ignorecase(
    r"\bdelete\b|\bremove\b|do not use|don'?t use|deprecated|obsolete|\bunused\b|"
    r"\blegacy\b|no longer|not used|old files|clean ?up|ignore (these|the following)"
)
# A unit that opens with one of these is a placeholder, whatever follows it.
PLACEHOLDER_UNIT = ignorecase(
    r"^\W*(todo|tbd|fixme|none( yet)?|not yet|n/?a|nothing (yet|here)|coming soon|to do"
    r"|placeholder)\b"
)
