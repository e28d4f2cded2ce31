"""Errors that end a run with exit status 2 and a one-line message (never a traceback)."""


class ConfigError(Exception):
    """A broken configuration, rule file, unknown rule code or bad option."""


class UsageError(Exception):
    """A bad command line."""
