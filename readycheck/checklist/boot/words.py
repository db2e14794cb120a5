"""The words of the boot sequence: start-up cues, task reads, age checks, outbox checks."""

from __future__ import annotations

from readycheck.reading.gates import Alternation, Gated, ignorecase, required_words_gated

# Start-up in Chinese, Portuguese, Spanish, French and German ("## 会话启动",
# "CHECKLIST DE INICIALIZAÇÃO", "al iniciar la sesión").
_OTHER_LANGUAGES = (
    r"|启动|开机|会话开始|每次会话|唤醒|重启|\binicializa\w*|\b(ao|al) (iniciar|arrancar)"
    r"|\bin[íi]cio d[ae] (la )?sess(ão|ión)|\barranque\b|\bdémarrage\b|\bbeim start"
    r"|\bsitzungsstart"
)
# A section, file or unit about this item.
ABOUT = required_words_gated(
    # Not "bootstrap": OpenClaw's BOOTSTRAP.md is a first-run ritual, not every start.
    r"\bboot(?!strap)|start[- ]?up|\bon start|session start|starting (up|a session)"
    r"|\brestart|\bwak(e|ing)\b|wake-?up|initiali[sz]|every session|each session|"
    r"pre-?flight|\bresum(e|ing)|first thing|cold start|\bon launch|before (you )?"
    r"(do anything|start|begin|act)|com(e|es|ing) (back )?online|(every|each) morning"
    r"|warm-?up|start of (the |your |each |every )?(day|shift)|\bon wake|before (you )?"
    r"(start|begin)|(start|beginning) of (a|each|every|the) (session|run|shift)" + _OTHER_LANGUAGES
)
# A periodic checklist is not a boot sequence.
HEARTBEAT = ignorecase(r"heartbeat")
BOOT_CUE = Alternation.of(
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
    r"|\b(when )?(a|the|each|every) (new )?session (starts|begins|opens)\b"
    # Not a bare "重启" ("confirm the gateway has restarted"), as not a bare "restart".
    r"|启动时|会话开始|会话启动|每次会话|对话开始时|开机时|重启后|\binicializa\w*"
    r"|\b(ao|al) (iniciar|arrancar)|\bin[íi]cio d[ae] (la )?sess(ão|ión)|\bau démarrage"
    r"|\bbeim start",
    "start|boot|launch|wake|resum|begin|come back|comes back|every|beginning|before|first thing|"
    "session|woken|online|spin|come|online|morning|day|shift|run|启动时|会话开始|会话启动|"
    "每次会话|对话开始时|开机时|重启后|inicializa|iniciar|arrancar|início|inicio|démarrage|"
    "beim start",
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
    r"|-mmin|-mtime|max[-_ ]?age|\bfrom today\b|\btoday'?s\b",
    "age|stale|fresh|older|old|timestamp|updated|mtime|mmin|last|outdated|recent|expir|today",
)
TODAY = ignorecase(r"\bfrom today\b|\btoday'?s (date)?\b|\bsame day\b|\bdated today\b")
OUTBOX_CHECK = Gated(
    r"\boutbox|unresolved|pending (items|escalations|questions|handoffs|replies)"
    r"|open (items|escalations|questions)|unanswered|awaiting (a )?(reply|response|answer)",
    "outbox|unresolved|pending|open|unanswered|awaiting",
)
# What a boot sequence does: a sentence in a boot section with none of these is no step.
BOOT_ACTION = ignorecase(
    r"\b(read|load|check|open|review|run|execut|call|verif|restor|inspect|look|skim|scan"
    r"|fetch|pull|confirm|validat|compar|reject|refus|consult|resum|discard|treat|pars"
    r"|re-?rais)\w*|\bgo(es|ing)? through\b|\bmake sure\b|\bensure\b|\bstart from\b"
    r"|读取|加载|检查|查看|阅读|\b(ler|leia|carregar|verificar|leer|lee|cargar|revisar|lire"
    r"|charger|vérifier|lesen|laden|prüfen)\b"
)
READYCHECK_BOOT = ignorecase(r"readycheck\s+boot\b(?:[^\n]*?--max-age[= ](\S+))?")
