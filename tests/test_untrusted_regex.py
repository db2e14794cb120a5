"""Regular expressions the scanned repository writes are matched by RE2, in linear time:
JSON Schema `pattern` / `patternProperties` when sample outputs are validated (the
.gitignore side is in test_robustness and test_discovery's comparisons with git)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from jsonschema import validators

from readycheck.checklist.output.judge import sample_errors
from readycheck.checklist.output.linear_keywords import linear_validator
from readycheck.config import Settings
from readycheck.engine import check
from readycheck.untrusted_regex import Unsupported, compile_text

SOUL = "# Agent\n\nWhen unsure, stop and ask a human in #ops.\n"
MANIFEST = "output: {schema: schemas/out.schema.json, on_invalid: reject}\n"
CATASTROPHIC = "^(a+)+$"  # Python's re backtracks for hours on "aaa…a!"


def output_item(root: Path) -> tuple[str, list[tuple[str, str, int]]]:
    report = check(root, Settings())
    item = next(i for i in report.agents[0].items if i.item == "output")
    found = [(f.rule, f.location.path, f.location.line) for f in report.findings]
    return item.status, found


def schema_repo(make_repo: Any, schema_text: str, sample: Any) -> Path:
    root: Path = make_repo(
        {
            "SOUL.md": SOUL,
            "readycheck.yaml": MANIFEST,
            "schemas/out.schema.json": schema_text,
            "examples/out.json": json.dumps(sample),
        }
    )
    return root


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {"a": {"type": "string", "pattern": CATASTROPHIC}}},
        {
            "type": "object",
            "patternProperties": {CATASTROPHIC: {"type": "integer"}},
            "properties": {"a": {"type": "string", "pattern": "^a+$"}},
        },
        {
            "type": "object",
            "properties": {"b": {"type": "string"}},
            "patternProperties": {CATASTROPHIC: True},
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"b": {"type": "string"}},
            "patternProperties": {CATASTROPHIC: True},
            "unevaluatedProperties": False,
        },
    ],
)
def test_a_catastrophic_schema_pattern_is_judged_in_linear_time(make_repo, schema) -> None:  # type: ignore[no-untyped-def]
    # Under a timer these were "not judged"; matched by RE2 the sample fails, in no time.
    long = "a" * 50_000 + "!"
    root = schema_repo(make_repo, json.dumps(schema), {"a": long, long: "b"})
    start = time.perf_counter()
    status, found = output_item(root)
    assert time.perf_counter() - start < 10
    assert status == "fail" and ("RC505", "examples/out.json", 1) in found


def test_a_pattern_re2_lacks_is_not_honoured_with_a_located_finding(make_repo) -> None:  # type: ignore[no-untyped-def]
    schema = (
        '{"type": "object", "required": ["a"],\n'
        ' "properties": {"a": {"type": "string",\n'
        '                      "pattern": "^(?=.*\\\\d)(\\\\w)\\\\1$"}}}\n'
    )
    root = schema_repo(make_repo, schema, {"a": "no digit"})
    status, found = output_item(root)
    assert ("RC509", "schemas/out.schema.json", 3) in found
    assert not any(rule == "RC505" for rule, _, _ in found)  # not judged, not failed
    assert status == "pass"
    report = check(root, Settings())
    [finding] = [f for f in report.findings if f.rule == "RC509"]
    assert "not validated" in finding.message and "(?=" in finding.message


def test_a_pattern_property_re2_lacks_is_located_at_its_key(make_repo) -> None:  # type: ignore[no-untyped-def]
    schema = '{"type": "object",\n "patternProperties": {\n  "^(?!tmp_)": {"type": "string"}}}\n'
    root = schema_repo(make_repo, schema, {"x": 1})
    _, found = output_item(root)
    assert ("RC509", "schemas/out.schema.json", 3) in found


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"pattern": "^[a-z]+$"}, "abc"),
        ({"pattern": "^[a-z]+$"}, "ab1"),
        ({"pattern": "b"}, "abc"),  # a search, not a full match
        ({"patternProperties": {"^x_": {"type": "integer"}}}, {"x_a": "no", "y": 1}),
        (
            {
                "properties": {"id": {}},
                "patternProperties": {"^x_": {}, "^y_": {}},
                "additionalProperties": False,
            },
            {"id": 1, "x_a": 2, "z": 3, "w": 4},
        ),
        ({"properties": {"id": {}}, "additionalProperties": False}, {"id": 1, "z": 3}),
        ({"additionalProperties": {"type": "string"}}, {"z": 3}),
        (
            {
                "allOf": [{"patternProperties": {"^x_": {}}}, {"properties": {"id": {}}}],
                "unevaluatedProperties": False,
            },
            {"id": 1, "x_a": 2, "z": 3},
        ),
        (
            {
                "$defs": {"base": {"patternProperties": {"^x_": {"type": "integer"}}}},
                "$ref": "#/$defs/base",
                "if": {"required": ["kind"]},
                "then": {"properties": {"kind": {}}},
                "unevaluatedProperties": {"type": "string"},
            },
            {"kind": 1, "x_a": 2, "z": 3, "w": "ok"},
        ),
    ],
)
def test_the_linear_keywords_judge_as_jsonschema_does(schema, instance) -> None:  # type: ignore[no-untyped-def]
    # Where Python's re and RE2 agree on a pattern, the verdict and messages are jsonschema's.
    cls = validators.Draft202012Validator

    def messages(validator_class: Any) -> list[str]:
        return sorted(e.message for e in validator_class(schema).iter_errors(instance))

    assert messages(linear_validator(cls)) == messages(cls)


def test_an_unsupported_pattern_leaves_the_sample_unjudged() -> None:
    schema = {"type": "object", "properties": {"a": {"pattern": "(a)\\1"}}}
    assert sample_errors(schema, {"a": "b"}) == []


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("(?=a)", "invalid perl operator"),
        ("(?<!a)b", "invalid perl operator"),
        ("(a)\\1", "invalid escape sequence"),
        ("a" * 5000, "longer than 4096"),
        ("(a{1000}){1000}", "repetition"),
    ],
)
def test_unsupported_patterns_say_why(pattern: str, why: str) -> None:
    with pytest.raises(Unsupported, match=why.replace("(", "\\(")):
        compile_text(pattern)
