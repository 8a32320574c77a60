"""Bench-only URLconf: Vigil's URLs plus the reference view (never shipped in vigil/urls)."""

import json

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from vigil.urls import urlpatterns as vigil_urlpatterns


@csrf_exempt
def reference(request):
    """The floor to compare with: parse the body, INSERT one row, answer 202."""
    payload = json.loads(request.body)
    alert = payload["alerts"][0]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_reference (fingerprint, payload, received_at) VALUES (%s, %s, %s)",
            [alert["fingerprint"], json.dumps(alert), timezone.now()],
        )
    return JsonResponse({"status": "accepted"}, status=202)


# Under /alerts/ so the reference pays the same middleware (API key, rate limit) as ingest.
urlpatterns = [path("alerts/_reference/", reference), *vigil_urlpatterns]
