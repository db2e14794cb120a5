"""The words readycheck listens for: one place for every pattern, grouped by checklist item.

Patterns are case-insensitive and matched per sentence. They are written for paraphrase
("halt", "hold off", "do not proceed" are all a stop) and kept specific enough that a word
alone in an unrelated sentence does not count: the parts of an item that are ambiguous on
their own (a "stop", a "channel") count only in that item's context (see `CONTEXT`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class Gated:
    """A pattern behind a cheap test: the regex runs only when one of `stems` (lower-case
    substrings, at least one of which every match contains) is in the text.

    Most sentences mention no route, no retry, no trigger: gating skips most regex work.
    All gates of a sentence are opened at once from its words (`open_gates`), so the cost
    per sentence is one tokenisation, whatever the number of patterns.
    tests/test_lexicon.py checks that gating never changes a result."""

    __slots__ = ("_rx", "ident", "pattern", "phrase_stems", "stems", "word_stems")
    registry: ClassVar[list[Gated]] = []

    def __init__(self, pattern: str, stems: str) -> None:
        self._rx: re.Pattern[str] | None = None  # compiled when a gate first opens
        self.pattern = pattern
        self.stems = tuple(stems.split("|"))
        self.word_stems = tuple(x for x in self.stems if _WORD.fullmatch(x))
        self.phrase_stems = tuple(x for x in self.stems if not _WORD.fullmatch(x))
        self.ident = len(Gated.registry)
        Gated.registry.append(self)

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = _re(self.pattern)
        return self._rx

    def opens(self, text: str) -> bool:
        """Whether a stem occurs in `text` (no regex is run)."""
        return self.ident in open_gates(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text) if self.ident in open_gates(text) else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.rx.finditer(text)) if self.ident in open_gates(text) else []


_WORD = re.compile(r"[a-z0-9']+")


class AnyOf:
    """Several gated patterns read as one: a sentence opens only the parts it can match."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Gated) -> None:
        self.parts = parts

    def search(self, text: str) -> re.Match[str] | None:
        for part in self.parts:
            found = part.search(text)
            if found:
                return found
        return None


@lru_cache(maxsize=65536)
def _word_gates(word: str) -> frozenset[int]:
    return frozenset(g.ident for g in Gated.registry if any(x in word for x in g.word_stems))


@lru_cache(maxsize=4096)
def open_gates(text: str) -> frozenset[int]:
    """The gates whose stems occur in `text` (memoised: every gate asks about the same
    sentence in turn)."""
    low = text.lower()
    gates: set[int] = set()
    for word in set(_WORD.findall(low)):
        gates |= _word_gates(word)
    for gate in Gated.registry:
        if gate.ident not in gates and any(x in low for x in gate.phrase_stems):
            gates.add(gate.ident)
    return frozenset(gates)


# --- Context: which item a section, file or sentence is about --------------------------

CONTEXT: dict[str, re.Pattern[str]] = {
    "escalation": _re(
        r"escalat|uncertain|unsure|ambigu|in doubt|\bdoubt|stuck|blocked|hand-?off|"
        r"\bhuman|when to ask|asking for help|getting help|clarif|unclear|low confidence|"
        r"questions?\b|red lines"
    ),
    "boot": _re(
        # Not "bootstrap": OpenClaw's BOOTSTRAP.md is a first-run ritual, not every start.
        r"\bboot(?!strap)|start[- ]?up|\bon start|session start|starting (up|a session)"
        r"|\brestart|\bwak(e|ing)\b|wake-?up|initiali[sz]|every session|each session|"
        r"pre-?flight|\bresum(e|ing)|first thing|cold start|\bon launch|before (you )?"
        r"(do anything|start|begin|act)|com(e|es|ing) (back )?online|(every|each) morning"
        r"|warm-?up|start of (the |your |each |every )?(day|shift)|\bon wake|before (you )?"
        r"(start|begin)|(start|beginning) of (a|each|every|the) (session|run|shift)"
    ),
    "budget": _re(r"budget|\blimits?\b|\bcaps?\b|ceiling|guardrail|quota|runaway|resource"),
    "output": _re(r"\boutput|\bresponse format|schema|deliverable|result format"),
    "dlq": _re(r"dead[- ]?letter|\bdlq\b|retr(y|ies)|fail(ed|ure|ing)? (task|job)s?|poison"),
    "monitoring": _re(
        r"monitor|alert|alarm|notif|observab|\bhealth|heartbeat|incident|on-?call|paging|"
        r"\blogging\b|\btracing\b|telemetry|"
        r"watchdog|uptime"
    ),
}
HEARTBEAT = _re(r"heartbeat")
# The same topics, tested on a unit's own words (gated: most units mention neither).
TOPIC_IN_TEXT = {
    "monitoring": Gated(
        CONTEXT["monitoring"].pattern,
        "monitor|alert|alarm|notif|observab|health|heartbeat|incident|call|paging|watchdog|uptime"
        "|logging|tracing|telemetry",
    ),
    "output": Gated(CONTEXT["output"].pattern, "output|response format|schema|deliverable|result"),
}

