"""What every ingest driver shares: the event shape, errors, timestamps, severity, ids.

A driver module holds only its vendor's knowledge: `detect(payload)`, `parse(payload)`
and, for vendors that sign their requests, `verify_signature`. Everything a second
driver would need lives here.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any, ClassVar

from django.utils import timezone

from vigil.core import signing

FIRING = "firing"
RESOLVED = "resolved"
ACKNOWLEDGED = "acknowledged"
STATUSES = (FIRING, RESOLVED, ACKNOWLEDGED)

CRITICAL = "critical"
WARNING = "warning"
INFO = "info"

# Lower-cased vendor words -> Vigil's three levels. One table for every driver, so the
# same word means the same level whatever tool sent it.
SEVERITY_MAP = {
    **dict.fromkeys(
        [
            "critical", "crit", "fatal", "emergency", "emerg", "alert", "page", "error",
            "err", "high", "disaster", "p1", "p2", "sev1", "sev2", "major", "5", "4",
        ],
        CRITICAL,
    ),
    **dict.fromkeys(
        ["warning", "warn", "average", "medium", "moderate", "minor", "p3", "sev3", "3", "2"],
        WARNING,
    ),
    **dict.fromkeys(
        [
            "info", "information", "informational", "notice", "low", "none", "ok",
            "not classified", "debug", "p4", "p5", "sev4", "sev5", "success", "1", "0",
        ],
        INFO,
    ),
}  # fmt: skip

MAX_ID_LENGTH = 255
MAX_NAME_LENGTH = 500  # Alert.name and Incident.title
# Alertmanager and friends mean "not ended" with the zero time.
_ZERO_TIMES = {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z", "0"}


class PayloadError(ValueError):
    """The payload cannot be turned into alerts; the message names the field.

    Bad input is never worth retrying, hence permanent; the webhook answers 422.
    """

    permanent = True

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class AlertEvent:
    source: str
    fingerprint: str
    name: str
    status: str = FIRING
    severity: str = WARNING
    severity_raw: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None
    # When the vendor says this transition happened, where it differs from started_at
    # (PagerDuty: a reopened incident keeps its creation time); orders late deliveries.
    occurred_at: datetime | None = None
    # The source's own grouping (Alertmanager groupKey, a cluster node, …); used for
    # incidents only when ALERTS_GROUPING = "source".
    group_key: str | None = None
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.status not in STATUSES:
            raise PayloadError(f"status {self.status!r} is not one of {', '.join(STATUSES)}")
        if not self.fingerprint:
            raise PayloadError("alert has no fingerprint")
        self.fingerprint = bounded_id(self.fingerprint)
        self.name = self.name or "unnamed alert"
        if len(self.name) > MAX_NAME_LENGTH:
            # The list and the page show the name cut; the description keeps all of it.
            if self.name not in self.description:
                self.description = f"{self.name}\n\n{self.description}".strip()
            self.warnings.append(
                f"alert name of {len(self.name)} characters cut to {MAX_NAME_LENGTH} "
                f"(fingerprint {self.fingerprint[:64]}); the whole name is in its description"
            )
            self.name = self.name[:MAX_NAME_LENGTH]


class Driver:
    slug: ClassVar[str]
    label: ClassVar[str]
    # The header the vendor signs with (documentation and error messages).
    signature_header: ClassVar[str] = signing.SIGNATURE_HEADER
    # Whether the sending tool can sign its requests itself. A tool that cannot
    # (Alertmanager, Datadog, …) is refused every request once its WEBHOOK_SECRET_<DRIVER>
    # is set, unless a signing proxy stands in front of Vigil.
    signs: ClassVar[bool] = False
    # Labels this vendor names the affected host with, read after the common ones
    # (instance, host, hostname, node, nodename) when the CHECK stage looks for it.
    host_labels: ClassVar[tuple[str, ...]] = ()

    def detect(self, payload: dict) -> bool:
        raise NotImplementedError

    def parse(self, payload: dict) -> list[AlertEvent]:
        raise NotImplementedError

    def verify_signature(self, secret: str, body: bytes, headers) -> None:
        """Raise signing.SignatureError unless the request is signed with `secret`.

        The default is Vigil's own X-Vigil-Signature scheme (vigil.core.signing).
        """
        signing.verify(secret, body, headers.get(signing.SIGNATURE_HEADER))

    @classmethod
    def sample_payloads(cls) -> dict[str, dict]:
        """Real vendor shapes shipped beside the code: name -> payload."""
        folder = resources.files("vigil.alerts.drivers").joinpath("samples", cls.slug)
        return {
            item.name.removesuffix(".json"): json.loads(item.read_text())
            for item in sorted(folder.iterdir(), key=lambda item: item.name)
            if item.name.endswith(".json")
        }


# --- helpers drivers call --------------------------------------------------------------

_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", int: "a number",
               float: "a number", bool: "true or false"}  # fmt: skip


def _expected(kind: type | tuple) -> str:
    kinds = _kinds(kind)
    return " or ".join(dict.fromkeys(_JSON_TYPES.get(k, k.__name__) for k in kinds))


def require(mapping: dict, key: str, kind: type | tuple = str, *, where: str = "") -> Any:
    """mapping[key], present and of the expected type, else a PayloadError naming it."""
    name = f"{where}.{key}" if where else key
    value = mapping.get(key)
    if key not in mapping:
        raise PayloadError(f"required field {name!r} is missing", field=name)
    if value is None:
        raise PayloadError(
            f"required field {name!r} must be {_expected(kind)}, not null", field=name
        )
    if value == "":
        raise PayloadError(f"required field {name!r} is empty", field=name)
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
        raise PayloadError(f"field {name!r} must be {_expected(kind)}", field=name)
    return value


def _kinds(kind: type | tuple) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)


def optional(mapping: dict, key: str, kind: type | tuple, default: Any, *, where: str = ""):
    value = mapping.get(key)
    if value is None:
        return default
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
        name = f"{where}.{key}" if where else key
        raise PayloadError(f"field {name!r} must be {_expected(kind)}", field=name)
    return value


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return str(value)


def clean_labels(value: Any, *, where: str = "labels") -> dict[str, str]:
    """A flat str -> str mapping; scalars are stringified, nested values JSON-encoded."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PayloadError(f"field {where!r} must be an object", field=where)
    return {str(key): text(item) for key, item in value.items()}


