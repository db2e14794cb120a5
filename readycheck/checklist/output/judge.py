"""5. Structured output schema with validation: malformed output is a failure.

pass: a JSON Schema (or framework-native output type) that the manifest, instructions or
a framework setting points to, valid against its draft's meta-schema, meaningful (a `type`
and `properties` or `required`), and enforced (on_invalid: reject|raise|retry|dead_letter,
"treat a validation failure as a failure", code that raises). partial: a schema nothing
enforces, or a permissive one. fail: none, or only invalid schemas. Sample outputs shipped
with the agent must validate against the schema.
"""

from __future__ import annotations

import json
from typing import Any

from readycheck import __version__
from readycheck.cache import remembered_pass
from readycheck.checklist.output.linear_keywords import linear_validator
from readycheck.checklist.verdict import first, quote, result
from readycheck.evidence import Evidence
from readycheck.model import Document, Fact, Finding, ItemResult, Location, Status
from readycheck.untrusted_regex import Unsupported, compile_text

ITEM = "output"
# Verdicts remembered across runs are keyed by readycheck's version (which pins the
# validator's behaviour through its tests); asking for jsonschema's own version would cost
# more than the check it saves.
_JSONSCHEMA = __version__


def permissive(schema: Any) -> str | None:
    """Why a schema accepts (nearly) anything, or None when it constrains its output."""
    if schema is True or schema == {}:
        return "accepts anything"
    if not isinstance(schema, dict):
        return None
    if set(schema) - {"$schema", "$id", "title", "description"} == {"$ref"}:
        ref = str(schema["$ref"])
        if ref.startswith(("http://", "https://")):
            return "is only a remote $ref, which readycheck never fetches"
        return None
    if "type" not in schema and not any(k in schema for k in ("oneOf", "anyOf", "allOf", "$ref")):
        return "declares no `type`"
    if schema.get("type") == "object" and not ({"properties", "required"} & set(schema)):
        return 'is a bare {"type": "object"} with no properties or required keys'
    return None


def meta_errors(schema: Any) -> str | None:
    """The first meta-schema error of a schema under its own draft, or None."""
    if not isinstance(schema, (dict, bool)):
        return "a schema must be an object or a boolean"
    text = json.dumps(schema, sort_keys=True)
    return remembered_pass(f"meta-schema/{_JSONSCHEMA}", text, lambda: _meta_errors(text), None)


def _meta_errors(text: str) -> str | None:
    from jsonschema import exceptions

    schema = json.loads(text)
    cls = _validator_class(schema)
    try:
        cls.check_schema(schema)
    except exceptions.SchemaError as exc:
        where = "/".join(str(p) for p in exc.path)
        return f"{exc.message}" + (f" (at {where})" if where else "")
    except (RecursionError, OverflowError) as exc:  # a `pattern` re cannot compile
        return f"a regular expression in it cannot be compiled: {exc}"
    return None


def _validator_class(schema: Any) -> Any:
    """The validator of the schema's draft; Draft 2020-12 when `$schema` names none."""
    from jsonschema import validators

    default = validators.Draft202012Validator
    if isinstance(schema, dict) and not isinstance(schema.get("$schema", ""), str):
        return default  # validator_for fails on it; the meta-schema reports it instead
    return validators.validator_for(schema, default=default)


def sample_errors(schema: Any, instance: Any) -> list[str]:
    """Why a sample does not validate; none when the schema cannot judge it."""
    schema_text, instance_text = json.dumps(schema, sort_keys=True), json.dumps(instance)
    return remembered_pass(
        f"sample/{_JSONSCHEMA}",
        f"{schema_text}\x00{instance_text}",
        lambda: list(_sample_errors(schema_text, instance_text)),
        [],
    )


def _sample_errors(schema_text: str, instance_text: str) -> tuple[str, ...]:
    from jsonschema.exceptions import UnknownType
    from referencing import Registry
    from referencing.exceptions import Unresolvable

    schema = json.loads(schema_text)
    # An empty registry with no retriever: a `$ref` to a URL or a file outside the schema is
    # unresolvable, never fetched. (Without a registry, jsonschema falls back to fetching.)
    validator = linear_validator(_validator_class(schema))(schema, registry=Registry())
    try:
        found = list(validator.iter_errors(json.loads(instance_text)))
    except (Unresolvable, RecursionError, Unsupported, UnknownType, AttributeError, TypeError):
        # A $ref to another file, a URL or nowhere, or to itself, or a pattern RE2 cannot
        # match (reported where it is written): readycheck cannot say whether the sample fits.
        # So too for a local $ref to a value that is no schema (`#/examples/0`: a number, a
        # list, an unknown type), which the meta-schema does not look into.
        return ()
    errors = sorted(found, key=lambda e: list(e.path))
    return tuple(
        e.message + (f" at /{'/'.join(map(str, e.path))}" if e.path else "") for e in errors[:3]
    )


def _resolve(ref: str, schema_files: dict[str, Document]) -> Document | None:
    ref = ref.strip().strip("`'\"").lstrip("./")
    for path, doc in schema_files.items():
        if path == ref or path.endswith("/" + ref) or doc.name == ref.rsplit("/", 1)[-1]:
            return doc
    return None


