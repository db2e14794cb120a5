"""readycheck's own regular expressions take linear time on hostile input.

Every compiled pattern of the project (the Gated registry and each module-level pattern)
is run on inputs built from its own literals: long runs of one filler, of one of its words,
and of a word or digit followed by a long run. The input that is slowest at 1,000
characters is then timed at 1,000, 10,000 and 100,000: time that grows by much more than
tenfold per tenfold of input is backtracking (a quadratic pattern grows a hundredfold).
Ratios of CPU time (not wall-clock time, which other processes on a loaded machine inflate
more on long runs than on short ones), not absolute times; a step counts only once it takes
long enough to measure.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import readycheck
from readycheck.reading.gates import Gated

SIZES = (1_000, 10_000, 100_000)
GROWTH_LIMIT = 30  # per tenfold of input: linear is 10, quadratic 100
MEASURABLE = 0.02  # seconds: below this, a ratio is noise
GIVE_UP = 2.0  # seconds: a pattern this slow is not timed on a longer input
FILLERS = (" ", "a", "1", ".", "-", "_", "/", "\t", "A", ",")
_WORD = re.compile(r"[a-z]{3,}")


def _modules() -> list[Any]:
    names = [m.name for m in pkgutil.walk_packages(readycheck.__path__, "readycheck.")]
    return [importlib.import_module(n) for n in names if not n.endswith("__main__")]


def _anchored_names() -> set[str]:
    """Module-level pattern names the code only ever applies at one position (.match,
    .fullmatch): they are timed that way, since searching from every start is not their
    use."""
    package = Path(readycheck.__file__).parent
    uses: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        for name, method in re.findall(r"\b([A-Za-z_]\w*)\.(\w+)\(", path.read_text()):
            uses.setdefault(name, set()).add(method)
    return {name for name, methods in uses.items() if methods <= {"match", "fullmatch"}}


def _patterns() -> dict[str, tuple[re.Pattern[Any], bool]]:
    """{name: (pattern, applied at one position only)} for every pattern of the project."""
    anchored = _anchored_names()
    found: dict[str, tuple[re.Pattern[Any], bool]] = {}
    seen: set[tuple[Any, int]] = set()

    def add(name: str, value: object, at_one_position: bool) -> None:
        if isinstance(value, re.Pattern) and (value.pattern, value.flags) not in seen:
            seen.add((value.pattern, value.flags))
            found[name] = (value, at_one_position)

    for module in _modules():
        for attribute, value in vars(module).items():
            values = value if isinstance(value, (tuple, list)) else [value]
            for v in values:
                add(f"{module.__name__}.{attribute}", v, attribute in anchored)
    for gated in Gated.registry:
        add(f"Gated#{gated.ident}({gated.stems[0]})", gated.rx, False)
    return found


PATTERNS = _patterns()


def _families(pattern: re.Pattern[Any]) -> dict[str, Callable[[int], str]]:
    """Hostile inputs of any length, built from the pattern's literals and stems."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    words = list(dict.fromkeys(_WORD.findall(source.lower())))[:6]

    def run(unit: str, prefix: str = "") -> Callable[[int], str]:
        return lambda n: prefix + (unit * (n // len(unit) + 1))[: n - len(prefix)]

    families = {f"{filler!r}*n": run(filler) for filler in FILLERS}
    for word in words:
        families[f"{word!r}*n"] = run(word)
        families[f"'{word} '*n"] = run(word + " ")
        families[f"'{word}-'*n"] = run(word + "-")
    for head in [*words, "1"]:
        for filler in (" ", "a", "1", ".", "-"):
            families[f"{head!r}+{filler!r}*n"] = run(filler, head)
    return families


def _seconds(pattern: re.Pattern[Any], text: str, at_one_position: bool, tries: int = 3) -> float:
    """The best of `tries` timings (a loaded machine only ever adds time); one timing is
    enough for a pattern too slow to repeat."""
    subject: Any = text if isinstance(pattern.pattern, str) else text.encode()
    best = float("inf")
    for _ in range(tries):
        start = time.process_time()
        if at_one_position:
            pattern.match(subject)
        else:
            for _match in pattern.finditer(subject):
                pass
        best = min(best, time.process_time() - start)
        if best > GIVE_UP:
            break
    return best


def _growth(pattern: re.Pattern[Any], make: Callable[[int], str], at_one: bool) -> Iterator[str]:
    """A complaint for each tenfold of input over which the time grows too fast."""
    previous = _seconds(pattern, make(SIZES[0]), at_one)
    for smaller, size in itertools.pairwise(SIZES):
        current = _seconds(pattern, make(size), at_one)
        if current > MEASURABLE and current > GROWTH_LIMIT * previous:
            # Time again, more carefully, before blaming the pattern for a busy machine.
            previous = _seconds(pattern, make(smaller), at_one, tries=7)
            current = _seconds(pattern, make(size), at_one, tries=7)
        if current > MEASURABLE and current > GROWTH_LIMIT * previous:
            yield f"{previous:.4f}s -> {current:.4f}s at {size:,} characters"
            return
        if current > GIVE_UP:
            return
        previous = current


def test_the_project_has_patterns_to_check() -> None:
    assert len(PATTERNS) > 150
    assert any(name.startswith("Gated#") for name in PATTERNS)
    assert "readycheck.checklist.output.words.SCHEMA_PATH" in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_time_grows_linearly(name: str) -> None:
    pattern, at_one = PATTERNS[name]
    families = _families(pattern)
    slowest = max(families, key=lambda f: _seconds(pattern, families[f](SIZES[0]), at_one))
    complaints = list(_growth(pattern, families[slowest], at_one))
    assert not complaints, f"{name} on {slowest}: {complaints}"
