"""Turn page bytes into text: declared charset, else UTF-8, else a detected one (mis-encoded pages exist)."""

from __future__ import annotations

import re

_CHARSET = re.compile(r"charset=[\"']?([\w-]+)", re.I)


def decode_body(body: bytes, content_type: str = "") -> str:
    """bytes + Content-Type -> str; never raises.

    >>> decode_body("café".encode("cp1252"), "text/html")
    'café'
    """
    declared = _CHARSET.search(content_type or "")
    if not declared:
        declared = _CHARSET.search(body[:2048].decode("ascii", "ignore"))
    if declared:
        try:
            text = body.decode(declared.group(1))
            if "\ufffd" not in text:
                return text
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        return str(best)
    return body.decode("cp1252", errors="replace")
