"""Turning a webhook body into a JSON object, refusing everything else with a reason."""

import json
from dataclasses import dataclass


@dataclass
class BodyError(ValueError):
    status: int
    error: str
    detail: str | None = None
    permanent = True

    def __str__(self) -> str:
        return self.error


def _reject_constant(name: str):
    raise BodyError(400, "invalid JSON", f"{name} is not a JSON number")


def decode_body(body: bytes, *, max_depth: int) -> dict:
    """The body as a dict; BodyError for invalid UTF-8 or JSON, NaN/Infinity, a top level
    that is not an object, or nesting deeper than `max_depth`."""
    if not body.strip():
        raise BodyError(400, "empty body", "send a JSON object")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(400, "body is not valid UTF-8", f"invalid byte at {exc.start}") from None
    text = text.removeprefix("\ufeff")
    try:
        payload = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise BodyError(
            400, "invalid JSON", f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise BodyError(400, "JSON nested too deeply", f"the limit is {max_depth}") from None
    if not isinstance(payload, dict):
        raise BodyError(400, "top level must be a JSON object", f"got {type(payload).__name__}")
    if _depth_exceeds(payload, max_depth):
        raise BodyError(400, "JSON nested too deeply", f"the limit is {max_depth}")
    # PostgreSQL text and jsonb cannot hold NUL; refuse it here rather than fail the write.
    if "\\u0000" in text and _holds_nul(payload):
        raise BodyError(400, "JSON strings must not contain NUL (\\u0000)")
    return payload


def _depth_exceeds(value, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend(
                (child, depth + 1) for child in item.values() if isinstance(child, (dict, list))
            )
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return False


def _holds_nul(value) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
