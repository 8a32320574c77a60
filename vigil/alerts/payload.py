"""Turning a webhook body into a JSON object, refusing everything else with a reason."""

import json
import math
import re
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


# A \\uD800-\\uDFFF escape: valid JSON, but half a character that no database can store.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _Unreadable:
    """Stands where the body held a number Vigil cannot store, so the error can name it."""

    def __init__(self, why: str):
        self.why = why


class _Numbers:
    """json.loads hooks for the numbers the standard parser lets through: an integer
    longer than Python converts, and a float that overflows to infinity."""

    def __init__(self) -> None:
        self.unreadable = False

    def integer(self, text: str):
        try:
            return int(text)
        except ValueError:  # more digits than sys.get_int_max_str_digits()
            self.unreadable = True
            return _Unreadable(f"an integer of {len(text)} digits")

    def real(self, text: str):
        value = float(text)
        if math.isfinite(value):
            return value
        self.unreadable = True
        return _Unreadable(f"{text[:24]} is out of range")


def decode_body(body: bytes, *, max_depth: int) -> dict:
    """The body as a dict; BodyError for invalid UTF-8 or JSON, NaN/Infinity, a number
    too long or too large, a lone UTF-16 surrogate, a top level that is not an object,
    or nesting deeper than `max_depth`. The error names the field where it can."""
    if not body.strip():
        raise BodyError(400, "empty body", "send a JSON object")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(400, "body is not valid UTF-8", f"invalid byte at {exc.start}") from None
    text = text.removeprefix("\ufeff")
    numbers = _Numbers()
    try:
        payload = json.loads(text, parse_constant=_reject_constant, parse_float=numbers.real)
    except json.JSONDecodeError as exc:
        raise BodyError(
            400, "invalid JSON", f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except ValueError:  # an integer past Python's digit limit: parse again to name it
        payload = json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=numbers.real,
            parse_int=numbers.integer,
        )
    except RecursionError:
        raise BodyError(400, "JSON nested too deeply", f"the limit is {max_depth}") from None
    if not isinstance(payload, dict):
        raise BodyError(400, "top level must be a JSON object", f"got {type(payload).__name__}")
    if _depth_exceeds(payload, max_depth):
        raise BodyError(400, "JSON nested too deeply", f"the limit is {max_depth}")
    # PostgreSQL text and jsonb cannot hold NUL; refuse it here rather than fail the write.
    if "\\u0000" in text and _holds_nul(payload):
        raise BodyError(400, "JSON strings must not contain NUL (\\u0000)")
    # The search is a C loop over the text; the walk runs only when something was found.
    if numbers.unreadable or ("\\u" in text and _SURROGATE_ESCAPE.search(text)):
        _refuse_unstorable(payload)
    return payload


def _refuse_unstorable(payload: dict) -> None:
    """A 400 naming the first field whose value or key cannot be stored."""
    stack: list[tuple[str, object]] = [("", payload)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, _Unreadable):
            raise BodyError(400, "number out of range", f"{path or 'body'}: {item.why}")
        if isinstance(item, str):
            if not _encodable(item):
                raise BodyError(
                    400, "JSON strings must not contain a lone UTF-16 surrogate", path or "body"
                )
        elif isinstance(item, dict):
            for key, value in item.items():
                where = f"{path}.{key}" if path else str(key)
                if not _encodable(key):
                    raise BodyError(
                        400, "JSON keys must not contain a lone UTF-16 surrogate", path or "body"
                    )
                stack.append((where, value))
        elif isinstance(item, list):
            stack.extend((f"{path}[{index}]", value) for index, value in enumerate(item))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
