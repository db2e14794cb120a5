"""Baselines: adopt readycheck on a big repository without fixing everything first.

`--write-baseline FILE` records today's findings; `--baseline FILE` then reports only new
ones. A fingerprint is the rule, file, agent, message and the text of the finding's line —
not its number — so it survives lines moving; it changes when the evidence itself changes.
(Agent-level findings, anchored at line 1 of the marker file, leave the line text out.)
Paths are relative to the finding's project root (a separate project's prefix is taken
off), so a baseline matches whatever directory or path the run is given. Baselined
findings in the scanned scope that no longer occur are listed as fixed (or as gone with
their file).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from readycheck.bounds import read_whole
from readycheck.model import Document, Finding

# A baseline of 100,000 findings takes about 25 MB.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def fingerprint(finding: Finding, docs: dict[str, Document], prefixes: tuple[str, ...] = ()) -> str:
    """The finding's fingerprint; `prefixes` are the separate projects' roots in the run,
    whose findings are fingerprinted relative to their own root."""
    doc = docs.get(finding.location.path)
    line_text = ""
    # Agent-level findings point at line 1 of the marker file: its text is no evidence.
    at_anchor = (finding.location.line, finding.location.column) == (1, 1)
    if doc is not None and doc.text and not at_anchor:
        lines = doc.text.splitlines()
        if 0 < finding.location.line <= len(lines):
            line_text = " ".join(lines[finding.location.line - 1].split())
    prefix = max((p for p in prefixes if _under(finding.location.path, p)), key=len, default="")
    path, agent = _local(finding.location.path, prefix), _local(finding.agent, prefix)
    parts = (finding.rule, path, agent, finding.message, line_text)
    # "surrogatepass": a message may quote a lone surrogate from a JSON or YAML escape.
    data = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def _under(path: str, prefix: str) -> bool:
    return path.startswith(prefix + "/")


def _local(path: str, prefix: str) -> str:
    if not prefix or not path:
        return path
    return "." if path == prefix else path.removeprefix(prefix + "/")


def render(
    path: Path,
    findings: list[Finding],
    docs: dict[str, Document],
    prefixes: tuple[str, ...] = (),
    root: Path | None = None,
) -> str:
    """The text of the baseline of `findings` to be written at `path`; their paths are
    relative to the project `root`, and the file records where that root is from itself,
    so that a run given another path knows which entries are its own."""
    entries = [
        {
            "fingerprint": fingerprint(f, docs, prefixes),
            "rule": f.rule,
            "path": f.location.path,
            "agent": f.agent,
            "message": f.message,
        }
        for f in findings
    ]
    data: dict[str, object] = {"version": 1, "tool": "readycheck"}
    if root is not None:
        data["root"] = Path(os.path.relpath(root, path.resolve().parent)).as_posix()
    data["findings"] = entries
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass
class Baseline:
    entries: list[dict[str, str]]
    # How many times each fingerprint may still match: the projects of a run share it.
    left: Counter[str] = field(default_factory=Counter)

    # The project root the entries' paths are relative to, when the file says.
    root: Path | None = None
    # The file's content hash: the run cache keys on it.
    digest: str = ""

    def __post_init__(self) -> None:
        self.left = Counter(e["fingerprint"] for e in self.entries)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Raises ValueError when the file is not a readycheck baseline."""
        try:
            raw = read_whole(path, MAX_BASELINE_BYTES)
            data = json.loads(raw.decode("utf-8"))
        except OSError as exc:
            raise ValueError(f"{path}: cannot read baseline: {exc.strerror or exc}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read baseline: {exc}") from exc
        if (
            not isinstance(data, dict)
            or data.get("tool") != "readycheck"
            or not isinstance(data.get("findings"), list)
        ):
            raise ValueError(f"{path}: not a readycheck baseline (run --write-baseline)")
        # A baseline may sit in the repository under review: take only well-formed entries.
        entries = [
            e
            for e in data["findings"]
            if isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
        ]
        root = data.get("root")
        anchor = path.resolve().parent / root if isinstance(root, str) and root else None
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        return cls(entries, root=anchor, digest=digest)

    def split(
        self, findings: list[Finding], docs: dict[str, Document]
    ) -> tuple[list[Finding], list[Finding]]:
        """(new findings, baselined findings) of one project."""
        new: list[Finding] = []
        known: list[Finding] = []
        for finding in findings:
            key = fingerprint(finding, docs)
            if self.left[key] > 0:
                self.left[key] -= 1
                known.append(finding)
            else:
                new.append(finding)
        return new, known

    def gone(self, root: Path, targets: tuple[str, ...] = (".",)) -> list[str]:
        """Notes on the baselined findings under `targets` (the paths the run was given,
        relative to `root`) that matched nothing; entries for other parts of the project
        are left alone."""
        left = Counter(self.left)
        notes: list[str] = []
        for entry in self.entries:
            if left[entry["fingerprint"]] <= 0 or not self._in_scope(entry, root, targets):
                continue
            left[entry["fingerprint"]] -= 1
            where = self.root or root
            state = "fixed" if _exists(where, entry.get("path")) else "its file is gone"
            notes.append(
                f"baseline: {entry.get('rule')} in {entry.get('path')} no longer "
                f"occurs ({state}): {entry.get('message', '')}"
            )
        return notes

    def _in_scope(self, entry: dict[str, str], root: Path, targets: tuple[str, ...]) -> bool:
        """Whether the entry's file or agent lies under one of `targets` (relative to
        `root`)."""
        for place in (entry.get("path"), entry.get("agent")):
            if not isinstance(place, str):
                continue
            rel = place if self.root is None else _relative(self.root / place, root)
            if rel is not None and any(t in (".", rel) or _under(rel, t) for t in targets):
                return True
        return False


def _relative(path: Path, root: Path) -> str | None:
    """`path` relative to `root`, POSIX, or None when it is not below it."""
    try:
        rel = Path(os.path.normpath(path)).relative_to(root)
    except ValueError:
        return None
    return rel.as_posix()


def _exists(root: Path, path: object) -> bool:
    """Whether a baselined file still exists in the tree (not a name too long, not a link
    out of it: the baseline's paths are data, not places to look)."""
    if not isinstance(path, str) or not path:
        return False
    try:
        return (root / path).resolve().is_relative_to(root.resolve()) and (root / path).exists()
    except (OSError, ValueError, RuntimeError):
        return False
