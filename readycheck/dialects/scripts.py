"""Boot scripts and code, read as text: age checks that compare with a bound, reads of the
task state and outbox, and validation calls that raise. Nothing is executed."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from readycheck import quantities as q
from readycheck.checklist.boot.words import OUTBOX_CHECK, READYCHECK_BOOT, TASK_READ
from readycheck.checklist.budget.limits import Limit
from readycheck.checklist.output.words import VALIDATION_CODE
from readycheck.checklist.state.contract import STATE_FILES
from readycheck.model import Document, Fact, Location, NonLiteral
from readycheck.reading.gates import RequiredWords

# A package's `__init__.py` is no `init` script: the lookahead refuses the path outright.
BOOT_SCRIPT = re.compile(
    r"^(?!(?:.*/)?__init__\.py$).*?"
    r"(^|[/_.-])(boot|bootstrap|start|startup|preflight|pre-flight|entrypoint|wake|wakeup"
    r"|resume|launch|init|on-start|on_start)([/_.-]|$)",
    re.I | re.S,
)
_SHELL_COMPARE = re.compile(r"-(gt|ge|lt|le)\b|-mmin\b|-mtime\b|-newermt\b")
_PY_COMPARE = re.compile(r"^\s*(if|elif|while|assert|return)\b.*[<>]")
_AGE_NAME = re.compile(
    r"age|elapsed|delta|diff|stale|mtime|modified|timestamp|updated_?at|\bnow\b|since|\bold"
    r"|st_mtime|-mmin|-mtime",
    re.I,
)
_TIMEOUT_COMMAND = re.compile(
    # `-[\w=-]+` reads what `-{1,2}[\w=-]+` reads, but "--a" splits only one way: the two
    # splits of every option made "timeout --a --a ... --a" exponential.
    r"(?:^|[;&|]\s*|\s)timeout\s+(?:-[\w=-]+\s+)*(\d+(?:\.\d+)?[smhd]?)\s+\S"
)
# The arguments stop at the next `timedelta(`: scanning to the end of the code for a `)`
# from each of many was quadratic.
_TIMEDELTA = re.compile(r"timedelta\(((?:(?!timedelta\()[^)])*)\)")
# A factor starts where its digits start: trying every start in a long run of digits is
# quadratic (`-gt 111…1`), and a product inside the run is found from its start anyway.
_PRODUCT = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)\s*\*\s*(\d+(?:\.\d+)?)")
_VALIDATION_IN_FILE = RequiredWords(VALIDATION_CODE.pattern)
_NUMBER = re.compile(r"(?<![\w.$])(\d+(?:\.\d+)?)(?![\w.])")
_IDENT = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)|\b([A-Z_][A-Z0-9_]{2,})\b")


def script_facts(doc: Document) -> Iterator[Fact]:
    if doc.kind not in ("shell", "python"):
        return
    boot = bool(BOOT_SCRIPT.search(doc.path))
    consts = {str(e.keys[0]): e.value for e in doc.entries if len(e.keys) == 1}
    lines = doc.text.splitlines()
    # In any Python file, a start-up function (`def startup():`) is a boot script too.
    functions = _startup_functions(lines, consts) if doc.kind == "python" and not boot else []
    in_function = {n for start, end, _, _ in functions for n in range(start, end + 1)}
    validation = _VALIDATION_IN_FILE.admit(doc.text)
    # Lines are read for a timeout, a validation call, or inside a boot script or function.
    read = doc.kind == "shell" or validation or boot or functions
    for number, line in enumerate(lines if read else (), 1):
        code = line.split("#", 1)[0] if doc.kind == "shell" else _strip_py_comment(line)
        if not code.strip():
            continue
        loc = Location(doc.path, number)
        timeout = _TIMEOUT_COMMAND.search(code) if doc.kind == "shell" else None
        if timeout:  # `timeout 15m python agent.py`: coreutils kills the run
            seconds = q.duration(timeout.group(1))
            limit = Limit("runtime", seconds, timeout.group(1))
            yield Fact(
                "budget", "limit", loc, code.strip()[:160], "script", key="timeout", value=limit
            )
        if validation and VALIDATION_CODE.search(code):
            yield Fact("output", "enforce", loc, code.strip()[:160], doc.kind)
        if not boot and number not in in_function:
            continue
        call = READYCHECK_BOOT.search(code)
        if call:
            bound = q.duration(call.group(1)) if call.group(1) else 4 * 3600.0
            yield Fact("boot", "age_check", loc, code.strip(), doc.kind, value=bound)
            yield Fact("boot", "task_read", loc, code.strip(), doc.kind)
            yield Fact("boot", "outbox_check", loc, code.strip(), doc.kind)
            continue
        if doc.kind == "shell":
            compared = bool(_SHELL_COMPARE.search(code)) or _arithmetic_compare(code)
        else:
            compared = bool(_PY_COMPARE.search(code))
        if compared and _AGE_NAME.search(code):
            yield Fact(
                "boot", "age_check", loc, code.strip()[:160], doc.kind, value=_bound(code, consts)
            )
    for start, _, reads_task, reads_outbox in functions:
        first = Location(doc.path, start)
        head = lines[start - 1].strip()[:160]
        yield Fact("boot", "sequence", first, head, doc.kind)
        if reads_task:
            yield Fact("boot", "task_read", first, head, doc.kind)
        if reads_outbox:
            yield Fact("boot", "outbox_check", first, head, doc.kind)
    if boot and lines:
        first = Location(doc.path, 1)
        yield Fact("boot", "sequence", first, doc.name, doc.kind)
        text = doc.text
        if TASK_READ.search(text) or STATE_FILES["task"].search(text):
            yield Fact("boot", "task_read", first, doc.name, doc.kind)
        if OUTBOX_CHECK.search(text):
            yield Fact("boot", "outbox_check", first, doc.name, doc.kind)


_STARTUP_DEF = re.compile(
    r"^(\s*)(?:async\s+)?def\s+(?:on_)?(startup|start_up|boot|preflight|pre_flight|resume"
    r"|wake|wake_up|bootstrap|check_context|check_freshness|load_state|restore_state)\w*\s*\("
)


def _startup_functions(
    lines: list[str], consts: dict[str, object]
) -> list[tuple[int, int, bool, bool]]:
    """Each start-up function (`def startup():`) that reads the task or the outbox, with
    its first and last line and which of the two it reads. A start-up hook that reads no
    state (a web server's `startup_event`) is no boot sequence."""
    found: list[tuple[int, int, bool, bool]] = []
    for number, line in enumerate(lines, 1):
        m = _STARTUP_DEF.match(line)
        if not m:
            continue
        indent = len(m.group(1))
        end = number
        for later in range(number + 1, len(lines) + 1):
            text = lines[later - 1]
            if text.strip() and len(text) - len(text.lstrip()) <= indent:
                break
            end = later
        body = "\n".join(lines[number - 1 : end])
        named = " ".join(
            str(v) for k, v in consts.items() if re.search(rf"\b{re.escape(k)}\b", body)
        )
        text = f"{body} {named}"
        reads_task = bool(TASK_READ.search(text) or STATE_FILES["task"].search(text))
        reads_outbox = bool(OUTBOX_CHECK.search(text))
        if reads_task or reads_outbox:
            found.append((number, end, reads_task, reads_outbox))
    return found


def _arithmetic_compare(code: str) -> bool:
    """`(( age > max ))`: what `\\(\\(.*[<>].*\\)\\)` finds on one line, without its retries
    from every `((` (quadratic on a line of them). The first `((` and the first `<` or `>`
    after it leave the most room for the `))`, so they match when any would."""
    start = code.find("((")
    if start < 0:
        return False
    signs = [i for i in (code.find("<", start + 2), code.find(">", start + 2)) if i >= 0]
    return bool(signs) and code.find("))", min(signs) + 1) >= 0


def _strip_py_comment(line: str) -> str:
    return line if "#" not in line or line.count('"') % 2 else line.split("#", 1)[0]


def _bound(code: str, consts: dict[str, object]) -> float:
    """Seconds of the bound compared on this line; NaN when it cannot be read."""
    seconds = _literal_bound(code)
    if seconds is not None:
        return seconds
    for m in _IDENT.finditer(code):
        name = m.group(1) or m.group(2)
        if name in consts:
            value = consts[name]
            text = value.source if isinstance(value, NonLiteral) else str(value)
            seconds = _literal_bound(text, name)
            if seconds is not None:
                return seconds
    return math.nan


def _literal_bound(code: str, name: str = "") -> float | None:
    mmin = re.search(r"-mmin\s+[-+]?(\d+)", code)
    if mmin:
        return float(mmin.group(1)) * 60
    mtime = re.search(r"-mtime\s+[-+]?(\d+)", code)
    if mtime:
        return max(float(mtime.group(1)), 1.0) * 86400
    delta = _TIMEDELTA.search(code)
    if delta:
        total = 0.0
        for key, value in re.findall(r"(\w+)\s*=\s*(\d+(?:\.\d+)?)", delta.group(1)):
            total += float(value) * (q.unit_of_key(key) or 0)
        return total or None
    product = _PRODUCT.search(code)
    if product:
        return float(product.group(1)) * float(product.group(2))
    duration = q.duration(code.strip().strip("\"'"), name) if name else None
    if duration is not None and not math.isinf(duration):
        return duration
    numbers = [float(n) for n in _NUMBER.findall(code) if float(n) > 1]
    if numbers:
        return numbers[-1] * (q.unit_of_key(name or code) or 1.0)
    return None
