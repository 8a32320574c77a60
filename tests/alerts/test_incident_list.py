"""The console's incident list: filters, keyset pages, counts, changes, actions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from vigil.alerts.models import AlertHistory, Incident
from vigil.alerts.schemas import ChangesOut, IncidentOut, IncidentPageOut
from vigil.orchestration.models import PipelineRun

pytestmark = pytest.mark.django_db


def _incident(n, **fields):
    fields.setdefault("source", "generic")
    return Incident.objects.create(title=f"incident {n}", group_key=f"g{n}", **fields)


@pytest.fixture
def many():
    base = timezone.now() - timedelta(hours=1)
    rows = []
    for n in range(7):
        row = _incident(
            n,
            severity=("critical", "warning", "info")[n % 3],
            labels={"host": f"db-{n % 2}", "team": "ops"},
            source="grafana" if n == 3 else "generic",
        )
        Incident.objects.filter(pk=row.pk).update(opened_at=base + timedelta(minutes=n))
        rows.append(row)
    return rows


def _titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_pages_follow_the_cursor_without_gaps_or_repeats(client, auth_headers, many):
    seen, cursor = [], None
    while True:
        query = "/alerts/incidents/?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(query, **auth_headers).json()
        assert set(body) == {"limit", "next_cursor", "items"}
        seen += [item["title"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"incident {n}" for n in reversed(range(7))]


def test_sort_oldest_first(client, auth_headers, many):
    titles = _titles(client.get("/alerts/incidents/?sort=opened_at&limit=2", **auth_headers))
    assert titles == ["incident 0", "incident 1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("severity=critical", [6, 3, 0]),
        ("severity=critical&severity=info", [6, 5, 3, 2, 0]),
        ("source=grafana", [3]),
        ("label=host:db-1", [5, 3, 1]),
        ("label=host:db-1&label=team:ops&severity=critical", [3]),
        ("q=ENT 4", [4]),
        ("status=resolved", []),
    ],
)
def test_filters(client, auth_headers, many, query, expected):
    titles = _titles(client.get(f"/alerts/incidents/?{query}", **auth_headers))
    assert titles == [f"incident {n}" for n in expected]


def test_time_range_filter(client, auth_headers, many):
    after = many[0].opened_at if False else Incident.objects.get(pk=many[5].pk).opened_at
    titles = _titles(
        client.get("/alerts/incidents/", {"opened_after": after.isoformat()}, **auth_headers)
    )
    assert titles == ["incident 6", "incident 5"]


def test_lane_filter_finds_incidents_with_a_run_on_that_lane(client, auth_headers, many):
    PipelineRun.objects.create(incident=many[2], origin="api", definition_name="db")
    assert _titles(client.get("/alerts/incidents/?lane=db", **auth_headers)) == ["incident 2"]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("cursor=bm9wZQ", "cursor is not one this API gave out; start again without it"),
        ("label=nocolon", "label filter 'nocolon' must be key:value (key: A-Z a-z 0-9 _.:/-)"),
    ],
)
def test_bad_cursor_and_label_are_400(client, auth_headers, many, query, error):
    response = client.get(f"/alerts/incidents/?{query}", **auth_headers)
    assert response.status_code == 400
    assert response.json() == {"error": error}


def test_counts_per_status_ignore_the_status_filter(client, auth_headers, many):
    Incident.objects.filter(pk=many[0].pk).update(status="resolved")
    body = client.get("/alerts/incidents/counts/?status=open&severity=critical", **auth_headers)
    assert body.json() == {"open": 2, "acknowledged": 0, "resolved": 1, "closed": 0}


def test_changes_answer_304_until_an_incident_changes(client, auth_headers, many):
    first = client.get("/alerts/incidents/changes/", **auth_headers)
    assert first.status_code == 200 and first.json()["items"] == []
    cursor, etag = first.json()["cursor"], first["ETag"]
    same = client.get(
        f"/alerts/incidents/changes/?since={cursor}", HTTP_IF_NONE_MATCH=etag, **auth_headers
    )
    assert same.status_code in (200, 304)  # rows inside the overlap window come once more
    etag = same["ETag"]
    again = client.get(
        f"/alerts/incidents/changes/?since={cursor}", HTTP_IF_NONE_MATCH=etag, **auth_headers
    )
    assert again.status_code == 304 and again.content == b""
    new = _incident(99)
    changed = client.get(
        f"/alerts/incidents/changes/?since={cursor}", HTTP_IF_NONE_MATCH=etag, **auth_headers
    )
    assert changed.status_code == 200
    assert new.pk in [item["id"] for item in changed.json()["items"]]
    assert changed["ETag"] != etag


def test_a_waiting_request_answers_at_once_when_no_slot_is_free(
    client, auth_headers, many, settings
):
    settings.LIVE_UPDATES_MAX_WAITERS = 0
    first = client.get("/alerts/incidents/changes/", **auth_headers)
    cursor = first.json()["cursor"]
    etag = client.get(f"/alerts/incidents/changes/?since={cursor}", **auth_headers)["ETag"]
    started = timezone.now()
    response = client.get(
        f"/alerts/incidents/changes/?since={cursor}&wait=20",
        HTTP_IF_NONE_MATCH=etag,
        **auth_headers,
    )
    assert response.status_code == 304
    assert (timezone.now() - started).total_seconds() < 2


def test_comment_and_assign_land_in_the_timeline(client, sign_in, make_user, many):
    headers = sign_in("responder", "rita")
    make_user("sam", "responder")
    pk = many[0].pk
    comment = client.post(
        f"/alerts/incidents/{pk}/comments/", {"text": "looking"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert comment.status_code == 201
    assert comment.json()["by"] == "rita" and comment.json()["detail"] == {"text": "looking"}
    assigned = client.post(
        f"/alerts/incidents/{pk}/assign/", {"assignee": "sam"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert assigned.status_code == 200 and assigned.json()["assignee"] == "sam"
    events = list(AlertHistory.objects.filter(incident_id=pk).values_list("event", "by"))
    assert events[-2:] == [("commented", "rita"), ("assigned", "rita")]
    assert _titles(client.get("/alerts/incidents/?assignee=sam", **headers)) == ["incident 0"]


def test_assigning_an_unknown_user_is_400_and_changes_nothing(client, sign_in, many):
    headers = sign_in("responder")
    response = client.post(
        f"/alerts/incidents/{many[0].pk}/assign/", {"assignee": "nobody"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json() == {"error": "no active user named 'nobody'"}
    assert Incident.objects.get(pk=many[0].pk).assignee == ""


def test_bulk_acknowledge_answers_for_each_incident(client, sign_in, many):
    headers = sign_in("responder", "rita")
    Incident.objects.filter(pk=many[1].pk).update(status="resolved")
    response = client.post(
        "/alerts/incidents/bulk/",
        {"action": "acknowledge", "ids": [many[0].pk, many[1].pk, 424242]},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["id"], r["ok"], r["status"]) for r in results] == [
        (many[0].pk, True, "acknowledged"),
        (many[1].pk, False, "resolved"),
        (424242, False, ""),
    ]
    assert Incident.objects.get(pk=many[0].pk).acknowledged_by == "rita"


def test_a_form_encoded_note_is_refused_not_dropped(client, auth_headers, many):
    response = client.post(
        f"/alerts/incidents/{many[0].pk}/resolve/",
        "note=cleaned",
        content_type="application/x-www-form-urlencoded",
        **auth_headers,
    )
    assert response.status_code == 415
    assert Incident.objects.get(pk=many[0].pk).status == "open"


def test_list_and_changes_items_keep_the_documented_shape(client, auth_headers, many):
    body = client.get("/alerts/incidents/?limit=2", **auth_headers).json()
    IncidentPageOut.model_validate(body)
    assert set(body["items"][0]) == set(IncidentOut.model_fields)
    assert body["items"][0]["opened_at"].endswith("Z")
    cursor = client.get("/alerts/incidents/changes/", **auth_headers).json()["cursor"]
    Incident.objects.filter(pk=many[0].pk).update(title="changed", updated_at=timezone.now())
    changed = client.get(f"/alerts/incidents/changes/?since={cursor}", **auth_headers).json()
    ChangesOut.model_validate(changed)
    assert [item["title"] for item in changed["items"]][-1] == "changed"


@pytest.mark.parametrize("path", ["/alerts/incidents/", "/alerts/incidents/counts/",
                                  "/alerts/alerts/"])  # fmt: skip
def test_a_misspelt_filter_is_400_not_everything(client, auth_headers, many, path):
    response = client.get(f"{path}?statuss=open", **auth_headers)
    assert response.status_code == 400
    assert response.json()["error"].startswith("unknown parameter 'statuss'; valid: status, ")


def test_a_list_item_says_what_the_incident_route_says(client, auth_headers, many):
    # On PostgreSQL the database writes the list's JSON; Ninja writes the detail's.
    at = timezone.now().replace(microsecond=0)
    Incident.objects.filter(pk=many[0].pk).update(
        opened_at=at - timedelta(days=400), updated_at=at.replace(microsecond=123456),
        acknowledged_at=at.replace(microsecond=999), status="acknowledged",
        acknowledged_by="ana", labels={"host": "db-1", "ünï": "cödé \"q\""},
    )  # fmt: skip
    listed = client.get("/alerts/incidents/?sort=opened_at&limit=1", **auth_headers).json()
    detail = client.get(f"/alerts/incidents/{many[0].pk}/", **auth_headers).json()

    assert listed["items"] == [{name: detail[name] for name in IncidentOut.model_fields}]
    assert listed["items"][0]["updated_at"].endswith(".123Z")
    assert "." not in listed["items"][0]["opened_at"]
