from typing import Any

from django.http import JsonResponse


def json_error(status: int, error: str, detail: Any = None, **headers: str) -> JsonResponse:
    """The one error shape of the API: {"error": "...", "detail": ...} with a 4xx code."""
    body: dict[str, Any] = {"error": error}
    if detail is not None:
        body["detail"] = detail
    response = JsonResponse(body, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response
