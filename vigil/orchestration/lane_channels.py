"""The channels a lane names must exist: checked by `Lane.clean`, so the
admin, the API (lanes.save_lane) and an import all refuse a typo.

A lane that names a channel that does not exist would be saved, and its runs would show
`notified` while that channel got nothing.
"""

from django.core.exceptions import ValidationError

from vigil.notify.models import NotificationChannel


def existing_channels(names: list[str]) -> list[str]:
    """Which of these notification channels exist."""
    return list(NotificationChannel.objects.filter(name__in=names).values_list("name", flat=True))


def unknown_channels(names: list[str]) -> list[str]:
    if not names:
        return []
    known = set(existing_channels(names))
    return [name for name in names if name not in known]


def channel_errors(names: object) -> list[str]:
    """'no channel named …' for each unknown name, with the names that do exist."""
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return []  # the shape is routing.lane_errors' to report
    unknown = unknown_channels(names)
    if not unknown:
        return []
    defined = ", ".join(sorted(_all_channel_names())) or "none yet (add one under Notify)"
    return [f"no notification channel named {name!r}; defined: {defined}" for name in unknown]


def _all_channel_names() -> list[str]:
    return list(NotificationChannel.objects.values_list("name", flat=True)[:50])


def check_channels(lane) -> None:
    errors = channel_errors(lane.channels)
    if errors:
        raise ValidationError({"channels": errors})