# A section whose heading says its content is not (yet) in force.
NEGATED_SECTION = _re(
    r"\btodo\b|roadmap|\bfuture\b|known (gaps|issues|limitations)|not yet|wish ?list|"
    r"open questions|backlog|\bideas\b|\bplanned\b|deprecated|"
    r"\bunused\b|\bobsolete\b|\blegacy\b|\barchived\b"
)
# A section whose items are things the agent must NOT do: anti-patterns there are negated.
PROHIBITION_SECTION = _re(
    r"\bnever\b|\bdon'?ts?\b|\bdo not\b|\bavoid\b|anti-?patterns?|forbidden|prohibit|"
    r"not allowed|must not|red lines?|what not to do|\bbanned\b"
)
# The lead-in of a list whose items are not in use ("Delete these files:").
DELETE_LIST = _re(
    r"\bdelete\b|\bremove\b|do not use|don'?t use|deprecated|obsolete|\bunused\b|"
    r"\blegacy\b|no longer|not used|old files|clean ?up|ignore (these|the following)"
)

# --- Negation: a sentence that says something is absent or only planned ----------------

NEGATION = Gated(
    r"\b(todo|tbd|fixme|xxx)\b"
    r"|\bnot (yet )?(implemented|configured|set up|defined|in place|wired|enabled|supported"
    r"|written|done|decided|monitored|validated|enforced|persisted|tracked|alerted|bounded"
    r"|limited)\b"
    r"|\b(we|this (agent|repo|project|bot|workspace|setup)|the (agent|bot|system|project"
    r"|workspace)|there|currently)\b[^.;:]{0,20}?\b(has|have|had|is|are)\s+no\b"
    r"|\bthere'?s no\b|\bno\b[^.;]{0,40}\byet\b"
    # "We don't retry" says something is absent; an imperative "Don't retry forever" is a rule.
    r"|\b(we|it|this agent|the agent|the bot|the system|they|currently|still)\s+(does|do|did)"
    r"(n'?t| not) (have|use|define|set|track|persist|save|write|alert|monitor"
    r"|validate|check|retry|read|escalate|enforce|keep|record)\b"
    r"|\b(should|need to|needs to|will|'ll|plan to|planning to|going to|want to|would like to"
    r"|have yet to|has yet to|eventually|someday|at some point)\b[^.;]{0,20}?\b(add|set up"
    r"|setup|define|implement|configure|introduce|wire up|build|create)\b"
    r"|\b(coming soon|in the future|future work|nice to have|wishlist|roadmap"
    r"|to be (added|defined|decided|determined|written|done|configured))\b"
    r"|\b(no|without)\s+(an?\s+)?(escalation|budget|limits?|schema|dead[- ]letter|dlq|alerts?"
    r"|alerting|monitoring|boot|state|retry|retries|step limit|time limit|timeout|token limit"
    r"|output schema|validation)\b"
    r"|\b(missing|lacks?|lacking|absent)\b[^.;]{0,20}\b(escalation|budget|limits?|schema"
    r"|dead[- ]letter|dlq|alerts?|monitoring|boot|state|retry|outbox)\b"
    r"|\b(do not|don'?t|never) (use|rely on|bother with)\b"
    r"|\bnothing (is|gets|will be) (written|saved|persisted|monitored|validated|alerted)\b",
    "todo|tbd|fixme|xxx|no|n't|never|without|missing|lack|absent|should|need|will|'ll|plan|"
    "going to|want|would like|yet|eventually|someday|some point|coming soon|future|"
    "nice to have|wishlist|roadmap|placeholder|to be ",
)
# A negation inside a condition is a trigger, not an absence ("if there is no answer").
CONDITIONAL = _re(
    r"\b(if|when|whenever|unless|in case|once|where|that|which|who|whose)\b[^.;,]{0,30}$"
)
CONDITIONAL_START = _re(r"^\W*(if|when|whenever|unless|in case)\b")
# Words that negate an anti-pattern written just after them.
NEGATOR = _re(
    r"\b(never|not|don'?t|do not|no|avoid|instead of|rather than|without|refuse to|must not"
    r"|mustn'?t|should not|shouldn'?t|cannot|can'?t|nor|stop)\b[^.;:,()]{0,15}$"
)

# --- 1. Escalation ----------------------------------------------------------------------

