"""Parsers: positions are 1-based and point at the right key or sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from readycheck.bounds import DEFAULT_READ_LIMITS
from readycheck.parsers import kind_of, read_document
from readycheck.quantities import amount, duration


def parse(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text)
    return read_document(path, name, kind_of(name) or "text")


def lines(doc) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {"/".join(map(str, e.keys)): e.line for e in doc.entries}


def test_yaml_positions(tmp_path: Path) -> None:
    doc = parse(tmp_path, "a.yaml", "# c\nbudget:\n  max_steps: 5\n  list:\n    - x\n")
    assert lines(doc) == {"budget": 2, "budget/max_steps": 3, "budget/list": 4, "budget/list/0": 5}


def test_json_json5_toml_positions(tmp_path: Path) -> None:
    assert lines(parse(tmp_path, "a.json", '{\n  "a": {\n    "b": 1\n  }\n}\n')) == {
        "a": 2,
        "a/b": 3,
    }
    json5 = parse(tmp_path, "openclaw.json", "{\n  // c\n  agents: {\n    t: 600, },\n}\n")
    assert lines(json5) == {"agents": 3, "agents/t": 4}
    toml = parse(tmp_path, "a.toml", "x = 1\n[limits]\nmax_steps = 5\n")
    assert lines(toml) == {"x": 1, "limits": 2, "limits/max_steps": 3}


@pytest.mark.parametrize(
    "text",
    [
        '{"agents": {"defaults": {"timeoutSeconds": 600}}, "a": 1, "a": 2}',
        '[1e400, -0.0, 1E5, 12345678901234567890, "\\u00e9", true, null]',
        '{"x": NaN, "y": Infinity, "z": -Infinity, "deep": [[{"k": ["v"]}]]}',
        "\ufeff{}",  # a byte-order mark: not JSON, read by json5
        '{"tab": "a\tb"}',  # a raw tab in a string: not strict JSON, read by json5
        '{"role": "Refund analyst \\ud83d\\ude00", "lone": "\\ud83d"}',  # an escaped pair
    ],
)
def test_json5_files_that_are_plain_json_read_the_same(tmp_path: Path, text: str) -> None:
    """A JSON5 file that is plain JSON is read by the C parser (100x faster): the values
    and positions must be the ones json5 gives."""
    import json5

    from readycheck.parsers.structured import _pairs_joined
    from readycheck.parsers.tree import located_entries, tame

    doc = parse(tmp_path, "openclaw.json", text)
    assert not doc.problems
    expected = _pairs_joined(tame(json5.loads(text)))  # json5 leaves a pair as two halves
    assert repr(doc.data) == repr(expected)  # repr: NaN is not equal to itself
    assert repr(doc.entries) == repr(located_entries(text, expected, DEFAULT_READ_LIMITS))


def test_an_escaped_surrogate_pair_reads_as_its_character_with_or_without_comments(
    tmp_path: Path,
) -> None:
    pair = '"Refund analyst \\ud83d\\ude00"'
    plain = parse(tmp_path, "openclaw.json", f'{{"role": {pair}}}')
    commented = parse(tmp_path, "crew.jsonc", f'// the crew\n{{"role": {pair}, }}')
    assert plain.data == commented.data == {"role": "Refund analyst \U0001f600"}


def test_markdown_units_headings_fences_and_comments(tmp_path: Path) -> None:
    doc = parse(
        tmp_path,
        "SOUL.md",
        (
            "---\nowner: ops\n---\n# Agent\n\n## Budget\n\nDelete these:\n\n- old.json\n\n"
            "```yaml\nmax_steps: 50\n```\n\n<!-- max_tokens: 9 -->\n| Limit | Value |\n|---|---|\n"
            "| steps | 40 |\n"
        ),
    )
    texts = {u.text: (u.line, u.headings, u.lead_in) for u in doc.units}
    assert texts["old.json"] == (10, ("Agent", "Budget"), "Delete these:")
    assert texts["steps | 40"][0] == 19
    assert lines(doc) == {"owner": 2, "max_steps": 13}
    assert not any("max_tokens" in u.text for u in doc.units)


def test_python_is_read_not_run(tmp_path: Path) -> None:
    doc = parse(
        tmp_path,
        "app.py",
        (
            "import os\nfrom crewai import Agent as A\nos.system('rm -rf /')\n"
            "a = A(role='r', max_iter=5, llm=make())\nLIMIT = 3\n"
        ),
    )
    calls = {c.name: c for c in doc.calls}
    assert calls["crewai.Agent"].keywords["max_iter"] == 5
    assert calls["crewai.Agent"].keyword_lines["max_iter"] == 4
    assert "os.system" in calls  # recorded, never executed
    assert lines(doc)["LIMIT"] == 5


def test_shell_drops_comments(tmp_path: Path) -> None:
    doc = parse(tmp_path, "boot.sh", "#!/bin/sh\n# max_steps: 50\nMAX_AGE=${MAX_AGE:-14400}\n")
    assert [u.text for u in doc.units] == ["MAX_AGE=${MAX_AGE:-14400}"]
    assert lines(doc) == {"MAX_AGE": 3}


@pytest.mark.parametrize(
    ("value", "key", "seconds"),
    [
        ("15m", "", 900),
        ("15 minutes", "", 900),
        ("900s", "", 900),
        ("PT15M", "", 900),
        (15, "max_runtime_minutes", 900),
        (900, "timeoutSeconds", 900),
        ("three hours", "", 10800),
        ("1h30m", "", 5400),
        ("half an hour", "", 1800),
        ("2 days", "", 172800),
    ],
)
def test_durations_with_units(value, key, seconds) -> None:  # type: ignore[no-untyped-def]
    assert duration(value, key) == seconds


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("200k", 200_000),
        ("1,000", 1000),
        ("$5", 5),
        ("1M", 1_000_000),
        (-1, -1),
        ("unlimited", float("inf")),
        ("inf", float("inf")),
        (None, None),
    ],
)
def test_amounts(value, expected) -> None:  # type: ignore[no-untyped-def]
    assert amount(value) == expected
