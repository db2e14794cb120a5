"""The words of the escalation rule: uncertainty triggers, stops, channels, anti-patterns,
human-in-the-loop gates."""

from __future__ import annotations

import re

from readycheck.reading.gates import Alternation, AnyOf, Gated, ignorecase, required_words_gated

# A section, file or unit about this item.
ABOUT = required_words_gated(
    r"escalat|uncertain|unsure|ambigu|in doubt|\bdoubt|stuck|blocked|hand-?off|"
    r"\bhuman[- ](handoff|hand-off|review|in[- ]the[- ]loop|escalation|approval|help|input"
    r"|decision)|when to (stop|ask|escalate|pause)|asking for help|getting help|clarif|unclear"
    r"|low confidence|"
    r"questions?\b|red lines"
)
TRIGGER = AnyOf(
    # Other languages (see the end of this module): "不确定时", "se a confiança < 60%".
    Gated(
        r"不确定|不清楚|不明确|歧义|模糊不清|信息不足|缺少信息|缺乏信息|卡住|受阻|无法判断|无法确定"
        r"|置信度低|没把握|\b(incerte(za|o|a)|não (tenho certeza|sei|está clar[oa])|dúvidas?"
        r"|ambígu[oa]s?|bloquead[oa]s?|confian(ç|z)a (< ?\d+|abaixo|baixa|por debajo)"
        r"|informaç(ão|ões) (insuficiente|faltando|incompleta)s?|incertidumbre"
        r"|no (estoy segur[oa]|está clar[oa]|sé)|dudas?|ambigu[oa]s?|falta (de )?información"
        r"|pas sûr|pas clair|incertain|unsicher|unklar|mehrdeutig|im zweifel)\b",
        "不确定|不清楚|不明确|歧义|模糊不清|信息不足|缺少信息|缺乏信息|卡住|受阻|无法判断|无法确定|"
        "置信度低|没把握|incerte|não tenho|não sei|não está|dúvida|ambígu|bloquead|confian|"
        "informaç|incertidumbre|no estoy|no está|no sé|duda|ambigu|falta|pas sûr|pas clair|"
        "incertain|unsicher|unklar|mehrdeutig|zweifel",
    ),
    # Words of doubt.
    Alternation.of(
        r"\b(uncertain(ty)?|unsure|not (\d+ ?% |entirely |completely |fully |totally |quite "
        r"|really )?(sure|certain|confident)|unclear|ambigu(ous|ity|ities)"
        r"|in doubt|doubtful|doubts?|low[- ]confidence|confidence (score )?(is |of )?(below|under"
        r"|at least|lower than|less than|<)|confidence (score )?(is )?(below|under"
        r"|less than|lower than|<)|(are|is|get|gets|become|becomes) (blocked|stuck)|blocked"
        r"|stuck|conflicting|contradict(ory|ing|ion)|outside (your|its|the) (scope|remit"
        r"|mandate)|out of scope|scope (is )?unclear|unclear scope|unspecified|undefined"
        r"|disagree|incompatible|fuzzy|vague|murky|looks? (wrong|off|odd|suspicious"
        r"|inconsistent)|seems? (wrong|off|odd)|do(es)?n'?t (look|seem) right"
        r"|inconsistent|something('s| is) off|unfamiliar|guesswork|unreliable|untrustworthy"
        r"|unverified|questionable|(is|are|seems?|looks?) (unknown|stale|implausible))\b",
        "certain|sure|clear|ambigu|doubt|confiden|blocked|stuck|conflict|contradict|scope|"
        "specified|defined|disagree|incompatible|fuzzy|vague|murky|suspicious|inconsistent|"
        "familiar|guess|remit|mandate|wrong|off|odd|right|reliable|trustworthy|verified|questionable|unknown|stale|plausible",
    ),
    # Something missing or unknown.
    Alternation.of(
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
        r"|verified|confirmed|classified|located|found|parsed|mapped"
        r"|identified)|(fewer|less) than \w+ (independent )?sources|sources (disagree|conflict)"
        r"|(instructions|requirements|requests|rules|goals|orders|data) (disagree|conflict|clash)"
        r"|(can'?t|cannot|could ?n[o']t) find|unexpected (state|situation|input|error)"
        r"|not covered by)\b",
        "missing|lack|insufficient|incomplete|enough|info|context|data|detail|requirement|"
        "permission|access|credential|cannot|can't|couldn|know|answer|guidance|instruction|"
        "specified|defined|given|provided|known|clear|documented|listed|pinned|determined|"
        "resolved|matched|verified|confirmed|identified|sources|find|unexpected|covered|disagree|"
        "conflict|clash",
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
_STOP_EN = Gated(
    r"\b(stop|stops|stopping|halt|halts|pause|pauses|abort|cease|freeze|stand down|hold off"
    r"|wait (for|until)|do not (proceed|continue|guess|act|assume|invent|fabricate|make up"
    r"|take action|carry on|go ahead)|don'?t (proceed|continue|guess|act|assume|invent"
    r"|make up|go ahead|carry on)|never (guess|assume|proceed|invent|fabricate|make up)"
    r"|must not (proceed|continue|guess|act)|refuse to (proceed|continue)|no guessing"
    r"|without guessing|not guess|instead of guessing|rather than guessing|no (further )?"
    r"action|end (the|your) (turn|session|run)|block (on|until)|suspend"
    r"|(never|don'?t|do not) (make|take) (a |your |the )?(best )?guess"
    r"|go no further|no further (work|action|progress|steps?)"
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
_CHANNEL_EN = Gated(
    r"\boutbox|\bhand-?off\b|\bhandoff|hand (it |this |the task |them )?(off|over)"
    r"|escalat(e|ion) (to|via|through|in)|\btickets?\b|issue tracker|\bjira\b|\blinear\b"
    r"|(open|file|create|raise|submit|post) (a |an )?([\w-]+ ){0,2}(issue|ticket|bug report)"
    r"|\b(ask|notify|message|ping|e-?mail|page"
    r"|contact|tell|alert|inform|consult|flag (it )?(to|for)) (the |a |your |an |our )?([\w-]+ )?"
    r"(human|operator|owner|user|maintainer|on-?call|team|supervisor|manager|admin|reviewer"
    r"|lead|requester|principal|boss)|\bslack\b|\bdiscord\b|\btelegram\b|\bteams\b"
    r"|\bwhatsapp\b|\b(via|on|over|through|in) signal\b|(?<![\w&])#[a-z][\w-]+|\bpagerduty\b"
    r"|\be-?mail\b"
    r"|\bsms\b|(?<![\w.])@[a-z][\w-]+|(leave|post|add|write) a comment"
    r"|needs[-_ ]human|(human|review|triage|escalation|approval|supervisor|manager|team"
    r"|on-?call)[\"']?[- ]queue|(open|file|create|raise|log|submit) (a |an )?(new )?(case|task"
    r"|request|incident)\b"
    r"|\b(append|add|record|log|put|post|save|push|file)\b[^.;]{0,50}\b(to|into|in|on) [`'\"]?"
    r"[\w./-]+\.(json|jsonl|ndjson|md|txt|ya?ml)\b"
    r"|write (it |them |this |that |the (question|problem|issue|blocker|context)s? "
    r"|your (question|findings|context)s? |blockers )?(to|into|in) [`'\"]?[\w./-]+\."
    r"(json|jsonl|md|txt|ya?ml)|(?<![\w-])(?=[\w-]*?(escalations?|questions?|blockers?|inbox"
    r"|needs-human))[\w-]*\.(json|jsonl|md)|\binbox\b|human (review|input|approval|decision)"
    r"|request (human )?(review|input|approval|clarification)|\bask for (clarification|help"
    r"|guidance|input|direction)\b|\bask (them|him|her|me|us)\b|queue (it )?for (human )?review",
    "outbox|hand|escalat|ticket|tracker|jira|linear|issue|ask|notify|message|ping|mail|page|"
    "contact|tell|alert|inform|consult|flag|slack|discord|telegram|teams|whatsapp|signal|#|"
    "pagerduty|sms|write|escalation|question|blocker|inbox|needs-human|human|request|queue|"
    "submit|post|bug|@|comment|needs|queue|append|add|record|log|put|save|push|file|.json|"
    ".md|.txt|.yaml|.yml|case|incident",
)
# Capitalised names as a channel: "ask Patrick", "ping Dana".
NAMED_PERSON = re.compile(r"\b(?:[Aa]sk|[Tt]ell|[Pp]ing|[Mm]essage|[Nn]otify|to) [A-Z][a-z]+\b")
ANTI = Alternation.of(
    r"\b((make|take) (a |your |the |an )?(best |educated |reasonable )?guess(es)?"
    r"|best guess|just guess|guess and (proceed|continue|move on|keep going)"
    r"|assume (and|then) (proceed|continue|move on)"
    # Guess and go: "if you can reasonably infer intent, do it and note your assumption".
    r"|if you can (reasonably )?(infer|guess|work out|tell)\b[^.;]{0,40}\b(do it|proceed|go ahead"
    r"|act|continue)|\b(proceed|continue|go ahead|do it)\b[^.;]{0,40}\b(and )?(note|state"
    r"|document|record|log) (down )?(your|the|any) assumptions?"
    # "Never ask for clarification" and "don't ask the user": asking for help is ruled out.
    # Not "don't ask permission" or "don't ask for information the user already gave".
    r"|(never|don'?t|do not) escalate|decide (it |this )?(yourself|on your own|alone)"
    r"|(never|don'?t|do not) ask\b(?=\s*(questions?|clarifying|((the |a |your )?(users?|humans?"
    r"|owners?|operators?) )?for (more|additional|further|extra|missing) (information|info"
    r"|details|input|context)|for (help"
    r"|clarification|guidance|input|direction)|anyone|anybody|(a |the |your )?"
    r"(users?|humans?|owners?|operators?|team|boss|managers?|supervisors?)\s*([.;,!:)]|$"
    r"|\b(for (help|clarification|guidance|input)|what|whether|how|which|when|if)\b)))"
    r"|always proceed|always continue"
    # "Never stop", not "don't stop at the first step" or "never stop learning".
    r"|(never|don'?t|do not) (stop|halt)\b(?!\s+(at|short|there|here|with|after|before"
    r"|learning|improving|reading|searching|looking|exploring|growing|asking|to ask))"
    r"|keep going no matter"
    r"|continue no matter|proceed no matter|no matter what|proceed anyway|continue anyway"
    r"|never give up|never bother (the )?(human|user|owner|operator)|don'?t bother (the )?"
    r"(human|user|owner|operator)|figure it out (yourself|on your own)"
    r"|use your best judgment and (proceed|continue)"
    r"|go with (whatever|what|the option that) (seems|looks|is) (most )?(likely|plausible|right"
    r"|best|probable)|(pick|choose|take|use|go with) the (most )?(likely|likeliest|plausible"
    r"|probable|obvious) (interpretation|option|reading|answer|one|guess|choice)"
    r"|most plausible assumption|(fill|filling) (in )?the (gaps|blanks) (yourself|with (your )?"
    r"(own )?(assumptions?|guess\w*|best guess|plausible|made-up|invented|fabricated))"
    # Not "don't wait for confirmation on routine updates": permission, not doubt.
    r"|(don'?t|do not|never) wait (on|for) (a |the |your )?(humans?|supervisors?|anyone"
    r"|someone|operators?|managers?|replies|answers)"
    r"|keep the line moving|(push|press|plough|plow) on regardless|carry on regardless"
    r"|never bother (a |the )?(human|user|owner|operator|person|people|team)"
    r"|\b(the one|whatever|whichever|the (adjustment|answer|option|value|category|label))\b"
    r"[^.;]{0,30}\b(you think|seems|looks|appears)\b[^.;]{0,12}\b(most )?(likely|plausible"
    r"|probable|right|correct|best)|(nobody|no one|no-one)\b[^.;]{0,30}\bto ask"
    r"|go with your (best|own) (reading|guess|judgment|judgement|interpretation|instinct)"
    r"|(publish|ship|send|post|submit|deploy|book|file|merge) (it )?anyway"
    r"|never (hold|wait|pause)\b[^.;]{0,30}\bfor (a |the )?(humans?|person|review|reviewer"
    r"|approval|editor|manager|supervisor)"
    # "Never just wait", "make decisions with available info", "pick the best interpretation",
    # "forbidden from asking Rui for clarification": go on without a human.
    r"|(never|don'?t|do not) just wait|(make|take) (the |your |a )?decisions? (with|on)"
    r" (the |whatever )?(available|limited|incomplete|partial) (info|information)\b"
    r"|(pick|choose|take|go with) (the |your )?best (interpretation|reading)"
    r"|(decide|act|guess|assume|proceed)\s*(>|over|rather than|instead of)\s*ask(ing)?"
    r"|(forbidden|prohibited|not allowed|not permitted|barred) (from |to )ask(ing)?\b[^.;]{0,40}"
    r"\b(clarification|input|questions?|help|guidance|details))\b",
    "guess|assume|assumption|infer|work out|you can|ask|escalat|decide|"
    "always|stop|halt|no matter|anyway|give up|"
    "bother|figure it out|gaps|blanks|judgment|go with|likel|plausible|probable|obvious|"
    "wait|moving|regardless|"
    "hold|pause|you think|seems|looks|appears|nobody|no one|no-one|decision|interpretation|"
    "reading|forbidden|prohibited|not allowed|not permitted|barred",
)
# "Never ask." with nothing after: an anti-pattern only in a sentence
# about uncertainty ("If unsure, don't ask.").
BARE_ASK = Gated(r"\b(never|don'?t|do not) ask\s*([.;,!)]|$)", "ask")
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
GUESSING = ignorecase(r"guess|assume|fill in the gaps|figure it out")

# Other languages: the most common wording of a stop and a channel in Chinese, Portuguese,
# Spanish, French and German agents ("立即停止并上报", "escalar ao humano", "no continúes").
_STOP_INTL = Gated(
    r"停止|暂停|不要猜|别猜|不要继续|不得继续|不要擅自|等待确认|等待回复"
    r"|\b(pare|parar|pausar?|não (prossiga|continue|adivinhe|avance|prosseguir)|aguard(e|ar)"
    r"|detente|detenerse|para de|no (continúes|sigas|adivines|avances)|arrête[rz]?"
    r"|ne (pas )?(continue[rz]?|devine[rz]?)|anhalten|nicht (weitermachen|raten|fortfahren))\b",
    "停止|暂停|不要猜|别猜|不要继续|不得继续|不要擅自|等待确认|等待回复|pare|parar|pausa|"
    "não|aguard|detente|detenerse|para de|no contin|no sigas|no adivines|no avances|arrêt|"
    "ne |anhalten|nicht",
)
_CHANNEL_INTL = Gated(
    r"上报|报告给|请示|转交|升级到|升级给|交给人工|人工处理|人工审核|询问(用户|主人|人类)"
    r"|通知(用户|主人|人类)|\b(escal(ar|e|a|ada|ado)\b[^.;]{0,20}\b(humano|ao|à|para|al)"
    r"|ao humano|al humano|pergunt(ar|e) (ao|à)|pregunt(ar|a|e) al|signaler à|demander à"
    r"|eskalieren|an (einen|den) menschen)\b",
    "上报|报告给|请示|转交|升级到|升级给|交给人工|人工处理|人工审核|询问|通知|escal|humano|"
    "pergunt|pregunt|signaler|demander|eskalieren|menschen",
)
STOP = AnyOf(_STOP_EN, _STOP_INTL)
CHANNEL = AnyOf(_CHANNEL_EN, _CHANNEL_INTL)