def tag_labels(tags: Any) -> dict[str, str]:
    """['env:prod', 'web'] or 'env:prod,web' -> {'env': 'prod', 'web': ''}."""
    if isinstance(tags, str):
        tags = [part for part in tags.split(",") if part.strip()]
    if not isinstance(tags, list):
        return {}
    labels = {}
    for tag in tags:
        name, _, value = text(tag).strip().partition(":")
        if name:
            labels[name.strip()] = value.strip()
    return labels


def normalise_severity(raw: Any, default: str = WARNING) -> tuple[str, str]:
    """(critical|warning|info, the raw value as sent). Unknown words take `default`."""
    raw_text = text(raw).strip()
    if not raw_text:
        return default, ""
    return SEVERITY_MAP.get(raw_text.lower(), default), raw_text[:64]


def parse_timestamp(value: Any, field_name: str, warnings: list[str]) -> datetime | None:
    """ISO 8601 or Unix seconds/milliseconds -> aware datetime.

    Missing or zero -> None. A string that is not a date -> None plus a warning naming
    the field, so the alert is kept and the problem is visible; never a silent now().
    A value of another JSON type (true, an object, a list) is a PayloadError.
    """
    if value is None or value == "" or (isinstance(value, str) and value in _ZERO_TIMES):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PayloadError(
            f"field {field_name!r} must be an ISO 8601 string or Unix seconds", field=field_name
        )
    try:
        if isinstance(value, (int, float)) or value.isdigit():
            number = float(value)
            if number <= 0:
                return None
            # Seconds, or milli/micro/nanoseconds (Opsgenie's updatedAt): no real date
            # in seconds exceeds 1e11 before the year 5138.
            seconds = number
            while seconds > 1e11:
                seconds /= 1000
            return datetime.fromtimestamp(seconds, tz=UTC)
        parsed = datetime.fromisoformat(_trim_fraction(value.strip()))
    except (ValueError, OverflowError, OSError):
        warnings.append(f"{field_name}: unparseable timestamp {text(value)[:64]!r} ignored")
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def _trim_fraction(value: str) -> str:
    # Go and Grafana send nanoseconds ("…T10:00:00.123456789Z"); Python takes 6 digits.
    head, dot, rest = value.partition(".")
    if not dot:
        return value
    digits = len(rest) - len(rest.lstrip("0123456789"))
    if digits <= 6:
        return value
    return f"{head}.{rest[:6]}{rest[digits:]}"


def fingerprint_of(name: str, labels: dict[str, str]) -> str:
    """A stable id for sources that give none: sha256 of the name and sorted labels."""
    material = json.dumps([name, labels], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(material.encode()).hexdigest()


def bounded_id(value: Any) -> str:
    """The source's id, unhashed, unless it is too long to index."""
    value = text(value)
    if len(value) <= MAX_ID_LENGTH:
        return value
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def prometheus_event(
    source: str,
    alert: Any,
    where: str,
    *,
    group_key: str | None,
    common_labels: dict[str, str] | None = None,
    copied_fields: dict[str, str] | None = None,
) -> AlertEvent:
    """One alert in the Prometheus shape (status, labels, annotations, startsAt/endsAt,
    fingerprint), shared by Alertmanager and Grafana unified alerting.

    `copied_fields` maps alert keys (URLs, values) to the annotation they are kept under.
    """
    if not isinstance(alert, dict):
        raise PayloadError(f"{where} must be an object", field=where)
    status = require(alert, "status", str, where=where)
    # Labels are a Prometheus alert's identity (Alertmanager refuses an alert without).
    require(alert, "labels", dict, where=where)
    if status not in (FIRING, RESOLVED):
        raise PayloadError(
            f"{where}.status {status!r} is not firing or resolved", field=f"{where}.status"
        )
    labels = {**(common_labels or {}), **clean_labels(alert.get("labels"), where=f"{where}.labels")}
    annotations = clean_labels(alert.get("annotations"), where=f"{where}.annotations")
    for key, annotation in (copied_fields or {}).items():
        if alert.get(key):
            annotations.setdefault(annotation, text(alert[key]))
    name = labels.get("alertname") or "unnamed alert"
    severity, raw = normalise_severity(labels.get("severity"))
    warnings: list[str] = []
    return AlertEvent(
        source=source,
        fingerprint=optional(alert, "fingerprint", str, "", where=where)
        or fingerprint_of(name, labels),
        name=name,
        status=status,
        severity=severity,
        severity_raw=raw,
        labels=labels,
        annotations=annotations,
        description=annotations.get("description") or annotations.get("summary", ""),
        started_at=parse_timestamp(alert.get("startsAt"), f"{where}.startsAt", warnings),
        ended_at=parse_timestamp(alert.get("endsAt"), f"{where}.endsAt", warnings),
        group_key=group_key,
        warnings=warnings,
    )
