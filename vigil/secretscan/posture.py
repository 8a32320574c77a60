"""`security_check`: the runtime posture, one pass / warn / fail line per concern.

Built on Django's check framework: each posture item names the system-check ids
(Vigil's config.* and Django's deployment security.*) whose messages decide it, so the
same rule is never written twice. Items no check covers are evaluated here.
"""

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.checks import ERROR, run_checks
from django.db import DatabaseError

from vigil.alerts.drivers import DRIVERS
from vigil.alerts.models import Alert
from vigil.core.security.crypto import configured_keys

PASS, WARN, FAIL = "pass", "warn", "fail"
RANK = {PASS: 0, WARN: 1, FAIL: 2}

# SHA-256 of encryption keys that are public (documentation, the test suite): using one
# is the same as having no key.
PUBLIC_KEY_HASHES = frozenset(
    {"9abfcb82a92d5e855d3d8c5bd89a83140aced94ff0db14859497f2d88a2f1dda"}  # tests/settings.py
)


# Django's deployment checks name settings; Vigil users set environment variables.
VIGIL_FIXES = {
    "security.W004": "Once HTTPS works everywhere, set DJANGO_SECURE_HSTS_SECONDS=31536000.",
    "security.W008": "Set DJANGO_SECURE_SSL_REDIRECT=1 (DJANGO_SECURE_PROXY_SSL_HEADER=1 behind a TLS proxy).",
    "security.W009": "Set DJANGO_SECRET_KEY to 50+ random characters.",
    "security.W012": "Set DJANGO_SESSION_COOKIE_SECURE=1.",
    "security.W016": "Set DJANGO_CSRF_COOKIE_SECURE=1.",
    "security.W018": "Set DJANGO_DEBUG=0.",
    "security.W020": "Set DJANGO_ALLOWED_HOSTS to the host names Vigil is reached by.",
}


@dataclass
class PostureItem:
    id: str
    title: str
    status: str = PASS
    detail: list[str] = field(default_factory=list)
    fix: list[str] = field(default_factory=list)

    def worsen(self, status: str, detail: str, fix: str) -> None:
        if RANK[status] > RANK[self.status]:
            self.status = status
        self.detail.append(detail)
        if fix and fix not in self.fix:
            self.fix.append(fix)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Concern:
    id: str
    title: str
    check_ids: dict[str, str]  # system-check id -> status it means here
    assess: Callable[[PostureItem], None] | None = None


def _encryption_keys_not_public(item: PostureItem) -> None:
    for key in configured_keys():
        if hashlib.sha256(key.encode()).hexdigest() in PUBLIC_KEY_HASHES:
            item.worsen(
                FAIL,
                "VIGIL_ENCRYPTION_KEYS holds a publicly known key (from documentation or tests).",
                "Generate a key with `vigil rotate_encryption_keys --generate-key`.",
            )


def _api_auth_on(item: PostureItem) -> None:
    if not settings.API_KEY_AUTH_ENABLED:
        item.worsen(
            FAIL,
            "API_KEY_AUTH_ENABLED is off: the API answers without a key.",
            "Set API_KEY_AUTH_ENABLED=1.",
        )


def _admin_over_https(item: PostureItem) -> None:
    if not settings.SECURE_SSL_REDIRECT:
        item.worsen(
            WARN,
            "The admin (/admin/) is also served over plain HTTP: its session cookie and "
            "password can be read on the network.",
            "Serve Vigil behind TLS and set DJANGO_SECURE_SSL_REDIRECT=1 "
            "(DJANGO_SECURE_PROXY_SSL_HEADER=1 behind a TLS-terminating proxy).",
        )
    if not settings.SESSION_COOKIE_SECURE:
        item.worsen(
            WARN,
            "Admin session cookies are sent over HTTP too.",
            "Set DJANGO_SESSION_COOKIE_SECURE=1.",
        )


# Vigil raises these itself (the scheduler hands them to ingest); no webhook sends them.
OWN_SOURCES = frozenset({"secretscan"})


def active_webhook_drivers() -> list[str]:
    """Webhook drivers that have delivered alerts: the ones whose endpoint is in use."""
    try:
        sources = set(Alert.objects.values_list("source", flat=True).distinct())
    except DatabaseError:
        return []
    return sorted((sources & set(DRIVERS)) - OWN_SOURCES)


def _webhook_secrets(item: PostureItem) -> None:
    for slug in active_webhook_drivers():
        name = f"WEBHOOK_SECRET_{slug.upper()}"
        if not settings.WEBHOOK_SECRETS.get(slug):
            item.worsen(
                WARN,
                f"The {slug} webhook accepts alerts without a signature ({name} is not set).",
                webhook_advice(slug, name),
            )


def webhook_advice(slug: str, secret_name: str) -> str:
    """What works for this tool: a secret only helps a tool that can sign."""
    driver = DRIVERS[slug]
    if driver.signs:
        return (
            f"Set {secret_name} and configure the same secret in {driver.label} "
            f"(it signs with {driver.signature_header})."
        )
    return (
        f"{driver.label} cannot sign its requests: setting {secret_name} alone would refuse "
        f"them all. Give it an API key limited to its webhook (vigil create_api_key --name "
        f"{slug} --endpoint /alerts/webhook/{slug}/), sent in its own authorization header, "
        f"or put a proxy in front that signs with X-Vigil-Signature and then set {secret_name}."
    )


CONCERNS = (
    Concern("debug", "DEBUG is off", {"config.W004": FAIL, "security.W018": FAIL}),
    Concern(
        "secret_key", "Secret key is long and random", {"config.W003": FAIL, "security.W009": FAIL}
    ),
    Concern(
        "allowed_hosts", "ALLOWED_HOSTS is explicit", {"config.W005": WARN, "security.W020": FAIL}
    ),
    Concern(
        "https",
        "HTTPS is enforced",
        {
            "security.W004": WARN,
            "security.W008": WARN,
            "security.W012": WARN,
            "security.W016": WARN,
        },
    ),
    Concern("api_auth", "API authentication is on", {"config.W002": FAIL}, _api_auth_on),
    Concern(
        "rate_limit_backend", "Rate limits are shared between processes", {"config.W001": WARN}
    ),
    Concern(
        "encryption_keys",
        "Encryption keys are set and not public",
        {"config.W006": WARN, "config.E001": FAIL},
        _encryption_keys_not_public,
    ),
    Concern("env_permissions", ".env is readable only by its owner", {"config.W007": WARN}),
    Concern("webhook_secrets", "Webhook secrets are set for active drivers", {}, _webhook_secrets),
    Concern("admin_https", "Admin is reachable only over HTTPS", {}, _admin_over_https),
)


def evaluate() -> list[PostureItem]:
    messages = run_checks(include_deployment_checks=True)
    by_id: dict[str, list] = {}
    for message in messages:
        by_id.setdefault(message.id, []).append(message)
    items = []
    for concern in CONCERNS:
        item = PostureItem(concern.id, concern.title)
        for check_id, status in concern.check_ids.items():
            for message in by_id.get(check_id, []):
                level = FAIL if message.level >= ERROR else status
                fix = VIGIL_FIXES.get(check_id) or message.hint or ""
                item.worsen(level, f"{message.msg} [{check_id}]", fix)
        if concern.assess:
            concern.assess(item)
        items.append(item)
    return items