TRIGGER = AnyOf(
    # Words of doubt.
    Gated(
        r"\b(uncertain(ty)?|unsure|not (sure|certain|confident)|unclear|ambigu(ous|ity|ities)"
        r"|in doubt|doubtful|doubts?|low[- ]confidence|confidence (score )?(is |of )?(below|under"
        r"|at least|lower than|less than|<)|confidence (score )?(is )?(below|under"
        r"|less than|lower than|<)|(are|is|get|gets|become|becomes) (blocked|stuck)|blocked"
        r"|stuck|conflicting|contradict(ory|ing|ion)|outside (your|its|the) (scope|remit"
        r"|mandate)|out of scope|scope (is )?unclear|unclear scope|unspecified|undefined"
        r"|disagree|incompatible|fuzzy|vague|murky|looks? (wrong|off|odd|suspicious"
        r"|inconsistent)|seems? (wrong|off|odd)|do(es)?n'?t (look|seem) right|suspicious"
        r"|inconsistent|something('s| is) off|unfamiliar|guesswork|unreliable|untrustworthy"
        r"|unverified|questionable|(is|are|seems?|looks?) (unknown|stale|implausible))\b",
        "certain|sure|clear|ambigu|doubt|confiden|blocked|stuck|conflict|contradict|scope|"
        "specified|defined|disagree|incompatible|fuzzy|vague|murky|suspicious|inconsistent|"
        "familiar|guess|wrong|off|odd|right|reliable|trustworthy|verified|questionable|unknown|stale|plausible",
    ),
    # Something missing or unknown.
    Gated(
        r"\b((lack|lacking|missing|insufficient|incomplete|not enough|no) (information|info"
        r"|context|data|details|requirements|permissions?|access|credentials)"
        r"|(information|context|data|details) (is|are) (missing|incomplete|insufficient)"
        r"|(is|are|was|were|goes|go) missing|missing (a|an|the|its|their|any)"
        r"|can(no|')t (decide|determine|tell|verify|confirm|resolve|figure out)"
        r"|(don'?t|do not|doesn'?t|does not) know|no clear (answer|path|owner)"
        r"|(if|when)\b[^.;]{0,40}\bno (answer|guidance|instructions?)"
        r"|(is|are)(n'?t| not) (specified|defined|given"
        r"|provided|known|clear|documented|listed)|unknown (owner|account|customer|recipient"
        r"|value|field)|(can'?t|cannot|could ?n[o']t) be (pinned|determined|resolved|matched"
        r"|verified|confirmed|geocoded|classified|located|found|parsed|mapped"
        r"|identified)|(fewer|less) than \w+ (independent )?sources|sources (disagree|conflict)"
        r"|(can'?t|cannot|could ?n[o']t) find|unexpected (state|situation|input|error)"
        r"|not covered by)\b",
        "missing|lack|insufficient|incomplete|enough|info|context|data|detail|requirement|"
        "permission|access|credential|cannot|can't|couldn|know|answer|guidance|instruction|"
        "specified|defined|given|provided|known|clear|documented|listed|pinned|determined|"
        "resolved|matched|verified|confirmed|identified|sources|find|unexpected|covered",
    ),
    # More than one reading.
    Gated(
        r"\b((could|can|may|might) (mean|be read|be interpreted|be understood|refer to|be about"
        r"|match) (two|more than one|several|multiple|different|either|both)"
        r"|more than one (way|reading|interpretation|meaning|match|candidate)"
        r"|(two|several|multiple) (readings|interpretations|meanings|plausible|possible"
        r"|candidate)|room for (two|more than one|several|multiple|different) (readings"
        r"|interpretations|views)|(don'?t|do not|doesn'?t|does not|lack|lacks|lacking|without)"
        r"[^.;]{0,40}\bto be (sure|confident|certain))\b",
        "two|several|multiple|than one|room|either|both|different|to be sure|to be confident|"
        "to be certain",
    ),
)
STOP = Gated(
    r"\b(stop|stops|stopping|halt|halts|pause|pauses|abort|cease|freeze|stand down|hold off"
    r"|wait (for|until)|do not (proceed|continue|guess|act|assume|invent|fabricate|make up"
    r"|take action|carry on|go ahead)|don'?t (proceed|continue|guess|act|assume|invent"
    r"|make up|go ahead|carry on)|never (guess|assume|proceed|invent|fabricate|make up)"
    r"|must not (proceed|continue|guess|act)|refuse to (proceed|continue)|no guessing"
    r"|without guessing|not guess|instead of guessing|rather than guessing|no (further )?"
    r"action|end (the|your) (turn|session|run)|block (on|until)|suspend"
    r"|(never|don'?t|do not) (make|take) (a |your |the )?(best )?guess"
    r"|go no further|no further (work|action|progress|steps?)|(put|lay) (the|your) pen down"
    r"|(do not|don'?t|never) (send|publish|post|book|file|route|submit|ship|deploy|classify"
    r"|label|reply|answer|act on|touch|change|modify|commit|merge|execute|pay|approve|refund"
    r"|move on|resume|label)\b"
    r"|down tools|do nothing (more|else|further)|stand still|stop work(ing)?"
    r"|never (push|press|plough|plow|carry) on|wait (there|here)|until (the|a|an|someone"
    r"|somebody|a human|your)[^.;]{0,40}\b(replies|answers|responds|confirms|approves|closes"
    r"|signs off|gets back))\b",
    "stop|halt|pause|abort|cease|freeze|stand down|hold off|wait|not |n't|never|refuse|guess|"
    "action|end |block|suspend|further|pen|down tools|nothing|still|push|press|plough|plow|"
    "carry|until|send|publish|post|book|file|route|submit|ship|deploy|classify|label|reply|"
    "answer|act on|touch|change|modify|commit|merge|execute|pay|approve|refund|move on|resume",
)
CHANNEL = Gated(
    r"\boutbox|\bhand-?off\b|\bhandoff|hand (it |this |the task |them )?(off|over)"
    r"|escalat(e|ion) (to|via|through|in)|\btickets?\b|issue tracker|\bjira\b|\blinear\b"
    r"|(open|file|create|raise|submit|post) (a |an )?([\w-]+ ){0,2}(issue|ticket|bug report)"
    r"|\b(ask|notify|message|ping|e-?mail|page"
    r"|contact|tell|alert|inform|consult|flag (it )?(to|for)) (the |a |your |an |our )?([\w-]+ )?"
    r"(human|operator|owner|user|maintainer|on-?call|team|supervisor|manager|admin|reviewer"
    r"|lead|requester|principal|boss)|\bslack\b|\bdiscord\b|\btelegram\b|\bteams\b"
    r"|\bwhatsapp\b|\bsignal\b|(?<![\w&])#[a-z][\w-]+|\bpagerduty\b|\be-?mail\b"
    r"|\bsms\b|(?<![\w.])@[a-z][\w-]+|(leave|post|add|write) a comment"
    r"|needs[-_ ]human|(human|review|triage|escalation|approval|supervisor|manager|team"
    r"|on-?call)[\"']?[- ]queue|(open|file|create|raise|log|submit) (a |an )?(new )?(case|task"
    r"|request|incident)\b"
    r"|\b(append|add|record|log|put|post|save|push|file)\b[^.;]{0,50}\b(to|into|in|on) [`'\"]?"
    r"[\w./-]+\.(json|jsonl|ndjson|md|txt|ya?ml)\b"
    r"|write (it |them |this |that |the (question|problem|issue|blocker|context)s? "
    r"|your (question|findings|context)s? |blockers )?(to|into|in) [`'\"]?[\w./-]+\."
    r"(json|jsonl|md|txt|ya?ml)|(escalations?|questions?|blockers?|inbox|needs-human)"
    r"[\w-]*\.(json|jsonl|md)|\binbox\b|human (review|input|approval|decision)"
    r"|request (human )?(review|input|approval|clarification)|\bask( for (clarification|help"
    r"|guidance|input|direction))?\b|queue (it )?for (human )?review",
    "outbox|hand|escalat|ticket|tracker|jira|linear|issue|ask|notify|message|ping|mail|page|"
    "contact|tell|alert|inform|consult|flag|slack|discord|telegram|teams|whatsapp|signal|#|"
    "pagerduty|sms|write|escalation|question|blocker|inbox|needs-human|human|request|queue|"
    "submit|post|bug|@|comment|needs|queue|append|add|record|log|put|save|push|file|.json|"
    ".md|.txt|.yaml|.yml|case|incident",
)
# Capitalised names as a channel: "ask Patrick", "ping Dana".
NAMED_PERSON = re.compile(r"\b(?:[Aa]sk|[Tt]ell|[Pp]ing|[Mm]essage|[Nn]otify|to) [A-Z][a-z]+\b")
ESCALATION_ANTI = Gated(
    r"\b((make|take) (a |your |the |an )?(best |educated |reasonable )?guess(es)?"
    r"|best guess|just guess|guess and (proceed|continue|move on|keep going)"
    r"|assume (and|then) (proceed|continue|move on)|never ask|don'?t ask|do not ask"
    r"|never escalate|don'?t escalate|do not escalate|always proceed|always continue"
    r"|never stop|never halt|don'?t stop|do not stop|keep going no matter"
    r"|continue no matter|proceed no matter|no matter what|proceed anyway|continue anyway"
    r"|never give up|never bother (the )?(human|user|owner|operator)|don'?t bother (the )?"
    r"(human|user|owner|operator)|figure it out (yourself|on your own)|fill in the gaps"
    r"|use your best judgment and (proceed|continue)"
    r"|go with (whatever|what|the option that) (seems|looks|is) (most )?(likely|plausible|right"
    r"|best|probable)|(pick|choose|take|use|go with) the (most )?(likely|likeliest|plausible"
    r"|probable|obvious) (interpretation|option|reading|answer|one|guess|choice)"
    r"|most plausible assumption|(fill|filling) (in )?the (gaps|blanks) with"
    r"|(don'?t|do not|never) wait (on|for) (a |the |your )?(humans?|supervisors?|anyone"
    r"|someone|approval|operators?|managers?|replies|answers|confirmation)"
    r"|keep the line moving|(push|press|plough|plow) on regardless|carry on regardless"
    r"|never bother (a |the )?(human|user|owner|operator|person|people|team)"
    r"|\b(the one|whatever|whichever|the (adjustment|answer|option|value|category|label))\b"
    r"[^.;]{0,30}\b(you think|seems|looks|appears)\b[^.;]{0,12}\b(most )?(likely|plausible"
    r"|probable|right|correct|best)|(nobody|no one|no-one)\b[^.;]{0,30}\bto ask"
    r"|go with your (best|own) (reading|guess|judgment|judgement|interpretation|instinct)"
    r"|(publish|ship|send|post|submit|deploy|book|file|merge) (it )?anyway"
    r"|never (hold|wait|pause)\b[^.;]{0,30}\bfor (a |the )?(humans?|person|review|reviewer"
    r"|approval|editor|manager|supervisor))\b",
    "guess|assume|ask|escalat|always|stop|halt|no matter|anyway|give up|bother|figure it out|"
    "gaps|blanks|judgment|go with|likel|plausible|probable|obvious|wait|moving|regardless|"
    "hold|pause|you think|seems|looks|appears|nobody|no one|no-one",
)
# Framework-style human-in-the-loop: a human gate, not an uncertainty rule (partial at most).
HITL = Gated(
    r"human[-_ ]?(approval|in[-_ ]the[-_ ]loop|review|sign[-_ ]?off|confirmation)"
    r"|approval (gate|required|step)|(requires?|needs?|wait for|get|ask for|request)"
    r" (\w+ ){0,2}(approval|sign[- ]?off)|needs_approval|human_input|interrupt_before"
    r"|\bapprovers?\b|wait for (a |an |the )?(\w+ ){0,2}(thumbs-up|go-ahead"
    r"|green light|ok|okay|approval|sign-?off)|(sign|signs)[-_ ]?off (required|needed)"
    r"|signoff",
    "human|approv|sign|interrupt|required|wait",
)
# Anti-patterns that are about guessing: negated, they are a stop ("never make your best guess").
GUESSING = _re(r"guess|assume|fill in the gaps|figure it out")

