"""Shell scripts, read line by line: commands become units, `VAR=value` becomes an entry.

Comment lines are dropped: a limit that exists only in a comment is not a limit.
"""

from __future__ import annotations

import re

from readycheck.bounds import ReadLimits
from readycheck.model import Document, Entry, Unit

_ASSIGN = re.compile(
    r"^\s*(?:export\s+|readonly\s+|local\s+|declare\s+(?:-\w+\s+)?)?"
    r"([A-Za-z_][A-Za-z0-9_]*)=(\S*)"
)
_DEFAULT = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$")


def parse_shell(doc: Document, limits: ReadLimits) -> None:
    for number, line in enumerate(doc.text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        doc.units.append(Unit(stripped, number))
        m = _ASSIGN.match(line)
        if m:
            value = m.group(2).strip("\"'")
            default = _DEFAULT.match(value)  # MAX_AGE=${MAX_AGE:-14400}
            doc.entries.append(
                Entry((m.group(1),), default.group(1) if default else value, number, 1)
            )
