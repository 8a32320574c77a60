"""System checks for orchestration settings and lanes."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from vigil.orchestration.lane_channels import unknown_channels
from vigil.orchestration.models import Lane, Stage
from vigil.orchestration.routing import errors_of
from vigil.orchestration.stages import installed_stages


@register()
def check_celery(app_configs, **kwargs):
    issues = []
    url = settings.CELERY_BROKER_URL
    if url and not url.startswith(("redis://", "rediss://", "amqp://", "amqps://")):
        issues.append(
            Warning(
                "CELERY_BROKER_URL is not a redis:// or amqp:// URL.",
                hint="Vigil is tested with Redis as the Celery broker: redis://host:6379/0.",
                id="orchestration.W001",
            )
        )
    if settings.ORCHESTRATION_LEASE_SECONDS < 3 * settings.ORCHESTRATION_CHECK_TIMEOUT:
        issues.append(
            Warning(
                "ORCHESTRATION_LEASE_SECONDS is short next to ORCHESTRATION_CHECK_TIMEOUT.",
                hint="Leases are renewed while a run works, but a lease shorter than three "
                "check timeouts lets a stalled worker lose runs it is still executing.",
                id="orchestration.W002",
            )
        )
    return issues


@register(Tags.database, deploy=True)
def check_lanes(app_configs, databases=None, **kwargs):
    if not databases:  # like Django's own database checks: only when asked (preflight)
        return []
    issues = []
    try:
        lanes = list(Lane.objects.filter(active=True))
    except DatabaseError:
        return []  # core's database checks report an unreachable or unmigrated database
    if not lanes:
        issues.append(
            Warning(
                "No active routing lane: every run will fail with no_route.",
                hint="Activate the seeded 'default' lane in the admin (Orchestration → lanes).",
                id="orchestration.W003",
            )
        )
    elif not any(not lane.match for lane in lanes):
        issues.append(
            Warning(
                "No active catch-all lane: incidents no lane matches fail with no_route.",
                hint="Keep a lane with no match rules at the lowest priority.",
                id="orchestration.W004",
            )
        )
    for lane in lanes:
        errors = errors_of(lane)
        if errors:
            issues.append(
                Warning(
                    f"Lane {lane.name!r} is invalid: {'; '.join(errors)}",
                    hint="Fix it in the admin; it is validated when saved there.",
                    id="orchestration.W005",
                )
            )
        unknown = unknown_channels(lane.channels) if isinstance(lane.channels, list) else []
        if unknown and Stage.NOTIFY in lane.stages:
            issues.append(
                Warning(
                    f"Lane {lane.name!r} names channel(s) that do not exist: "
                    f"{', '.join(map(repr, unknown))}; its runs fail to notify them.",
                    hint="Fix the name in the lane or add the channel (admin → Notify).",
                    id="orchestration.W007",
                )
            )
    missing = [stage for stage, ok in installed_stages().items() if not ok]
    used = {stage for lane in lanes for stage in lane.stages}
    if missing and used & set(missing):
        issues.append(
            Warning(
                f"Stage(s) {', '.join(sorted(used & set(missing)))} are used by lanes but "
                "not installed; runs record them as skipped.",
                hint="Install the app providing the stage, or remove it from the lanes.",
                id="orchestration.W006",
            )
        )
    return issues
