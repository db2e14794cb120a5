"""`readycheck init`: for each checklist item that does not pass, scaffold the smallest
correct piece that makes it pass, in the agent's own style.

- escalation: a paragraph (trigger, stop, channel) in the agent's `## Escalation` section
  of SOUL.md or its main instruction file, or a new section at the end; a manifest
  `escalation:` block when the agent has no instruction file or already uses that block;
- boot, state, budget, output, dlq, monitoring: blocks (or the missing keys of existing
  blocks) in the agent's readycheck manifest, edited with ruamel.yaml round-trip so the
  user's comments, key order, quoting and indentation survive; a new `readycheck.yaml`
  when there is none;
- files: state stubs with ISO-8601 timestamps, an output schema template, a dead-letter
  file.

Which pieces an item needs is read from its findings (by rule name); what init cannot do
(remove an anti-pattern, repair an invalid file, change a value the user set) is listed for
a human, as are the `<fill in: ...>` placeholders for values only a human can choose
(`readycheck check` reports them as RC008). init never overwrites or deletes user content:
new files are created only where nothing exists, edits only add text (checked), writes are
atomic, and a second run changes nothing.

The package, along init's steps: planning.py (the planner: what each item needs),
manifest.py (YAML round-trip edits), markdown.py (prose edits), paths.py, plans.py (the
plan's data), applying.py (diff or atomic writes), outcome.py (what is left, and the
summary).
"""