def judge(ev: Evidence) -> ItemResult:
    findings: list[Finding] = []
    schema_files = {str(f.value): ev.docs[str(f.value)] for f in ev.parts(ITEM, "schema_file")}
    referenced: dict[str, tuple[Document, Fact]] = {}
    for ref in ev.parts(ITEM, "schema_ref"):
        doc = _resolve(str(ref.value), schema_files)
        if doc is not None:
            referenced.setdefault(doc.path, (doc, ref))
        elif (
            ref.source == "config"
            and "schema" in str(ref.value).lower()
            and not str(ref.value).startswith(("http://", "https://"))
        ):
            findings.append(
                Finding("RC507", f"output schema {ref.value!r} does not exist", ref.location, ITEM)
            )
    for path in schema_files:
        if path not in referenced:
            findings.append(
                Finding(
                    "RC506",
                    "JSON Schema that no manifest, instruction or framework setting "
                    "points to: it validates nothing",
                    Location(path, 1),
                    ITEM,
                )
            )
    natives = ev.parts(ITEM, "native")
    enforce = ev.parts(ITEM, "enforce")
    good: list[tuple[Document, Fact]] = []
    loose: list[tuple[Document, Fact]] = []
    for doc, ref in referenced.values():
        ev.claimed.add(doc.path)
        if not doc.ok:
            bad = next(p for p in doc.problems if p.fatal)
            findings.append(
                Finding(
                    "RC502",
                    f"output schema cannot be parsed: {bad.message}",
                    Location(doc.path, bad.line, bad.column),
                    ITEM,
                )
            )
            continue
        error = meta_errors(doc.data)
        if error:
            findings.append(
                Finding(
                    "RC502",
                    f"output schema is not valid against its draft's meta-schema: {error}",
                    Location(doc.path, 1),
                    ITEM,
                )
            )
            continue
        why = permissive(doc.data)
        if why:
            findings.append(Finding("RC503", f"output schema {why}", Location(doc.path, 1), ITEM))
            loose.append((doc, ref))
        else:
            good.append((doc, ref))
    samples_ok = _check_samples(ev, good + loose, findings)
    if not good and not loose and not natives:
        if not findings:
            findings.append(
                Finding(
                    "RC501",
                    "no output schema: nothing defines what a valid output looks like",
                    ev.anchor,
                    ITEM,
                )
            )
        return result(ITEM, "fail", [], findings)
    anchor = first([r for _, r in good + loose] + natives).location
    if not enforce:
        findings.append(
            Finding(
                "RC504",
                "nothing enforces the output schema: say that an output that does not "
                "validate is a failure (on_invalid: reject)",
                anchor,
                ITEM,
            )
        )
        # A framework that hands back unvalidated output by default (CrewAI output_json).
        findings += [
            Finding("RC508", str(d.value), d.location, ITEM) for d in ev.parts(ITEM, "default")
        ]
    # Shipped examples that contradict the schema mean one of the two is wrong: fail.
    status: Status = (
        "fail" if not samples_ok else "pass" if (good or natives) and enforce else "partial"
    )
    evidence = [Location(d.path, 1) for d, _ in good + loose] + [r.location for _, r in good]
    evidence += [f.location for f in natives[:1] + enforce[:1]]
    return result(ITEM, status, evidence, findings, [r for _, r in good] + natives + enforce)


def _check_samples(
    ev: Evidence, schemas: list[tuple[Document, Fact]], findings: list[Finding]
) -> bool:
    samples = ev.parts(ITEM, "sample")
    if not schemas or not samples:
        return True
    for schema_doc, _ in schemas:
        findings += _unsupported_patterns(schema_doc)
    ok = True
    for fact in samples:
        doc = ev.docs[str(fact.value)]
        if not doc.ok:
            continue
        schema = _closest(doc.path, [d for d, _ in schemas])
        for message in sample_errors(schema.data, doc.data):
            findings.append(
                Finding(
                    "RC505",
                    f"sample output does not validate against {schema.path}: {message}",
                    Location(doc.path, 1),
                    ITEM,
                )
            )
            ok = False
    return ok


def _unsupported_patterns(schema: Document) -> list[Finding]:
    """A finding at each `pattern` or `patternProperties` key RE2 cannot match: samples
    are not judged against a schema that holds one."""
    findings = []
    for entry in schema.entries:
        if entry.keys[-2:-1] == ("patternProperties",):
            pattern = entry.keys[-1]
        elif entry.keys[-1:] == ("pattern",) and isinstance(entry.value, str):
            pattern = entry.value
        else:
            continue
        try:
            compile_text(str(pattern))
        except Unsupported as error:
            message = (
                f"pattern {quote(str(pattern))} cannot be matched in linear time ({error}): "
                "sample outputs are not validated against this schema"
            )
            findings.append(
                Finding("RC509", message, Location(schema.path, entry.line, entry.column), ITEM)
            )
    return findings


def _closest(path: str, schemas: list[Document]) -> Document:
    """The schema whose name shares the longest prefix with the sample's name."""
    stem = path.rsplit("/", 1)[-1].split(".")[0]

    def score(doc: Document) -> int:
        other = doc.name.split(".")[0]
        n = 0
        while n < min(len(stem), len(other)) and stem[n] == other[n]:
            n += 1
        return n

    return max(schemas, key=score)
