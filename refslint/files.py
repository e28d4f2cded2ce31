"""Which files to lint: explicit paths always (unless --force-exclude and excluded), folders
walked recursively for files matching `include`, minus `exclude` / `extend-exclude` and, inside
a git work tree, minus what .gitignore ignores."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from .inputs import include_globs

# Every input format's files (inputs.py). Markdown and LaTeX files without a reference list, and
# text files that are not one, give no findings (linting.list_verdict), so walking them costs
# only the reading.
DEFAULT_INCLUDE = include_globs()
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
)


def matches(path: str, patterns: Iterable[str]) -> bool:
    """A glob matches the path, any of its trailing parts, or any folder on the way."""
    posix = PurePosixPath(path.replace(os.sep, "/"))
    parts = [p for p in posix.parts if p not in (".", "/")]
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(posix.as_posix(), pattern) or fnmatch.fnmatch(posix.name, pattern):
            return True
        if any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
        if "/" in pattern and any(fnmatch.fnmatch("/".join(parts[i:]), pattern) for i in range(len(parts))):
            return True
    return False


def _git_visible(folder: str) -> set[str] | None:
    """Files git does not ignore below folder (tracked or not), or None outside a work tree."""
    import subprocess  # only when a folder is walked: not on the start-up path of a hook

    try:
        out = subprocess.run(
            ["git", "-C", folder, "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return {
        os.path.normpath(os.path.join(folder, p))
        for p in out.stdout.decode("utf-8", "replace").split("\0")
        if p
    }


def discover(
    paths: Iterable[str],
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = DEFAULT_EXCLUDE,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> Iterator[tuple[str, str]]:
    """(path, why) for each file to lint, in a stable order."""
    include, exclude = tuple(include), tuple(exclude)
    for p in paths:
        if p == "-":
            yield p, "standard input"
            continue
        if not os.path.isdir(p):
            if force_exclude and matches(p, exclude):
                continue
            yield p, "named on the command line"
            continue
        visible = _git_visible(p) if respect_gitignore else None
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not matches(os.path.join(root, d), exclude))
            for name in sorted(files):
                full = os.path.join(root, name)
                if not matches(name, include) or matches(full, exclude):
                    continue
                if visible is not None and os.path.normpath(full) not in visible:
                    continue  # ignored by .gitignore
                yield os.path.normpath(full), f"found in {p} (matches include)"