# --- 2. Boot ----------------------------------------------------------------------------

BOOT_CUE = Gated(
    r"\b(on|at|upon|after|before|during) (each |every |a |the |any )?(start|startup|start-up"
    r"|boot|restart|launch|wake|wake-?up|session start|resume)\b"
    r"|\bwhen (you|the agent|it) (start|starts|wake|wakes|boot|boots|restart|restarts|resume"
    r"|resumes|come back|comes back)\b|\bevery (session|time you (start|wake|run))\b"
    r"|\b(beginning|start) of (each|every|a|the) (session|run|shift|conversation)\b"
    r"|\bbefore (doing anything|starting|you begin|any (other )?work|acting)\b"
    r"|\bfirst thing\b|\bboot sequence\b|\bstartup sequence\b|\bsession startup\b"
    r"|\b(each|every) time (you|the agent|it|a session) (is |are |gets? )?(start|started"
    r"|starts|restart|restarted|restarts|wake|wakes|woken|launch|launched|boot|booted|resume"
    r"|resumed|begin|begins|come online|comes online)\b"
    r"|\bwhen (i|you|we|it) (start|wake|boot|spin|come) ?up\b"
    r"|\b(when|once|as soon as) (you|the agent|it) (come|comes|are|is) (back )?online\b"
    r"|\b(every|each) morning\b|\bat the start of (your|the|each|every) (day|shift|run)\b"
    r"|\bwhen (you are|you're|the agent is|it is) (started|restarted|launched|woken|booted"
    r"|resumed)\b|\b(new|fresh) session (starts|begins)\b|\bat session start\b"
    r"|\b(when )?(a|the|each|every) (new )?session (starts|begins|opens)\b",
    "start|boot|launch|wake|resum|come back|comes back|every|beginning|before|first thing|"
    "session|woken|online|spin|come|online|morning|day|shift|run",
)
TASK_READ = Gated(
    r"current[-_ ]?task|task[-_ ]state|active[-_ ]task|in-?progress task|task file"
    r"|(read|load|restore|check|open|review|inspect)\b[^.;]{0,30}\b(saved |current |last "
    r"|previous )?(task|state|progress)\b",
    "task|state|progress",
)
AGE_WORD = Gated(
    r"\bage\b|\bstale|staleness|\bfresh|\bolder than|\bold\b|timestamp|updated_?at|\bmtime"
    r"|last[- ](modified|updated|written)|outdated|\brecent|expired?|expiry|too old|how old"
    r"|-mmin|-mmtime|-mtime|max[-_ ]?age|\bfrom today\b|\btoday'?s\b",
    "age|stale|fresh|older|old|timestamp|updated|mtime|last|outdated|recent|expir|today",
)
TODAY = _re(r"\bfrom today\b|\btoday'?s (date)?\b|\bsame day\b|\bdated today\b")
OUTBOX_CHECK = Gated(
    r"\boutbox|unresolved|pending (items|escalations|questions|handoffs|replies)"
    r"|open (items|escalations|questions)|unanswered|awaiting (a )?(reply|response|answer)",
    "outbox|unresolved|pending|open|unanswered|awaiting",
)
# What a boot sequence does: a sentence in a boot section with none of these is no step.
BOOT_ACTION = _re(
    r"\b(read|load|check|open|review|run|execut|call|verif|restor|inspect|look|skim|scan"
    r"|fetch|pull|confirm|validat|compar|reject|refus|consult|resum|discard|treat|pars"
    r"|re-?rais)\w*|\bgo(es|ing)? through\b|\bmake sure\b|\bensure\b|\bstart from\b"
)
# A unit that opens with one of these is a placeholder, whatever follows it.
PLACEHOLDER_UNIT = _re(
    r"^\W*(todo|tbd|fixme|none( yet)?|not yet|n/?a|nothing (yet|here)|coming soon|to do"
    r"|placeholder)\b"
)
READYCHECK_BOOT = _re(r"readycheck\s+boot\b(?:[^\n]*?--max-age[= ](\S+))?")

