"""The words of the output schema: schema paths and keys, enforcement phrasings."""

from __future__ import annotations

from readycheck.reading.gates import Gated, ignorecase, required_words_gated

# A section, file or unit about this item.
ABOUT = required_words_gated(r"\boutput|\bresponse format|schema|deliverable|result format")
# A path starts where a run of path characters starts: a match from inside the run would
# be found from its start anyway, and trying every start is quadratic on a long run.
SCHEMA_PATH = ignorecase(r"(?<![\w./-])[\w./-]*\.(schema\.json|schema\.ya?ml|json)\b")
SCHEMA_KEY = ignorecase(
    r"(^|_)(schema|output_schema|json_schema|response_schema|schema_path|schema_file"
    r"|response_format)$"
)
ENFORCE = Gated(
    r"\b(if|when|whenever|should)\b[^.;]{0,60}\b(does not|doesn'?t|do not|don'?t|fails? to"
    r"|not|cannot|can'?t)\s+(validate|match|conform|pass|parse|comply)"
    r"|\b(fails?|failing|failed) (schema )?validation"
    r"|\b(reject|refuse|discard|drop|quarantine|raise|throw|block|retry|dead[- ]letter)\b"
    r"[^.;]{0,60}\b(invalid|malformed|non-?conforming|unvalidated|does not validate"
    r"|doesn'?t validate|fails validation|not valid|mismatch)"
    r"|\b(invalid|malformed|non-?conforming) (output|response|result|json|payload)s?\b"
    r"[^.;]{0,40}\b(is|are|count|counts|must be|will be|get|gets)\b[^.;]{0,20}\b(fail|failure"
    r"|error|rejected|retried|dead-lettered|dropped)"
    r"|\btreat(ed)?\b[^.;]{0,40}\bas (a |an )?(fail|failure|error)"
    r"|\bvalidat(e|ion)\b[^.;]{0,60}\b(raise|raises|throw|throws|exception|error out|hard fail)"
    r"|\bif (it|they|one|the (output|report|result|response|reply))? ?(does|do)(n'?t| not)\b"
    r"[^.;]{0,80}\b(fail|failed|failure|reject|rejected|discard|discarded|drop|dropped|error)"
    r"|\bcounts? as (a )?(fail|failed|failure)"
    r"|\bvalidation (failure|error)s?\b[^.;]{0,40}\b(means?|is|are|counts? as|=)\b[^.;]{0,40}"
    r"\b(fail|failed|failure|reject|rejected|error)"
    r"|\bmust (validate|match|conform)\b(?:[^.]|\.(?=\S)){0,80}\b(if (it|they) (doesn'?t"
    r"|don'?t|does not|do not|fails?)|otherwise)\b[^.]{0,60}"
    r"\b(drop|reject|fail|failed|failure|discard|retry|raise|error)"
    r"|\b(invalid|malformed|does ?n[o']t validate|fails? (schema )?validation|schema (error"
    r"|mismatch|violation))\b[^.;]{0,30}(->|→|=>|:|\bmeans\b|\bcounts as\b|\bis treated as\b"
    r"|\bis\b|\bbecomes\b)\s*(an? )?(fail|failure|failed|error|reject|rejected|retry"
    r"|dead[- ]letter|exception)",
    "valid|match|conform|pass|parse|comply|fail|reject|refuse|discard|drop|quarantine|raise|"
    "throw|block|retry|dead|malformed|conforming|treat|must|mismatch|schema|if|count|"
    "validation",
)
ENFORCE_VALUE = ignorecase(
    r"^(reject|raise|retry|dead[-_ ]?letter|fail|error|block|abort|halt|stop)"
)
ENFORCE_KEY = ignorecase(
    r"^(on_invalid|on_validation_(error|failure)|on_schema_(error|failure)"
    r"|invalid_output|on_parse_error|validation_failure)$"
)
# A `Validator(` scan stops at the next `Validator(` (which starts its own): scanning to the
# end of the line from each of many on one line was quadratic.
VALIDATION_CODE = ignorecase(
    r"\bjsonschema\b[^\n]{0,40}\bvalidate\("
    r"|\b\w*Validator\((?:(?!Validator\()[^\n])*\)\.validate\("
    r"|\bcheck-jsonschema\b|\bajv\s+(validate|-s)|\bmodel_validate(_json)?\("
    r"|\bvalidate\(\s*instance\s*="
)
SAMPLE_NAME = ignorecase(r"(^|[/._-])(examples?|samples?)([/._-]|$)")
