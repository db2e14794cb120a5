"""The commands that are not the check: `boot` (preflight.py) and `init` (scaffold/)."""
