"""System checks for the checkers' settings: a typo in a threshold must not pass silently."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import OPTION_SETTINGS, CheckError, split_host_port
from vigil.checkers.checkers.freshness import parse_entry
from vigil.checkers.checkers.ports import parse_allowed


def _threshold_errors(table, setting: str) -> list[str]:
    if not isinstance(table, dict):
        return [f"{setting} must be a JSON object {{checker: {{limit: number}}}}"]
    problems = []
    for slug, limits in table.items():
        if slug not in CHECKERS:
            problems.append(f"{setting}: unknown checker {slug!r}; valid: {', '.join(CHECKERS)}")
            continue
        if not isinstance(limits, dict):
            problems.append(f"{setting}[{slug!r}] must be an object of limits")
            continue
        defaults = CHECKERS[slug].defaults
        for key, value in limits.items():
            if key not in defaults:
                valid = ", ".join(defaults) or "none"
                problems.append(f"{setting}: unknown limit {slug}.{key}; valid: {valid}")
            elif isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"{setting}: {slug}.{key}={value!r} is not a number")
    return problems


@register()
def check_thresholds(app_configs, **kwargs):
    problems = _threshold_errors(settings.CHECKER_THRESHOLDS, "CHECKER_THRESHOLDS")
    per_node = settings.CHECKER_NODE_THRESHOLDS
    if not isinstance(per_node, dict):
        problems.append("CHECKER_NODE_THRESHOLDS must be a JSON object {node: {checker: {...}}}")
    else:
        for node, table in per_node.items():
            problems += _threshold_errors(table, f"CHECKER_NODE_THRESHOLDS[{node!r}]")
    unknown = [name for name in settings.CHECKER_DEFAULT_SUITE if name not in CHECKERS]
    if unknown:
        problems.append(
            f"CHECKER_DEFAULT_SUITE: unknown checker {unknown[0]!r}; valid: {', '.join(CHECKERS)}"
        )
    return [
        Error(
            problem,
            hint="Fix the value in the environment or .env; `vigil check_health --list` shows every limit.",
            id="checkers.E001",
        )
        for problem in problems
    ]


def _target_errors() -> list[str]:
    problems = []
    entries = [
        ("CHECKER_PORTS_ALLOWED", settings.CHECKER_PORTS_ALLOWED, parse_allowed),
        ("CHECKER_HOSTS", [h for h in settings.CHECKER_HOSTS if not h.startswith("ping:")],
         lambda h: split_host_port(h.removeprefix("tcp:"))),
        ("CHECKER_TLS_TARGETS", settings.CHECKER_TLS_TARGETS, lambda t: split_host_port(t, 443)),
        ("CHECKER_FRESHNESS", settings.CHECKER_FRESHNESS, parse_entry),
    ]  # fmt: skip
    for setting, values, parse in entries:
        for value in values:
            try:
                parse(value)
            except CheckError as exc:
                problems.append(f"{setting}: {exc}")
    return problems


@register()
def check_targets(app_configs, **kwargs):
    return [
        Error(
            problem,
            hint="See docs/checkers.md for the format of each CHECKER_* setting.",
            id="checkers.E002",
        )
        for problem in _target_errors()
    ]


@register()
def check_hub(app_configs, **kwargs):
    url = settings.VIGIL_HUB_URL
    if not url:
        return []
    issues = []
    if not settings.VIGIL_HUB_API_KEY:
        issues.append(
            Warning(
                "VIGIL_HUB_URL is set but VIGIL_HUB_API_KEY is not: push_to_hub will refuse to run.",
                hint="Create a key on the hub with `vigil create_api_key --name <node>` and set VIGIL_HUB_API_KEY.",
                id="checkers.W001",
            )
        )
    if urlsplit(url).scheme != "https":
        issues.append(
            Warning(
                f"VIGIL_HUB_URL {url!r} is not https: the API key and results travel in clear text.",
                hint="Serve the hub behind TLS and use an https:// URL.",
                id="checkers.W002",
            )
        )
    if not settings.VIGIL_HUB_SECRET:
        issues.append(
            Warning(
                "VIGIL_HUB_SECRET is not set: results pushed to the hub are not signed.",
                hint="Set the same secret here and as the hub's WEBHOOK_SECRET_CLUSTER.",
                id="checkers.W003",
            )
        )
    return issues


@register(deploy=True)
def check_suite_has_targets(app_configs, **kwargs):
    """A checker named in CHECKER_DEFAULT_SUITE whose targets are not configured reports
    "nothing to check" on every run: say so here, not in every page."""
    issues = []
    for name in settings.CHECKER_DEFAULT_SUITE:
        needs = getattr(CHECKERS.get(name), "needs", None)
        if needs and not getattr(settings, OPTION_SETTINGS[needs]):
            issues.append(
                Warning(
                    f"CHECKER_DEFAULT_SUITE runs {name!r} but {OPTION_SETTINGS[needs]} is empty: "
                    "it has nothing to check.",
                    hint=f"Set {OPTION_SETTINGS[needs]} (docs/checkers.md) or drop {name!r} from "
                    "CHECKER_DEFAULT_SUITE.",
                    id="checkers.W004",
                )
            )
    return issues
