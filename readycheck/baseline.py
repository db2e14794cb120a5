"""Baselines: adopt readycheck on a big repository without fixing everything first.

`--write-baseline FILE` records today's findings; `--baseline FILE` then reports only new
ones. A fingerprint is the rule, file, agent, message and the text of the finding's line —
not its number — so it survives lines moving; it changes when the evidence itself changes.
(Agent-level findings, anchored at line 1 of the marker file, leave the line text out.)
Baselined findings that no longer occur are listed as fixed (or as gone with their file).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from readycheck.model import Document, Finding


def fingerprint(finding: Finding, docs: dict[str, Document]) -> str:
    doc = docs.get(finding.location.path)
    line_text = ""
    # Agent-level findings point at line 1 of the marker file: its text is no evidence.
    at_anchor = (finding.location.line, finding.location.column) == (1, 1)
    if doc is not None and doc.text and not at_anchor:
        lines = doc.text.splitlines()
        if 0 < finding.location.line <= len(lines):
            line_text = " ".join(lines[finding.location.line - 1].split())
    parts = (finding.rule, finding.location.path, finding.agent, finding.message, line_text)
    # "surrogatepass": a message may quote a lone surrogate from a JSON or YAML escape.
    data = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def write(path: Path, findings: list[Finding], docs: dict[str, Document]) -> None:
    entries = [
        {
            "fingerprint": fingerprint(f, docs),
            "rule": f.rule,
            "path": f.location.path,
            "agent": f.agent,
            "message": f.message,
        }
        for f in findings
    ]
    data = {"version": 1, "tool": "readycheck", "findings": entries}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8", errors="backslashreplace")


@dataclass
class Baseline:
    entries: list[dict[str, str]]

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Raises ValueError when the file is not a readycheck baseline."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read baseline: {exc}") from exc
        if (
            not isinstance(data, dict)
            or data.get("tool") != "readycheck"
            or not isinstance(data.get("findings"), list)
        ):
            raise ValueError(f"{path}: not a readycheck baseline (run --write-baseline)")
        # A baseline may sit in the repository under review: take only well-formed entries.
        return cls(
            [
                e
                for e in data["findings"]
                if isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
            ]
        )

    def split(
        self, findings: list[Finding], docs: dict[str, Document], root: Path
    ) -> tuple[list[Finding], list[Finding], list[str]]:
        """(new findings, baselined findings, notes on baselined findings now gone)."""
        budget = Counter(e["fingerprint"] for e in self.entries)
        new: list[Finding] = []
        known: list[Finding] = []
        for finding in findings:
            key = fingerprint(finding, docs)
            if budget[key] > 0:
                budget[key] -= 1
                known.append(finding)
            else:
                new.append(finding)
        notes: list[str] = []
        for entry in self.entries:
            if budget[entry["fingerprint"]] > 0:
                budget[entry["fingerprint"]] -= 1
                state = "fixed" if _exists(root, entry.get("path")) else "its file is gone"
                notes.append(
                    f"baseline: {entry.get('rule')} in {entry.get('path')} no longer "
                    f"occurs ({state}): {entry.get('message', '')}"
                )
        return new, known, notes


def _exists(root: Path, path: object) -> bool:
    """Whether a baselined file still exists in the tree (not a name too long, not a link
    out of it: the baseline's paths are data, not places to look)."""
    if not isinstance(path, str) or not path:
        return False
    try:
        return (root / path).resolve().is_relative_to(root.resolve()) and (root / path).exists()
    except (OSError, ValueError, RuntimeError):
        return False
