"""Caller overrides of a stored config (a lane's channel options, an API caller's model
or temperature): one allow-list rule for notify drivers and intelligence providers.

Each driver or provider declares the keys a caller may set (`overridable`): never a
secret, a URL, a host, a path, a command or a template. Every other key is refused by
name, whatever its spelling, so a new config field is closed until it is declared."""

from collections.abc import Mapping
from typing import Any


def allowed_overrides(overrides: object, allowed: frozenset[str]) -> tuple[dict, list[str]]:
    """The overrides whose key is allowed, and the names of the refused ones."""
    if not isinstance(overrides, Mapping):
        return {}, []
    kept: dict[str, Any] = {}
    refused = []
    for key, value in overrides.items():
        if key in allowed:
            kept[key] = value
        else:
            refused.append(str(key))
    return kept, sorted(refused)