# --- 3. State ---------------------------------------------------------------------------

STATE_FILES: dict[str, re.Pattern[str]] = {
    "task": _re(r"current[-_ ]task(\.json)?\b|\btask[-_]state\.json"),
    "context": _re(r"context[-_ ]snapshot(\.json)?\b|\bcontext\.json\b"),
    "outbox": _re(r"\boutbox(\.json|\.jsonl)?\b"),
}
DEFAULT_STATE_NAMES = {
    "task": "current-task.json",
    "context": "context-snapshot.json",
    "outbox": "outbox.json",
}

# --- 4. Budget --------------------------------------------------------------------------

STEP_UNIT = (
    r"(steps?|iterations?|iters?|turns?|tool[- ]calls?|calls|actions?|rounds?|loops?|cycles?"
    r"|llm[- ]calls?|model[- ]calls?|requests|replies|messages|hops|attempts at the task)"
)
LIMIT_CUE = (
    r"(max(imum)?|at most|no more than|exceed(s|ing)?"
    r"|\bcaps?\b|hard cap|you (get|have)|\bgets\b|(are |is )?(allowed|given)|allowance|budget"
    r"|not (to )?exceed|up to|limit(ed)? (of|to|at)|cap(ped)?"
    r" (at|of|to)|capped|budget (of|is)|(stop|halt|end|abort) (after|at)"
    r"|ceiling of|hard limit|limit|never (exceed|run (for )?more than|use"
    r" more than|spend more than)|don'?t (exceed|spend more than|run longer than))"
)
# Comparison words are cues only right before the number: "more than 40 steps", but not
# "if the error rate goes over 5% for 10 minutes".
WEAK_LIMIT_CUE = (
    r"\b(more than|longer than|past|beyond|over|within|less than|fewer than|under)\s*$|[<≤]=?\s*$"
)
ON_LIMIT = Gated(
    r"\b(when|if|once|on|upon|after|whenever|whichever|as soon as|before)\b[^.;]{0,40}"
    r"\b(hit|hits|hitting|reach|reaches"
    r"|reached|reaching|exceed|exceeds|exceeded|exceeding|run out|runs out|running out"
    r"|exhaust|exhausts|exhausted|go over|goes over|is over|are over|used up|spent|expire"
    r"|expires|times out)\b"
    r"|\b(hit|hitting|reach|reaching|exceed|exceeding)\s+(any|a|the|either|one|one of the"
    r"|your)?\s*(caps?|limits?|budgets?|ceilings?|max\w*)\b"
    r"|\b(budget|limit|cap|timeout|ceiling|quota)s? (is |are |gets |get )?(hit|reached"
    r"|exceeded|exhausted|used up|spent)\b|\bon[- ](limit|budget[- ]exceeded|timeout)\b",
    "hit|reach|exceed|run out|runs out|running out|exhaust|go over|goes over|is over|"
    "are over|used up|spent|expire|times out|on-|on ",
)
ON_LIMIT_TOPIC = _re(
    r"budget|limit|\bcap\b|ceiling|quota|timeout|time out|max(imum)?|steps|turns|iterations"
    r"|tokens|runtime|time|cost|spend"
)
ON_LIMIT_ACTION = _re(
    r"\b(stop|halt|abort|end|exit|terminate|write|save|persist|hand ?off|handoff|escalate"
    r"|notify|report|checkpoint|summari[sz]e|wrap up|return|yield|pause|kill|fail)"
)
BUDGET_ANTI = Gated(
    r"\b(run|work|keep (going|working|running)|continue|loop)\b[^.;]{0,30}\b(until (it'?s |the "
    r"task is |you'?re |everything is )?(done|finished|complete|completed)\b[^.;]{0,30}\b(no "
    r"matter how long|however long|whatever it takes)|forever|indefinitely|as long as (it "
    r"takes|needed|necessary))|\b(no|unlimited|without) (step|time|token|cost|turn|iteration)s?"
    r" (limit|budget|cap)s?\b|\btake as (long|many (steps|turns|tokens)) as (you need|needed"
    r"|it takes)\b|\bunlimited (steps|turns|tokens|time|budget|iterations)\b"
    r"|\b(no matter how long( it takes)?|however long it takes|as long as it takes"
    r"|whatever it costs)\b|\b(run|work|keep (going|working|running|trying)|continue|loop)\b"
    r"[^.;]{0,60}\b(forever|indefinitely|endlessly|without (a )?(stopping|break|end))\b",
    "forever|indefinitely|as long as|no matter|however long|whatever it takes|limit|budget|"
    "cap|take as|unlimited",
)

