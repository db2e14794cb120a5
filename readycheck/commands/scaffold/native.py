"""Where a framework agent's guarantees are set: its framework's own settings.

readycheck.yaml is read by readycheck, never by a framework at run time: a `budget:` block
in it limits nothing a CrewAI crew or a LangGraph graph runs. For an agent on a framework,
init writes no manifest block: for each item it would have written one for, it says where
the framework sets it (the native settings below, where readycheck knows them) and leaves
the item as it was.
"""

from __future__ import annotations

# framework id -> item -> the native settings that give the item's guarantee.
NATIVE: dict[str, dict[str, str]] = {
    "openclaw": {
        "budget": "`agents.defaults.timeoutSeconds` and `subagents.runTimeoutSeconds` in "
        "openclaw.json",
        "dlq": "`cron.retry.maxAttempts` and `cron.failureDestination` in openclaw.json",
        "monitoring": "`heartbeat.target` / `heartbeat.to` or `cron.failureAlert` in openclaw.json",
    },
    "crewai": {
        "escalation": "the rule (when unsure, stop and ask whom, where) in each agent's "
        "`backstory` or each task's `description`, or `human_input: true` on a task",
        "budget": "`max_iter` and `max_execution_time` on each agent (config/agents.yaml or "
        "Agent(...))",
        "output": "a `guardrail` on each Task with `output_json` / `output_pydantic`",
        "dlq": "`max_retry_limit` on each agent, and a place your code writes failed tasks",
    },
    "langgraph": {
        "escalation": "`interrupt(...)` in the node that meets an unclear request",
        "budget": "`recursion_limit` in the run config given to `.invoke` / `.stream`",
        "output": "`.with_structured_output(...)` or `response_format=`",
        "state": "a persistent `checkpointer` in `compile(...)` or langgraph.json",
        "dlq": "`RetryPolicy(max_attempts=...)`, and a place your code writes failed tasks",
    },
    "openai-agents": {
        "escalation": "the rule in the agent's `instructions`, and `needs_approval` on risky tools",
        "budget": "`max_turns` in `Runner.run(...)`",
        "output": "`Agent(output_type=...)` and `output_guardrails`",
        "state": "a session with a file or database (`SQLiteSession(id, 'file.db')`)",
    },
    "autogen": {
        "escalation": "a `HandoffTermination` to a `UserProxyAgent`, and the rule in the "
        "`system_message`",
        "budget": "`max_turns` or a termination condition (`MaxMessageTermination`, "
        "`TimeoutTermination`) on the team",
        "output": "`AssistantAgent(output_content_type=...)`",
    },
}

NAMES = {
    "openclaw": "OpenClaw",
    "crewai": "CrewAI",
    "langgraph": "LangGraph",
    "openai-agents": "the OpenAI Agents SDK",
    "autogen": "AutoGen",
}


def native_note(item: str, frameworks: list[str]) -> str:
    """What to do instead of a manifest block for `item` of an agent on `frameworks`."""
    settings = [(f, NATIVE[f][item]) for f in frameworks if item in NATIVE.get(f, {})]
    names = " and ".join(NAMES.get(f, f) for f in frameworks)
    if settings:
        where = "; ".join(f"in {NAMES.get(f, f)}: {setting}" for f, setting in settings)
    elif item == "boot":
        where = "in a start-up script that runs `readycheck boot` before the agent starts"
    else:
        where = f"where {names} reads it at run time"
    return (
        f"{item}: {names} does not read readycheck.yaml at run time; set it {where} "
        f"(init left {item} as it was)"
    )
