"""JSON error pages: API clients get the API's error shape even from Django's handlers."""

from django.core.exceptions import DisallowedHost

from vigil.core.responses import json_error


def not_found(request, exception=None):
    return json_error(404, "not found", {"path": request.path})


def server_error(request):
    return json_error(500, "internal error")


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
