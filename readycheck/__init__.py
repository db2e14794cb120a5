"""readycheck: a static production-readiness checker for AI agents."""

__version__ = "0.1.0"
