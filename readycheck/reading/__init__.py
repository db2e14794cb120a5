"""The reading layer: sentences, negation, sections and gated patterns.

It knows no checklist item and imports nothing above the model.
"""
