"""Bytes -> Source. UTF-8 (with or without BOM) and UTF-16 with BOM are read; anything else is
reported as an unreadable file instead of being guessed at."""

from __future__ import annotations

import codecs

from .model import Source


class DecodeError(Exception):
    """The bytes are not text refslint can read; the message says why."""


def decode(path: str, data: bytes) -> Source:
    if data.startswith(codecs.BOM_UTF8):
        return Source(path, _strict(data[3:], "utf-8"), "utf-8", codecs.BOM_UTF8)
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return Source(path, _strict(data[2:], encoding), encoding, bom)
    text = _strict(data, "utf-8")
    if "\x00" in text:
        raise DecodeError("binary file (contains NUL bytes)")
    return Source(path, text, "utf-8", b"")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not valid {encoding.upper()} (byte {exc.start}); save the file as UTF-8"
        ) from None