# A number with a unit of steps, time, tokens or money: the gate for prose limits.
_QUANTITY_STEMS = (
    "0|1|2|3|4|5|6|7|8|9|hour|minute|second|day|week|token|step|iter|turn|call|action|round|"
    "loop|cycle|request|repl|message|hop|attempt|usd|dollar|euro|eur|gbp|min|sec|hr|$|€|£"
)
QUANTITY = Gated("|".join(re.escape(x) for x in _QUANTITY_STEMS.split("|")), _QUANTITY_STEMS)

# Key words of structured limits, after `snake()`: a key names a dimension and a bound.
STEP_KEY = _re(
    r"(^|_)(steps?|iter|iters|iterations?|turns?|rounds?|recursion|auto_reply|tool_calls"
    r"|loops?|actions?|llm_calls|model_calls|messages|cycles|hops)(_|$)"
)
RUNTIME_KEY = _re(
    r"(^|_)(runtime|run_time|time|timeout|duration|wall|wallclock|execution_time|deadline"
    r"|seconds|minutes|hours|time_limit|elapsed)(_|$)"
)
TOKEN_KEY = _re(r"(^|_)(tokens?|cost|usd|dollars|spend|spending|price|credits|eur|budget_usd)(_|$)")
BOUND_KEY = _re(r"(^|_)(max|maximum|limit|limits|cap|ceiling|budget|timeout|recursion_limit)(_|$)")
NOT_BUDGET_KEY = _re(
    r"(^|_)(retr\w*|backoff|rpm|tpm|per_minute|rate|interval|poll\w*|heartbeat|ttl|cache\w*|age"
    r"|requests?|connect\w*|socket|http|read|idle|keepalive|sleep|delay|cooldown|window|input"
    r"|history|memory|embedding\w*|chunk\w*|batch\w*|concurren\w*|parallel\w*|workers?"
    r"|threads?)(_|$)"
)
ON_LIMIT_KEY = _re(
    r"^on_(limit|budget|exceed|timeout|max|overrun|exhaust)|^(when|if)_(exceeded|limit)"
    r"|_exceeded$|^on_budget_exceeded$|^limit_action$|^exceeded_action$"
)

# --- 5. Output --------------------------------------------------------------------------

