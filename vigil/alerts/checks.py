"""System checks for the ingest settings."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from vigil.alerts.drivers import DRIVERS


@register(Tags.security)
def check_webhook_auth(app_configs, **kwargs):
    problems = []
    secrets = settings.WEBHOOK_SECRETS
    if settings.WEBHOOK_REQUIRE_SIGNATURE:
        missing = [slug for slug in DRIVERS if not secrets.get(slug)]
        if len(missing) == len(DRIVERS):
            problems.append(
                Warning(
                    "WEBHOOK_REQUIRE_SIGNATURE=1 but no WEBHOOK_SECRET_<DRIVER> is set: every "
                    "webhook will be refused.",
                    hint="Set a secret for each driver you use, e.g. WEBHOOK_SECRET_GRAFANA.",
                    id="alerts.W001",
                )
            )
    elif not settings.API_KEY_AUTH_ENABLED and not any(secrets.values()):
        problems.append(
            Warning(
                "API_KEY_AUTH_ENABLED=0 and no webhook secret is set: anyone who can reach "
                "/alerts/webhook/ can create incidents.",
                hint="Enable API keys, or set WEBHOOK_SECRET_<DRIVER> and "
                "WEBHOOK_REQUIRE_SIGNATURE=1.",
                id="alerts.W002",
            )
        )
    unknown = set(secrets) - set(DRIVERS)
    if unknown:
        problems.append(
            Warning(
                "No ingest driver reads "
                + ", ".join(f"WEBHOOK_SECRET_{slug.upper()}" for slug in sorted(unknown))
                + ": its webhooks are not signed.",
                hint=f"Name a driver: {', '.join(f'WEBHOOK_SECRET_{s.upper()}' for s in DRIVERS)}.",
                id="alerts.W003",
            )
        )
    return problems
