"""Inline suppressions: accepted risk, written next to the evidence, with a reason.

    <!-- readycheck: ignore[RC401] reason: budget enforced by the job runner -->   Markdown
    # readycheck: ignore[RC403, budget-no-on-limit] reason: ... until: 2027-03-31  YAML, shell
    // readycheck: ignore-file[RC506] reason: ...                                  JSON5

A directive alone on its line applies to the next non-blank line; after other text, to its
own line; `ignore-file` to the whole file. A reason is mandatory (RC901), `until:` expires
the directive (RC902), a directive that suppresses nothing is reported (RC903), and an
unknown rule is reported (RC904). Suppressed findings are kept, with their reasons, as
accepted risk in every report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from readycheck.model import Document, Finding, Location

_DIRECTIVE = re.compile(
    r"(?P<lead>^.*?)(?:<!--|#|//)\s*readycheck:\s*(?P<kind>ignore-file|ignore)"
    r"\[(?P<codes>[^\]]*)\](?P<rest>.*?)(?:-->|$)"
)
# The directive up to its `[`. A line where no `]` follows the first of these holds no
# directive: `_DIRECTIVE` would find that out again from every later `#` (quadratic).
_OPENING = re.compile(r"(?:<!--|#|//)\s*readycheck:\s*(?:ignore-file|ignore)\[")
_UNTIL = re.compile(r"\buntil:\s*(\S+)")
_REASON = re.compile(r"\breason:\s*(.*?)\s*$")


@dataclass
class Directive:
    location: Location  # where the comment is
    codes: tuple[str, ...]
    reason: str
    until: str
    file_level: bool
    target_line: int  # the first line it covers (ignored when file_level)
    used: set[str]
    last_line: int = 0  # the last line it covers: a block above which it stands

    def covers(self, line: int) -> bool:
        return self.file_level or self.target_line <= line <= max(self.last_line, self.target_line)


def directives(doc: Document) -> list[Directive]:
    if "readycheck:" not in doc.text:
        return []
    lines = doc.text.splitlines()
    found: list[Directive] = []
    for number, line in enumerate(lines, 1):
        opening = _OPENING.search(line)
        if not opening or line.find("]", opening.end()) < 0:
            continue
        m = _DIRECTIVE.search(line)
        if not m:
            continue
        rest = m.group("rest")
        until_match = _UNTIL.search(rest)
        until = until_match.group(1) if until_match else ""
        if until_match:
            rest = rest[: until_match.start()] + rest[until_match.end() :]
        reason_match = _REASON.search(rest)
        reason = reason_match.group(1).strip() if reason_match else ""
        codes = tuple(c.strip() for c in m.group("codes").split(",") if c.strip())
        own_line = not m.group("lead").strip()
        target = _next_content_line(lines, number) if own_line else number
        column = len(m.group("lead")) + 1
        found.append(
            Directive(
                Location(doc.path, number, column),
                codes,
                reason,
                until,
                m.group("kind") == "ignore-file",
                target,
                set(),
                _block_end(lines, target, doc.kind) if own_line else target,
            )
        )
    return found


_HEADING = re.compile(r"^(#{1,6})\s")
_OPENS_BLOCK = re.compile(r"^(\s*)(- )?[\w\"'.-][^:#]*:\s*(#.*)?$")


def _block_end(lines: list[str], target: int, kind: str) -> int:
    """The last line of the block that starts at `target`: a Markdown section (up to the
    next heading of its level or above) or a YAML mapping key with nothing after its colon
    (up to the next line indented as little); else `target` itself."""
    if target > len(lines):
        return target
    first = lines[target - 1]
    heading = _HEADING.match(first) if kind == "markdown" else None
    if heading:
        level = len(heading.group(1))
        for index in range(target, len(lines)):
            other = _HEADING.match(lines[index])
            if other and len(other.group(1)) <= level:
                return index
        return len(lines)
    opens = _OPENS_BLOCK.match(first) if kind in ("yaml", "markdown", "text") else None
    if not opens:
        return target
    indent = len(opens.group(1))
    end = target
    for index in range(target, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if len(line) - len(line.lstrip()) <= indent:
            break
        end = index + 1
    return end


def _next_content_line(lines: list[str], number: int) -> int:
    for index in range(number, len(lines)):
        if lines[index].strip():
            return index + 1
    return number + 1


def matches(selector: str, rule: str, name: str) -> bool:
    """A code (RC401), a code prefix (RC4), a rule name (budget-missing) or ALL."""
    return selector == "ALL" or rule.startswith(selector) or selector == name


def apply(
    findings: list[Finding],
    docs: dict[str, Document],
    names: dict[str, str],
    today: date,
) -> tuple[list[Finding], list[tuple[Finding, Directive]], list[Finding]]:
    """(findings kept, (suppressed finding, directive) pairs, suppression-hygiene findings)."""
    active: list[Directive] = []
    hygiene: list[Finding] = []
    for doc in docs.values():
        for directive in directives(doc):
            unknown = [
                c
                for c in directive.codes
                if not any(matches(c, rule, name) for rule, name in names.items())
            ]
            for code in unknown:
                hygiene.append(
                    Finding(
                        "RC904",
                        f"suppression names unknown rule {code!r}",
                        directive.location,
                        "suppression",
                    )
                )
            if not directive.reason:
                hygiene.append(
                    Finding(
                        "RC901",
                        "suppression without a reason is not honoured: add `reason: ...`",
                        directive.location,
                        "suppression",
                    )
                )
                continue
            if directive.until and _expired(directive.until, today):
                hygiene.append(
                    Finding(
                        "RC902",
                        f"suppression expired on {directive.until}: the findings it "
                        "covered are reported again",
                        directive.location,
                        "suppression",
                    )
                )
                continue
            active.append(directive)

    kept: list[Finding] = []
    suppressed: list[tuple[Finding, Directive]] = []
    for finding in findings:
        covering = _covering(finding, active, names)
        if covering is None:
            kept.append(finding)
        else:
            suppressed.append((finding, covering))
    for directive in active:
        for code in directive.codes:
            if code not in directive.used and any(
                matches(code, rule, name) for rule, name in names.items()
            ):
                hygiene.append(
                    Finding(
                        "RC903",
                        f"unused suppression: {code} matches no finding here",
                        directive.location,
                        "suppression",
                    )
                )
    return kept, suppressed, hygiene


def _covering(
    finding: Finding, directives: list[Directive], names: dict[str, str]
) -> Directive | None:
    for directive in directives:
        if directive.location.path != finding.location.path:
            continue
        if not directive.covers(finding.location.line):
            continue
        for code in directive.codes:
            if matches(code, finding.rule, names.get(finding.rule, "")):
                directive.used.add(code)
                return directive
    return None


def _expired(until: str, today: date) -> bool:
    try:
        return date.fromisoformat(until) < today
    except ValueError:
        return True  # an unreadable date cannot keep a risk accepted
