"""The API's one timestamp format: ISO 8601 in UTC with a `Z`, milliseconds when there
are any (`2026-12-07T20:33:57.924Z`, `2026-12-07T20:33:57Z`): exactly what Django's JSON
encoder writes for the datetimes Django Ninja serialises, so hand-built dicts agree."""

from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder

_encoder = DjangoJSONEncoder()


def iso(value: datetime | None) -> str | None:
    return _encoder.default(value) if value else None
