"""Telegram's message length, counted as Telegram counts it, and HTML cut to fit.

Light on purpose (no driver, no pydantic): the notify driver and the bot both use it,
and the bot process should not load every notify driver for it.
"""

import re

MAX_LENGTH = 4096
ELLIPSIS = "…"
_PIECES = re.compile(r"<[^>]*>|&#?[A-Za-z0-9]+;|[^<&]+|[<&]")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z0-9-]+)")


def utf16_len(text: str) -> int:
    # Telegram counts message length in UTF-16 code units.
    return len(text.encode("utf-16-le")) // 2


def truncate_html(text: str, limit: int = MAX_LENGTH) -> str:
    """Cut HTML to `limit` without splitting a tag or an entity, closing open tags."""
    if utf16_len(text) <= limit:
        return text
    budget = limit - utf16_len(ELLIPSIS)
    out: list[str] = []
    stack: list[str] = []
    used = 0
    for piece in _PIECES.findall(text):
        closing = sum(len(name) + 3 for name in stack)
        if piece.startswith("</"):
            out.append(piece)
            used += utf16_len(piece)
            if stack:
                stack.pop()
            continue
        if piece.startswith("<") and len(piece) > 1:
            match = _TAG_NAME.match(piece)
            name = match.group(1).lower() if match else "b"
            if used + utf16_len(piece) + closing + len(name) + 3 > budget:
                break
            out.append(piece)
            used += utf16_len(piece)
            stack.append(name)
            continue
        room = budget - used - closing
        size = utf16_len(piece)
        if size <= room:
            out.append(piece)
            used += size
            continue
        if not piece.startswith("&"):  # an entity is never split; text may be
            kept = []
            for char in piece:
                width = 2 if ord(char) > 0xFFFF else 1
                if width > room:
                    break
                kept.append(char)
                room -= width
            out.append("".join(kept))
        break
    out.append(ELLIPSIS)
    out.extend(f"</{name}>" for name in reversed(stack))
    return "".join(out)
