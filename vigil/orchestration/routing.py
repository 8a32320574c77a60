"""Routing lanes: which stages and channels a run gets.

A lane's rules are plain data (`{field, op, value}`), evaluated here and nowhere else.
There is deliberately no expression language: the only condition a lane may carry is
`<stage>.has_errors`.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from vigil.orchestration.stage_names import Stage

STAGE_NAMES = tuple(Stage.values)
FIELDS = ("source", "severity", "status", "flapping", "environment", "origin")
LABEL_PREFIX = "label:"
OPS = ("is", "is-not", "in", "not-in", "exists")
SKIP_IF_PATTERN = re.compile(rf"^({'|'.join(STAGE_NAMES)})\.has_errors$")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
MAX_RULES = 20
MAX_LIST_VALUES = 50
MAX_VALUE_LENGTH = 200


@dataclass
class Facts:
    """What a lane's rules look at, taken from the incident and the run."""

    source: str = ""
    severity: str = ""
    status: str = ""
    flapping: bool = False
    environment: str = ""
    origin: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_snapshot(cls, snapshot: dict, *, origin: str, extra_labels: dict | None = None):
        labels = {str(k): str(v) for k, v in (snapshot.get("labels") or {}).items()}
        labels.update(extra_labels or {})
        return cls(
            source=str(snapshot.get("source") or ""),
            severity=str(snapshot.get("severity") or ""),
            status=str(snapshot.get("status") or ""),
            flapping=bool(snapshot.get("flapping")),
            environment=str(snapshot.get("environment") or ""),
            origin=origin,
            labels=labels,
        )

    def get(self, name: str) -> str | None:
        if name.startswith(LABEL_PREFIX):
            return self.labels.get(name[len(LABEL_PREFIX) :])
        value = getattr(self, name)
        if isinstance(value, bool):
            return "true" if value else "false"
        return value or None


def _norm(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().casefold()


def rule_matches(rule: dict, facts: Facts) -> bool:
    actual = facts.get(rule["field"])
    op, expected = rule["op"], rule.get("value")
    if op == "exists":
        wanted = True if expected is None else bool(expected)
        return (actual is not None and actual != "") == wanted
    if actual is None:
        # A missing field equals nothing: "is" fails, "is-not"/"not-in" hold.
        return op in ("is-not", "not-in")
    actual = _norm(actual)
    if op == "is":
        return actual == _norm(expected)
    if op == "is-not":
        return actual != _norm(expected)
    values = {_norm(item) for item in expected}
    return (actual in values) if op == "in" else (actual not in values)


def lane_matches(lane, facts: Facts) -> bool:
    return all(rule_matches(rule, facts) for rule in lane.match or [])


def resolve_lane(lanes, facts: Facts):
    """The first active lane, in priority order, whose rules all hold; None if none."""
    for lane in lanes:
        if lane.active and lane_matches(lane, facts):
            return lane
    return None


def should_skip_rest(condition: str, stage: str, has_errors: bool) -> bool:
    return bool(condition) and condition == f"{stage}.has_errors" and has_errors


def _validate_rule(index: int, rule: Any) -> list[str]:
    where = f"match[{index}]"
    if not isinstance(rule, dict):
        return [f"{where} must be an object with field, op and value"]
    unknown = set(rule) - {"field", "op", "value"}
    if unknown:
        return [f"{where} has unknown keys {sorted(unknown)}; allowed: field, op, value"]
    name, op, value = rule.get("field"), rule.get("op"), rule.get("value")
    errors = []
    if not isinstance(name, str) or not (
        name in FIELDS
        or (name.startswith(LABEL_PREFIX) and 0 < len(name) - len(LABEL_PREFIX) <= 100)
    ):
        errors.append(
            f"{where}.field {name!r} is not valid; use one of {', '.join(FIELDS)} or label:<key>"
        )
    if op not in OPS:
        errors.append(f"{where}.op {op!r} is not valid; use one of {', '.join(OPS)}")
    elif op in ("in", "not-in"):
        if not isinstance(value, list) or not value or len(value) > MAX_LIST_VALUES:
            errors.append(f"{where}.value must be a list of 1-{MAX_LIST_VALUES} values for {op}")
        elif not all(_is_scalar(item) for item in value):
            errors.append(f"{where}.value items must be strings, numbers or booleans")
    elif op == "exists":
        if value is not None and not isinstance(value, bool):
            errors.append(f"{where}.value must be true, false or absent for exists")
    elif not _is_scalar(value):
        errors.append(f"{where}.value must be a string, number or boolean for {op}")
    return errors


def _is_scalar(value: Any) -> bool:
    if isinstance(value, str):
        return len(value) <= MAX_VALUE_LENGTH
    return isinstance(value, bool | int | float)


def lane_errors(*, name: str, match: Any, stages: Any, channels: Any, skip_if: str) -> list[str]:
    errors = []
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        errors.append(f"name {name!r} is not valid; use letters, digits, '.', '_' or '-'")
    if not isinstance(match, list) or len(match) > MAX_RULES:
        errors.append(f"match must be a list of at most {MAX_RULES} rules")
    else:
        for index, rule in enumerate(match):
            errors.extend(_validate_rule(index, rule))
    if (
        not isinstance(stages, list)
        or any(stage not in STAGE_NAMES for stage in stages)
        or len(set(stages)) != len(stages)
    ):
        errors.append(f"stages {stages!r} must be distinct names from {', '.join(STAGE_NAMES)}")
    if not isinstance(channels, list) or not all(
        isinstance(c, str) and NAME_PATTERN.match(c) for c in channels
    ):
        errors.append("channels must be a list of channel names")
    if skip_if:
        found = SKIP_IF_PATTERN.match(skip_if)
        if not found:
            errors.append(
                f"skip_if_condition {skip_if!r} is not valid; the only form is "
                "<stage>.has_errors, e.g. check.has_errors"
            )
        elif isinstance(stages, list) and found.group(1) not in stages:
            errors.append(f"skip_if_condition names stage {found.group(1)!r}, not in this lane")
    return errors


def errors_of(lane) -> list[str]:
    """lane_errors for a saved or unsaved Lane row."""
    return lane_errors(
        name=lane.name,
        match=lane.match,
        stages=lane.stages,
        channels=lane.channels,
        skip_if=lane.skip_if_condition,
    )


def validate_lane(lane) -> None:
    errors = errors_of(lane)
    if errors:
        raise ValidationError(errors)
