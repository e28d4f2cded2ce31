"""JSON text exactly as `json.dumps(value, indent=2, ensure_ascii=False)` writes it, for the
few shapes the reports use, written piece by piece: the standard encoder builds a whole report
in memory, and with `indent` it runs in Python, several times slower than these templates."""

from __future__ import annotations

from json.encoder import encode_basestring as string  # noqa: F401 (the C encoder, as json uses)

STEP = "  "


def obj(pad: str, members: list[tuple[str, str]]) -> str:
    """An object whose members' values are already JSON text written at `pad + STEP`; `pad` is
    the indentation of the line the object starts on. (Keys are plain ASCII names.)"""
    if not members:
        return "{}"
    inner = pad + STEP
    return "{\n" + ",\n".join(f'{inner}"{key}": {value}' for key, value in members) + "\n" + pad + "}"


def array(pad: str, items: list[str]) -> str:
    """An array of items already written at `pad + STEP`."""
    if not items:
        return "[]"
    inner = pad + STEP
    return "[\n" + ",\n".join(inner + item for item in items) + "\n" + pad + "]"
