"""The words of monitoring: alert routes to a human, failure conditions, logging."""

from __future__ import annotations

from readycheck.reading.gates import Alternation, Gated, ignorecase, required_words_gated

# A section, file or unit about this item.
ABOUT = required_words_gated(
    r"monitor|alert|alarm|notif|observab|\bhealth|heartbeat|incident|on-?call|paging|"
    r"\blogging\b|\btracing\b|telemetry|"
    r"watchdog|uptime"
)
# An alert route: one alternation in gated parts (see `Alternation`), most sentences open
# none or one of them.
ROUTE = Alternation(
    Gated(
        r"\bslack\b|\bdiscord\b|\btelegram\b|\bpager ?duty\b|\bopsgenie\b|\bsms\b",
        "slack|discord|telegram|pager|opsgenie|sms",
    ),
    Gated(
        # An e-mail sent to someone, not the word: an e-mail assistant's e-mail is no route.
        r"\b(send|sends|sent|notify|alert|page|message|warn|inform|report)\b[^.;]{0,40}"
        r"\be-?mail\b|\b(by|via|over|through) e-?mail\b|\be-?mail(s|ed|ing)? (me|us|them|the|a"
        r"|an|our|your|ops|oncall|on-call|alerts?)\b|\be-?mails? [\w-]*(ops|team|desk|oncall"
        r"|on-call|admin|owner|support)\b",
        "mail",
    ),
    # An address's local part is at most 64 characters (RFC 5321); unbounded, each start in
    # a long run of name characters ("duty-duty-…") would rescan the run.
    Gated(r"\b[\w.+-]{1,64}@[\w-]+\.[a-z]{2,}\b", "@"),
    Gated(r"\btext message|\bms teams\b", "text|teams"),
    Gated(
        # A webhook that is sent to, not one that receives events ("webhook latency").
        r"\b(post|send|notify|alert|call|hit|ping|fire)\w*\b[^.;]{0,40}\bwebhook"
        r"|\b(alert|alerting|notification|slack|discord|teams|pagerduty|ops|on-?call)[-_ ]?"
        r"webhook",
        "webhook",
    ),
    Gated(
        r"\bmicrosoft teams\b|alertmanager|healthchecks"
        r"|dead[- ]?man'?s[- ]switch|\bcronitor\b|\bntfy\b|\bpushover\b|uptime ?kuma|betteruptime"
        r"|\bvictorops\b|\bzenduty\b|\bincident\.io\b|\bopsgenie\b|\bwhatsapp\b",
        "teams|alertmanager|healthchecks|dead|cronitor|ntfy|pushover|uptime|victorops|zenduty"
        "|incident|opsgenie|whatsapp",
    ),
    Gated(r"\b(via|on|over|through|in) signal\b", "signal"),
    Gated(
        r"\b(page|notify|alert|ping|message|text|email|call|wake)\b (the |a |an |our |your )?"
        r"(human|operator|owner|on-?call|team|maintainer|admin|sre|engineer|supervisor)",
        "page|notify|alert|ping|message|text|email|call|wake",
    ),
    Gated(
        # A chat channel is lower case ("#ops-alerts"); "#AIAgents" is a hashtag in a post.
        r"\b(post|send|report|message|notify|announce|ping)\b[^.;]{0,60}(?<![\w&])"
        r"(?-i:#[a-z][a-z0-9_-]+)|(?<![\w&])(?-i:#[a-z][a-z0-9_-]+) (channel|room)\b",
        "#",
    ),
    Gated(r"\bon-?call\b", "call"),
    Gated(
        r"(?<![\w&])(?-i:#[a-z][a-z0-9_-]*(alert|ops|incident|oncall|on-call|monitor"
        r"|agent|warn|error|page)[a-z0-9_-]*)",
        "#",
    ),
    # Chat apps of Chinese-speaking teams: Feishu/Lark, DingTalk, WeCom.
    Gated(
        r"\bfeishu\b|\blark\b|\bdingtalk\b|\bwecom\b|飞书|钉钉|企业微信",
        "feishu|lark|dingtalk|wecom|飞书|钉钉|企业微信",
    ),
)
CONDITION = Gated(
    r"\b(fail|fails|failed|failure|failures|failing|error|errors|error[- ]rate|crash|crashes"
    r"|crashed|exception|exceptions|outage|down|unhealthy|health ?check|missed|miss|misses"
    r"|stale|timeout|timed out|times out|exceeds?|exceeded|above (an? |the )?(threshold|limit"
    r"|\d)|threshold|spike|anomal\w*|consecutive|stuck|hang|hangs|hung|unresponsive|silent"
    r"|(not|stops?|stopped) responding|no heartbeat"
    r"|dead[- ]letter\w*|dlq|budget (is )?(hit|exceeded)|limit (is )?(hit|reached|exceeded)"
    r"|degrad\w*|broken|incident|sla|slo|gain(ed|s)? (an |a new )?entr\w*|new entr\w*"
    r"|(dead[- ]letter\w*|dlq|queue|backlog|failed[-\w.]*|errors?|failures?)[^.;]{0,30}"
    r"\b(grows|grew|growing|growth|gains?|gained)|(has|have)(n'?t| not) (\w+ed|run|checked in)"
    r"|no (ping|check-?in|report)\w*|non-?zero|exit (code|status)|exits? with (an )?error)\b"
    r"|错误|异常|失败|故障|报错|崩溃|超时|宕机",
    "fail|error|crash|exception|outage|down|unhealthy|health|miss|stale|timeout|timed|"
    "times out|exceed|above|threshold|spike|anomal|consecutive|stuck|hang|hung|unresponsive|"
    "silent|respond|heartbeat|dead|dlq|budget|limit|degrad|broken|incident|sla|slo|gain|entr|"
    "grow|hasn't|haven't|has not|have not|check-in|checkin|check in|no ping|no report|zero|"
    "exit|错误|异常|失败|故障|报错|崩溃|超时|宕机",
)
# Conditions that can only mean the agent is failing (not that it is uncertain).
FAILURE_CONDITION = Gated(
    r"\b(fail\w*|errors?|error[- ]rate|crash\w*|exception\w*|outage|down|unhealthy|missed"
    r"|heartbeat|dead[- ]?letter\w*|dlq|non-?zero|timed out|times out|stuck|unresponsive)\b"
    r"|错误|异常|失败|故障|报错|崩溃|宕机",
    "fail|error|crash|exception|outage|down|unhealthy|missed|heartbeat|dead|dlq|zero|timed|"
    "times out|stuck|unresponsive|错误|异常|失败|故障|报错|崩溃|宕机",
)
LOGGING = Gated(
    r"\blog(s|ged|ging)?\b|\btrac(e|es|ing)\b|langsmith|langfuse|opentelemetry|\botel\b|\botlp"
    # Not "console" (a UI) or "metrics" (a business word: "quality metrics, KPIs").
    r"|jaeger|\bstdout\b|\bstderr\b|\bsentry\b|\bdatadog\b|\bgrafana\b"
    r"|\bprometheus\b|\bhelicone\b|\barize\b|\bphoenix\b|\bweave\b|\bwandb\b",
    "log|trac|langsmith|langfuse|telemetry|otel|otlp|jaeger|stdout|stderr|sentry|"
    "datadog|grafana|prometheus|helicone|arize|phoenix|weave|wandb",
)
ROUTE_KEY = ignorecase(
    r"(^|_)(alerts?|alerting|notify|notifications?|webhook|webhook_url|slack|slack_webhook"
    r"|pagerduty|discord|email|telegram|failure_alert|alertmanager|receivers?|opsgenie"
    r"|healthchecks|ping_url|deadman|dead_mans_switch|on_call|page)(_|$)|_configs$"
)
CONDITION_KEY = ignorecase(
    r"^(when|on|condition|conditions|trigger|triggers|if|on_failure|on_error|expr|threshold"
    r"|events?|after_failures|failure_threshold|error_rate|for)$"
)
DISABLED_VALUE = ignorecase(r"^(none|off|disabled|false|no|null)$")
LOGGING_KEY = ignorecase(
    r"(^|_)(log|logs|logging|log_level|log_file|tracing|trace|langsmith|langfuse|otel"
    r"|opentelemetry|telemetry|exporter|verbose)(_|$)"  # a framework's `verbose: true` too
)