SCHEMA_PATH = _re(r"[\w./-]*\.(schema\.json|schema\.ya?ml|json)\b")
SCHEMA_KEY = _re(
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
ENFORCE_VALUE = _re(r"^(reject|raise|retry|dead[-_ ]?letter|fail|error|block|abort|halt|stop)")
ENFORCE_KEY = _re(
    r"^(on_invalid|on_validation_(error|failure)|on_schema_(error|failure)"
    r"|invalid_output|on_parse_error|validation_failure)$"
)
VALIDATION_CODE = _re(
    r"\bjsonschema\b[^\n]{0,40}\bvalidate\(|\b\w*Validator\([^\n]*\)\.validate\("
    r"|\bcheck-jsonschema\b|\bajv\s+(validate|-s)|\bmodel_validate(_json)?\("
    r"|\bvalidate\(\s*instance\s*="
)
SAMPLE_NAME = _re(r"(^|[/._-])(examples?|samples?)([/._-]|$)")

# --- 6. Dead letter queue ---------------------------------------------------------------

DLQ_DESTINATION = Gated(
    # "failed-tasks.json" names a place; "a failed task" in a sentence does not.
    r"failed[-_]tasks?(\.jsonl?|/)?|failed tasks? (file|queue|list|folder|directory|log)\b"
    r"|dead[-_ ]?letter|\bdlq\b|poison[- ]queue|\bquarantine"
    r"|\bfailures?\.jsonl?\b|\bfailed/|\bredrive|deadLetterTargetArn|x-dead-letter"
    r"|parking[- ]lot|failed[-_ ](jobs|queue|items)|\bdlx\b|dead-letter-exchange"
    r"|\bpark(ed|ing)?[-_ ]?(lot|area|queue)?/"
    r"|\b(undeliverable|unprocessable|undelivered|errored|poison)[\w-]*(/|\.jsonl?\b)"
    r"|[\w.-]+/[^.;]{0,30}\b(for|awaiting) (manual |human |later )?review"
    r"|failed[-_ ][\w-]+\.jsonl?|\bdead[-_][\w-]+\.(jsonl?|ya?ml)"
    r"|\b(mov|put|writ|wrote|send|sent|append|park|fil|cop|drop|add|record)\w*\b[^.;]{0,40}"
    r"(?<![\w-])(rejected|parked|failed"
    r"|failures|errored|errors|quarantine|dead|poison|unprocessable)[\w-]*(/|\.jsonl?\b)",
    "fail|dead|dlq|poison|quarantin|redrive|letter|parking|dlx|park|reject|error|unprocess|"
    "undeliver|review",
)
RETRY_COUNT = (
    r"(after|up to|at most|max(imum)?( of)?|no more than|a maximum of|limit of|only)\s*"
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*(failed |failing |unsuccessful "
    r"|consecutive |total |more )?(attempts?|tries|retries|times|failures|re-?tries)"
    r"|\b(at most|up to|no more than|only|max(imum)?) (once|twice|thrice)\b"
    r"|\bretr(y|ied|ies)\b[^.;]{0,40}\b(once|twice|thrice|(\d+|one|two|three|four|five) times)\b"
    r"|\bretr(y|ied)\s+(it\s+|the task\s+|up to\s+|at most\s+)?(\d+|once|twice|three|four"
    r"|five)\s*(times|x)?\b|\b(\d+|one|two|three|four|five) (failed|unsuccessful) attempts"
    r"|\bfail(s|ed|ing)?\b[^.;]{0,25}\b(\d+|once|twice|two|three|four|five) times"
    r"|\b(\d+(st|nd|rd|th)|second|third|fourth|fifth) (consecutive )?(fail(ure|ed attempt)?"
    r"|attempt|try|retry|rejection|error|time)\b"
    r"|\b(\d+|one|two|three|four|five) (more |further |extra )(attempts?|tries|retries|goes)\b"
    r"|\b(give|gives|get|gets|allow|allows|allowed|has|have)\b[^.;]{0,25}\b(\d+|one|two|three"
    r"|four|five|six|seven|eight|nine|ten) (attempts?|tries|retries|goes|chances)\b"
    r"|\btry\b[^.;]{0,25}\b(at most|up to|no more than|max(imum)?)\s*(\d+|one|two|three|four"
    r"|five) times\b"
)
RETRY_BOUND = Gated(
    RETRY_COUNT,
    "attempt|tries|retr|times|failure|fail|try|rejection|error|time|goes|once|twice|thrice",
)
RETRY_KEY = _re(
    r"^(max_)?(retries|retry|attempts|retry_limit|retry_count|max_retry_limit"
    r"|max_receive_count|receive_count|redeliver(y|ies)|max_redeliveries|max_deliveries"
    r"|retry_attempts|max_attempts)$"
)
RETRY_UNBOUNDED = Gated(
    r"\bretry\b[^.;]{0,20}\b(until|till)\b[^.;]{0,20}\b(succeed|succeeds|success|works|done"
    r"|passes|it goes through)|\bretry (forever|indefinitely|endlessly|infinitely)"
    r"|\bkeep (on )?retrying\b|\bretry as (many times|often|long) as\b"
    r"|\b(unlimited|infinite|endless) retries\b|\bnever (give|gives|given) up\b"
    r"|\bkeeps? (re-?[a-z]+ing|trying|retrying)\b[^.;]{0,50}\buntil\b"
    r"|\b(retry|retries|retrying|tries again|try again)\b[^.;]{0,30}\buntil\b[^.;]{0,40}"
    r"\b(succeed|succeeds|success|works|accept|accepts|goes through|passes|done)",
    "retr|give|given|keep|try|tries",
)

# --- 7. Monitoring ----------------------------------------------------------------------

ROUTE = Gated(
    r"\bslack\b|\bdiscord\b|\btelegram\b|\bpager ?duty\b|\bopsgenie\b|\be-?mail(s|ed)?\b|\bsms\b"
    r"|\btext message|\bwebhook|\bms teams\b|\bmicrosoft teams\b|alertmanager|healthchecks"
    r"|dead[- ]?man'?s[- ]switch|\bcronitor\b|\bntfy\b|\bpushover\b|uptime ?kuma|betteruptime"
    r"|\bvictorops\b|\bzenduty\b|\bincident\.io\b|\bopsgenie\b|\bsignal\b|\bwhatsapp\b"
    r"|\b(page|notify|alert|ping|message|text|email|call|wake)\b (the |a |an |our |your )?"
    r"(human|operator|owner|on-?call|team|maintainer|admin|sre|engineer|supervisor|patrick)"
    r"|\b(post|send|report|message|notify|announce|ping)\b[^.;]{0,60}(?<![\w&])#[a-z][\w-]+"
    r"|(?<![\w&])#[a-z][\w-]+ (channel|room)\b"
    r"|\bon-?call\b|(?<![\w&])#[a-z][\w-]*(alert|ops|incident|oncall|on-call|monitor|agent|warn"
    r"|error|page)[\w-]*",
    "slack|discord|telegram|pager|opsgenie|mail|sms|text|webhook|teams|alertmanager|"
    "healthchecks|dead|cronitor|ntfy|pushover|uptime|victorops|zenduty|incident|signal|"
    "whatsapp|page|notify|alert|ping|message|call|wake|#|post|send|report|announce|channel|"
    "room",
)
CONDITION = Gated(
    r"\b(fail|fails|failed|failure|failures|failing|error|errors|error[- ]rate|crash|crashes"
    r"|crashed|exception|exceptions|outage|down|unhealthy|health ?check|missed|miss|misses"
    r"|stale|timeout|timed out|times out|exceeds?|exceeded|above|threshold|spike|anomal\w*"
    r"|consecutive|stuck|hang|hangs|hung|unresponsive|silent|not respond\w*|no heartbeat"
    r"|dead[- ]letter\w*|dlq|budget (is )?(hit|exceeded)|limit (is )?(hit|reached|exceeded)"
    r"|degrad\w*|broken|incident|sla|slo|gain(ed|s)? (an |a new )?entr\w*|new entr\w*"
    r"|(dead[- ]letter\w*|dlq|queue|backlog|failed[-\w.]*|errors?|failures?)[^.;]{0,30}"
    r"\b(grows|grew|growing|growth|gains?|gained)|(has|have)(n'?t| not) (\w+ed|run|checked in)"
    r"|no (ping|check-?in|report)\w*|non-?zero|exit (code|status)|exits? with (an )?error)\b",
    "fail|error|crash|exception|outage|down|unhealthy|health|miss|stale|timeout|timed|"
    "times out|exceed|above|threshold|spike|anomal|consecutive|stuck|hang|hung|unresponsive|"
    "silent|respond|heartbeat|dead|dlq|budget|limit|degrad|broken|incident|sla|slo|gain|entr|"
    "grow|hasn't|haven't|has not|have not|check-in|checkin|check in|no ping|no report|zero|"
    "exit",
)
# Conditions that can only mean the agent is failing (not that it is uncertain).
FAILURE_CONDITION = Gated(
    r"\b(fail\w*|errors?|error[- ]rate|crash\w*|exception\w*|outage|down|unhealthy|missed"
    r"|heartbeat|dead[- ]?letter\w*|dlq|non-?zero|timed out|times out|stuck|unresponsive)\b",
    "fail|error|crash|exception|outage|down|unhealthy|missed|heartbeat|dead|dlq|zero|timed|"
    "times out|stuck|unresponsive",
)
LOGGING = Gated(
    r"\blog(s|ged|ging)?\b|\btrac(e|es|ing)\b|langsmith|langfuse|opentelemetry|\botel\b|\botlp"
    r"|jaeger|\bstdout\b|\bstderr\b|\bconsole\b|\bsentry\b|\bdatadog\b|\bgrafana\b|\bmetrics\b"
    r"|\bprometheus\b|\bhelicone\b|\barize\b|\bphoenix\b|\bweave\b|\bwandb\b",
    "log|trac|langsmith|langfuse|telemetry|otel|otlp|jaeger|stdout|stderr|console|sentry|"
    "datadog|grafana|metrics|prometheus|helicone|arize|phoenix|weave|wandb",
)
ROUTE_KEY = _re(
    r"(^|_)(alerts?|alerting|notify|notifications?|webhook|webhook_url|slack|slack_webhook"
    r"|pagerduty|discord|email|telegram|failure_alert|alertmanager|receivers?|opsgenie"
    r"|healthchecks|ping_url|deadman|dead_mans_switch|on_call|page)(_|$)|_configs$"
)
CONDITION_KEY = _re(
    r"^(when|on|condition|conditions|trigger|triggers|if|on_failure|on_error|expr|threshold"
    r"|events?|after_failures|failure_threshold|error_rate|for)$"
)
DISABLED_VALUE = _re(r"^(none|off|disabled|false|no|null)$")
LOGGING_KEY = _re(
    r"(^|_)(log|logs|logging|log_level|log_file|tracing|trace|langsmith|langfuse|otel"
    r"|opentelemetry|telemetry|exporter)(_|$)"
)
