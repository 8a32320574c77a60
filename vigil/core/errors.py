"""JSON error pages: API clients get the API's error shape even from Django's handlers."""

import sys

from django.core.exceptions import DisallowedHost

from vigil.core.outage import RETRY_AFTER_SECONDS, UNAVAILABLE, database_outage
from vigil.core.responses import json_error


def not_found(request, exception=None):
    return json_error(404, "not found", {"path": request.path})


def server_error(request):
    # Django calls this while handling the exception, from a view or any middleware
    # (the API key check reads the database on every request whose key is not cached).
    exc = sys.exc_info()[1]
    if isinstance(exc, UNAVAILABLE):
        return database_unavailable(exc)
    return json_error(500, "internal error")


def database_unavailable(exc: BaseException):
    """503 with Retry-After, logged once per outage instead of a traceback per request."""
    database_outage.refused(exc)
    response = json_error(
        503, "database unavailable; retry later", Retry_After=str(RETRY_AFTER_SECONDS)
    )
    response._has_been_logged = True  # tells Django's request logger it is handled
    return response


def bad_request(request, exception=None):
    if isinstance(exception, DisallowedHost):
        return json_error(
            400,
            "host not allowed",
            "this host name or address is not in DJANGO_ALLOWED_HOSTS on the server",
        )
    return json_error(400, "bad request")


def permission_denied(request, exception=None):
    return json_error(403, "forbidden")
