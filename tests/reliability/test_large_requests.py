"""One huge webhook must not block the others: a cap on alerts per request, and a large
request is written beside the group commit that small ones share."""

import threading
import time

import pytest
from django.test import Client

from vigil.alerts.models import Alert


def _batch(n: int, prefix: str) -> dict:
    return {"alerts": [{"name": f"{prefix} {i}", "labels": {"i": str(i)}} for i in range(n)]}


@pytest.mark.django_db
def test_a_request_over_the_alert_cap_is_refused_and_stores_nothing(client, auth_headers, settings):
    settings.WEBHOOK_MAX_ALERTS = 5
    response = client.post(
        "/alerts/webhook/generic/", _batch(6, "big"), content_type="application/json",
        **auth_headers,
    )  # fmt: skip
    assert response.status_code == 413
    assert response.json()["detail"]["limit"] == 5 and response.json()["detail"]["alerts"] == 6
    assert Alert.objects.count() == 0
    ok = client.post(
        "/alerts/webhook/generic/", _batch(5, "fits"), content_type="application/json",
        **auth_headers,
    )  # fmt: skip
    assert ok.status_code == 202


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_small_requests_do_not_wait_for_a_large_one(auth_headers, settings):
    settings.RATE_LIMIT_ENABLED = False
    timings: dict[str, list[float]] = {"large": [], "small": []}

    def post(kind: str, payload: dict) -> None:
        started = time.monotonic()
        response = Client().post(
            "/alerts/webhook/generic/", payload, content_type="application/json", **auth_headers
        )
        assert response.status_code == 202
        timings[kind].append(time.monotonic() - started)

    large = threading.Thread(target=post, args=("large", _batch(1000, "large")))
    large.start()
    time.sleep(0.1)  # the large request is being written
    for n in range(10):
        post("small", _batch(1, f"small {n}"))
    large.join()
    assert Alert.objects.count() == 1010
    # Small requests that arrived while the large one was written did not queue behind it.
    assert max(timings["small"][:3]) < timings["large"][0] / 3, timings
