"""refslint: a linter for bibliographic reference lists."""

__version__ = "0.1.0"
