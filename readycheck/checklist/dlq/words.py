"""The words of the dead letter queue: failed-task destinations, retry bounds, unbounded
retries."""

from __future__ import annotations

from readycheck.reading.gates import Gated, ignorecase, required_words_gated

# A section, file or unit about this item.
ABOUT = required_words_gated(
    r"dead[- ]?letter|\bdlq\b|retr(y|ies)|fail(ed|ure|ing)? (task|job)s?|poison"
)
DLQ_DESTINATION = Gated(
    # "failed-tasks.json" names a place; "a failed task" in a sentence does not.
    r"failed[-_]tasks?(\.jsonl?|/)?|failed tasks? (file|queue|list|folder|directory|log)\b"
    r"|dead[-_ ]?letter|\bdlq\b|poison[- ]queue"
    r"|\bfailures?\.jsonl?\b|\bfailed/|\bredrive|deadLetterTargetArn|x-dead-letter"
    r"|failed[-_ ](jobs|queue|items)|\bdlx\b|dead-letter-exchange"
    r"|\bpark(ed|ing)?[-_ ]?(lot|area|queue)?/"
    # A file name is at most 255 characters (NAME_MAX): a bounded run of name characters
    # keeps a long run of repeated words ("failed-failed-…") from being rescanned per start.
    r"|\b(undeliverable|unprocessable|undelivered|errored|poison)[\w-]{0,255}(/|\.jsonl?\b)"
    # A path starts where its run of path characters does (each start would be quadratic).
    r"|(?<![\w.-])[\w.-]+/[^.;]{0,30}\b(for|awaiting) (manual |human |later )?review"
    r"|failed[-_ ][\w-]{1,255}\.jsonl?|\bdead[-_][\w-]{1,255}\.(jsonl?|ya?ml)"
    r"|\b(mov|put|writ|wrote|send|sent|append|park|fil|cop|drop|add|record)\w*\b[^.;]{0,40}"
    r"(?<![\w-])(rejected|parked|failed"
    r"|failures|errored|errors|quarantine|dead|poison|unprocessable)[\w-]{0,255}(/|\.jsonl?\b)",
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
    "attempt|tries|retr|times|chance|failure|fail|try|rejection|error|time|goes|once|twice|thrice",
)
RETRY_KEY = ignorecase(
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
# "Park it in the parking lot": a dead letter queue only where failing work goes there
# (not a vocabulary list's "駐車場 - parking lot", not a parking lot for ideas).
PARKING_LOT = required_words_gated(r"\bparking[- ]lot\b")
# A failed-task store by its file or directory name alone (not "failures.json", a log).
FAILED_TASK_STORE = ignorecase(
    r"(^|/)(failed[-_](tasks?|jobs?|items?)|dead[-_]?letters?|dlq)(\.jsonl?$|/)"
)
# A quarantine store ("quarantine/", "the quarantine queue"): a dead letter queue only
# where failing work goes there, not for the security action ("quarantine malicious files").
QUARANTINE = required_words_gated(
    r"\bquarantine(/|[-_ ](queue|folder|directory|dir|bucket|topic|table|store)\b)"
)
