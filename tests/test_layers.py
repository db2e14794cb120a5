"""The layers of the code: what each may import, and the fact parts items declare."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from readycheck.checklist import ITEM_IDS, ITEMS
from tests.conftest import ROOT

PACKAGE = ROOT / "readycheck"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("readycheck")}


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("reading"), ids=lambda p: p.name)
def test_the_reading_layer_imports_nothing_above_the_model(path: Path) -> None:
    allowed = ("readycheck.reading", "readycheck.model", "readycheck.quantities")
    assert all(m == "readycheck" or m.startswith(allowed) for m in _imports(path))


@pytest.mark.parametrize("path", _modules("checklist"), ids=lambda p: p.parent.name + "/" + p.name)
def test_items_import_the_model_the_reading_layer_and_item_words(path: Path) -> None:
    """An item reads the model, the reading layer, quantities, its own package, and other
    items' words (a monitoring route is no alert when it only fires on an escalation
    trigger). Judges also read the evidence, the run's bounds and the linear-time matcher
    of the repository's own patterns."""
    item = path.parent.name if path.parent.name in ITEM_IDS else ""
    allowed = [
        "readycheck.model",
        "readycheck.reading",
        "readycheck.quantities",
        "readycheck.redact",
        "readycheck.checklist.verdict",
        "readycheck.evidence",
        "readycheck.bounds",
        "readycheck.untrusted_regex",
        "readycheck.cache",
        "readycheck.__version__",
    ]
    if item:
        allowed.append(f"readycheck.checklist.{item}")
    for module in _imports(path):
        if path.name == "__init__.py" and path.parent.name == "checklist":
            continue  # the list of items imports each judge lazily, by name
        other_words = re.fullmatch(r"readycheck\.checklist\.\w+\.(words|contract)(\.\w+)?", module)
        assert module == "readycheck" or module.startswith(tuple(allowed)) or other_words, module


@pytest.mark.parametrize(
    "path", [*_modules("reporters"), *_modules("parsers")], ids=lambda p: p.parent.name + p.name
)
def test_reporters_and_parsers_know_no_item(path: Path) -> None:
    for module in _imports(path):
        assert not module.startswith(("readycheck.checklist", "readycheck.dialects")), module


def test_every_fact_part_is_declared_by_its_item_and_read_by_its_judge() -> None:
    emitted: set[tuple[str, str]] = set()
    pattern = re.compile(r"""fact\(\s*(?:ITEM|"(\w+)")\s*,\s*"(\w+)\"""")
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        own = path.parent.name if path.parent.name in ITEM_IDS else ""
        for m in pattern.finditer(text):
            emitted.add((m.group(1) or own, m.group(2)))
        for m in re.finditer(r'Fact\(\s*"(\w+)",\s*"(\w+)"', text):
            emitted.add((m.group(1), m.group(2)))
    declared = {(spec.id, part) for spec in ITEMS for part in spec.parts}
    assert {e for e in emitted if e[0]} <= declared, {e for e in emitted if e[0]} - declared
    for spec in ITEMS:
        judge = (PACKAGE / "checklist" / spec.id / "judge.py").read_text(encoding="utf-8")
        for part in spec.parts:
            if part == "declared":
                continue  # state names the manifest declares: read by the engine
            assert f'"{part}"' in judge, f"{spec.id}.{part} is declared but not read"
