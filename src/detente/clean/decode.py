"""Bytes to text: refuse binary junk, detect the encoding when it is not UTF-8."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import DocumentError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL_OK = {9, 10, 12, 13, 27}


def looks_binary(data: bytes, sample: int = 8192) -> str | None:
    """A reason why `data` is not text, or None. UTF-16 with a BOM is text."""
    head = data[:sample]
    if any(head.startswith(bom) for bom, name in _BOMS if name == "utf-16"):
        return None
    if b"\x00" in head:
        return "contains NUL bytes"
    controls = sum(1 for byte in head if byte < 32 and byte not in _CONTROL_OK)
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` to (text, encoding used); raise DocumentError E001/E002/E003."""
    if not data.strip():
        raise DocumentError("E001")
    reason = looks_binary(data)
    if reason:
        raise DocumentError("E002", reason)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = str(exc)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DocumentError("E003", f"not UTF-8 ({utf8_error}) and no other encoding fits")
    return str(best), best.encoding
