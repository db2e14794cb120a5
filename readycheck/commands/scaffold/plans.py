"""What `readycheck init` plans to write, and how it reads the files it edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from readycheck.bounds import DEFAULT_READ_LIMITS, read_head
from readycheck.model import Finding
from readycheck.redact import redact


class InitError(Exception):
    """init cannot run (not an agent, unreadable files...): the command exits 2."""


@dataclass
class Change:
    path: str  # POSIX, relative to the agent directory
    before: str | None  # None: a new file
    after: str
    what: str
    newline: str = "\n"
    bom: bool = False

    def data(self) -> bytes:
        text = self.after.replace("\n", self.newline) if self.newline != "\n" else self.after
        return ("\ufeff" if self.bom else "").encode() + text.encode("utf-8")


@dataclass
class Plan:
    agent: Path
    selected: tuple[str, ...]
    before: dict[str, str]  # item -> status before init
    changes: list[Change] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)  # findings init does not fix
    notes: list[str] = field(default_factory=list)  # what init could not write, and why
    kept: list[str] = field(default_factory=list)  # values the user set that do not count
    placeholders: dict[str, str] = field(default_factory=dict)  # placeholder -> item

    @property
    def empty(self) -> bool:
        return not self.changes


@dataclass
class SourceText:
    text: str
    newline: str = "\n"
    bom: bool = False


def read_text(path: Path) -> SourceText:
    limit = DEFAULT_READ_LIMITS.max_file_bytes
    try:
        raw = read_head(path, limit + 1)  # bounded, and never a FIFO or a device
    except OSError as exc:
        raise InitError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise InitError(f"{path} is over the {limit:,}-byte bound; init does not edit it")
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InitError(f"{path} is not UTF-8 text; init does not edit it") from None
    if "\r\n" in text and text.count("\n") == text.count("\r\n"):
        return SourceText(text.replace("\r\n", "\n"), "\r\n", bom)
    if "\r" in text and "\n" not in text:  # classic Mac line ends: new lines end so too
        return SourceText(text.replace("\r", "\n"), "\r", bom)
    return SourceText(text, "\n", bom)  # LF, or mixed line ends: kept byte for byte


def finding_line(f: Finding) -> str:
    # Item findings are the judges' raw ones: their quotes are not masked yet.
    message = redact(f.message)
    return f"{f.location.path}:{f.location.line}:{f.location.column}: {f.rule} {message}"
