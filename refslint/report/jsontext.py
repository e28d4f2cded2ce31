"""What the JSON reports share to write exactly the text `json.dumps(value, indent=2,
ensure_ascii=False)` would, piece by piece from templates: the standard encoder builds a whole
report in memory, and with `indent` it runs in Python, several times slower."""

from __future__ import annotations

from json.encoder import encode_basestring as string  # noqa: F401 (the C encoder json uses)

STEP = "  "  # one level of indentation
