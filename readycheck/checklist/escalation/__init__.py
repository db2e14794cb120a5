"""The escalation checklist item: words, readers, judge and scaffold.

Its rules and data cases are in rules/escalation/.
"""
