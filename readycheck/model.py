"""The data that flows through readycheck: documents, facts, findings and the report.

discover -> parse (Document) -> extract (Fact) -> judge (ItemResult + Finding) -> score -> render.
Everything here is plain, immutable-ish data; no module below prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["pass", "partial", "fail", "n/a"]
Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based position in a file; `path` is POSIX, relative to the scanned root."""

    path: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Entry:
    """One key or scalar of a structured document (YAML/JSON/TOML/fenced block).

    `keys` is the path from the document root (strings for mapping keys, ints for list
    indices); `value` is the Python value (for mappings and lists, the container).
    """

    keys: tuple[str | int, ...]
    value: Any
    line: int
    column: int = 1
    # Headings above a fenced block in Markdown: the section the entry was written in.
    context: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The last mapping key on the path ('' for the root or a list element)."""
        for k in reversed(self.keys):
            if isinstance(k, str):
                return k
        return ""


@dataclass(frozen=True)
class Unit:
    """A piece of prose: a paragraph, list item, table row, or string literal in code."""

    text: str
    line: int
    headings: tuple[str, ...] = ()
    # A lead-in such as "Delete these files:" that governs the list this unit belongs to.
    lead_in: str = ""


@dataclass
class Document:
    """A file parsed once. Parsers fill what their kind has; the rest stays empty."""

    path: str  # POSIX path relative to the scanned root
    kind: str  # markdown | yaml | json | toml | shell | python | text
    text: str = ""
    data: Any = None  # parsed structure (first document for YAML streams)
    entries: list[Entry] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    # Python only: imported module names and calls (see parsers.python).
    imports: dict[str, str] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    # Python only: short string constants (`"failed-tasks.json"`, `"state/outbox.json"`)
    # and `for <name> in range(<n>)` loops, as (variable, count, line, constant named as the
    # count, if any).
    names: list[tuple[str, int]] = field(default_factory=list)
    loops: list[tuple[str, float, int, str]] = field(default_factory=list)
    # `except ValidationError: raise`: the exceptions an `except` catches, and whether its
    # block raises, as (names, raises, line).
    handlers: list[tuple[tuple[str, ...], bool, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The frameworks whose config or code this is, once asked (see frameworks.extract).
    frameworks: frozenset[str] | None = None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def ok(self) -> bool:
        """True when the file was parsed without an error."""
        return not any(p.fatal for p in self.problems)


@dataclass(frozen=True)
class Call:
    """A call in Python source: resolved dotted name and its literal keyword values."""

    name: str  # resolved through the file's imports, e.g. "crewai.Agent"
    line: int
    column: int
    keywords: dict[str, Any]  # literal values; non-literals are represented by NonLiteral
    keyword_lines: dict[str, int] = field(default_factory=dict)
    args: tuple[Any, ...] = ()  # positional arguments, literal or NonLiteral
    function: str = ""  # the function it is written in ('' at module level)
    handler: bool = False  # written inside an `except` block: it runs on a failure


class NonLiteral:
    """A keyword value that is not a literal (a name, a call...); its source text.

    Given as its syntax tree, the text is written (`ast.unparse`) only when first read: a
    large module has tens of thousands of call arguments, and writing each was a quarter
    of reading the module, for texts that are almost never read. Equal, hashed and printed
    as the text; pickled (from a worker to its parent) as the text."""

    __slots__ = ("_node", "_source")

    def __init__(self, source: str | None = None, node: Any = None) -> None:
        self._source = source
        self._node = node

    @property
    def source(self) -> str:
        if self._source is None:
            import ast  # already loaded by whoever parsed the node

            try:
                self._source = ast.unparse(self._node)
            except (ValueError, RecursionError, MemoryError):  # 10,000 digits, deep nesting
                self._source = "<expression>"
            self._node = None
        return self._source

    def __eq__(self, other: object) -> bool:
        return type(other) is NonLiteral and self.source == other.source

    def __hash__(self) -> int:
        return hash((self.source,))

    def __repr__(self) -> str:
        return f"NonLiteral(source={self.source!r})"

    def __reduce__(self) -> tuple[type[NonLiteral], tuple[str]]:
        # Sent from a worker process as text: written there, in parallel, and a string
        # unpickles ten times faster than a syntax tree in the parent, which waits for it.
        return (NonLiteral, (self.source,))


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file itself, found while reading or parsing it."""

    rule: str  # an RC0xx rule
    message: str
    line: int = 1
    column: int = 1
    fatal: bool = True  # the file's content could not be used


@dataclass(frozen=True)
class Fact:
    """A piece of evidence for one part of one checklist item.

    `part` names what the fact shows (e.g. 'trigger', 'limit', 'route'); `value` carries
    the detail an item needs (a parsed limit, a file name...). `source` names the dialect
    (manifest, prose, openclaw, crewai...) and `key` the native setting, when there is one.
    """

    item: str
    part: str
    location: Location
    text: str = ""
    source: str = ""
    key: str = ""
    value: Any = None


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    location: Location
    item: str = "general"
    severity: Severity = "error"
    agent: str = ""


@dataclass(frozen=True)
class Suppressed:
    """A finding that an inline suppression or the baseline accepted, and why: accepted
    risk is listed in every report, never dropped silently."""

    finding: Finding
    reason: str
    source: Location | None = None  # where the suppression comment is
    until: str = ""  # ISO date after which the suppression expires


@dataclass
class ItemResult:
    item: str
    status: Status
    evidence: list[Location] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    native_keys: list[str] = field(default_factory=list)
    reason: str = ""  # for n/a


@dataclass
class AgentReport:
    path: str  # agent root relative to the scanned root; "." for the root itself
    markers: list[str]
    frameworks: list[str]
    items: list[ItemResult]
    score: float = 0.0
    ready: bool = False


@dataclass
class Report:
    root: str
    agents: list[AgentReport]
    findings: list[Finding]  # every finding, agent-level and file-level, sorted
    notes: list[str] = field(default_factory=list)
    score: float = 0.0
    ready: bool = False
    suppressed: list[Suppressed] = field(default_factory=list)
    # Accepted findings left out of `suppressed` by the output bounds (reporters.bounds):
    # the summaries count them too.
    suppressed_not_shown: int = 0

    @property
    def accepted(self) -> int:
        """How many findings were accepted as risk, shown or not."""
        return len(self.suppressed) + self.suppressed_not_shown
