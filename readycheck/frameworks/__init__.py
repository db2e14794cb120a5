"""Framework dialects: evidence from each agent framework's own config and code.

`registry.REGISTRY` lists the frameworks (OpenClaw, CrewAI, LangGraph, OpenAI Agents SDK,
AutoGen) with their markers, import roots and config file names; one module per framework
provides `detect(doc)` (the document is that framework's config or code), `native(doc)` (the
document is entirely the framework's own config, read by its module instead of as generic
key/value config) and `facts(doc)`, and `extract` asks them. Facts carry the native setting
as their `key` and the framework as their `source`; a framework default that leaves the
agent unbounded or unsafe is a fact of part `default` whose value names the default (see
`common.FrameworkDefault`). Adding a framework means adding one module and one registry line.

Python is read through the shared `ast` parse (and `pyast` for what it drops), never
imported or run, and a generic keyword counts only at a call that resolves, through the
file's imports, into that framework.
"""
