"""Reading the session budget in plain Python: a token cap sent to a model, as a keyword
of a model client's call (`ChatOpenAI(max_tokens=1000)`, `client.messages.create(...,
max_tokens=3000)`) or as a key of a request payload in a file that talks to a model.

Step and time caps in code are left to the frameworks' readers: a keyword of an unknown
library's call, or an HTTP client's `timeout=30`, bounds nothing the agent runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck import quantities as q
from readycheck.checklist.budget.keys import read_key
from readycheck.model import Call, Document, Fact, Location
from readycheck.reading.keys import KeyValue

_TOKEN_CAP = re.compile(r"^max_(output_|completion_|new_)?tokens(_to_sample)?$|^max_tokens$")
# Model clients, by the module they are imported from.
_MODEL_CLIENTS = re.compile(
    r"^(openai|anthropic|litellm|mistralai|groq|cohere|ollama|together|google\.genai"
    r"|google\.generativeai|vertexai|langchain_\w+|langchain\.chat_models|llama_index\.llms)\b"
)
# Calls that send a request to a model, whatever the client variable is called.
_MODEL_CALL = re.compile(
    r"(completions\.create|messages\.create|responses\.create|generate_content"
    r"|chat\.complete|\.completion)$"
)


def _to_model(call: Call) -> bool:
    return bool(_MODEL_CLIENTS.match(call.name) or _MODEL_CALL.search(call.name))


def code_facts(doc: Document) -> Iterator[Fact]:
    talks_to_model = any(_MODEL_CLIENTS.match(m) for m in doc.imports.values())
    pairs = [
        (str(e.keys[-1]), e.value, e.line, e.column)
        for e in doc.entries
        if talks_to_model and e.keys and isinstance(e.keys[-1], str)
    ]
    for call in doc.calls:
        if _to_model(call):
            for key, value in call.keywords.items():
                pairs.append((key, value, call.keyword_lines.get(key, call.line), call.column))
    for key, value, line, column in pairs:
        name = q.snake(key)
        if _TOKEN_CAP.match(name) and isinstance(value, (int, float)):
            kv = KeyValue(key, name, value, Location(doc.path, line, column), set(), "code")
            yield from read_key(kv) or ()
