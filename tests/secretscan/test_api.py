"""/api/secretscan/: repositories, findings, triage, and who may triage."""

import json

import pytest

from vigil.secretscan.models import ScannedRepository, SecretFinding

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaked():
    repo = ScannedRepository.objects.create(path="/srv/git/app")
    common = {"repository": repo, "rule": "aws-access-key", "fingerprint": "sha256:" + "a" * 64,
              "preview": "AKIA****"}  # fmt: skip
    first = SecretFinding.objects.create(path="config.py", line=3, commit="c1", **common)
    SecretFinding.objects.create(path="old.py", line=9, commit="c0", **common)
    return repo, first


def test_repositories_and_findings(client, auth_headers, leaked):
    repo, _ = leaked
    repos = client.get("/api/secretscan/repositories/", **auth_headers).json()
    assert repos["count"] == 1
    assert repos["items"][0] | {"last_scan_at": None} == {
        "id": repo.pk, "path": "/srv/git/app", "last_scan_at": None, "last_error": "",
        "finding_count": 2, "untriaged": 2,
    }  # fmt: skip
    found = client.get(
        f"/api/secretscan/findings/?repository_id={repo.pk}&triage=open", **auth_headers
    ).json()
    assert found["count"] == 2 and found["items"][0]["preview"] == "AKIA****"
    item = found["items"][0]
    assert (item["kind"], item["confidence"], item["member"]) == ("token", "medium", "")


def test_triage_applies_to_every_place_of_the_value(client, sign_in, leaked):
    _, finding = leaked
    headers = sign_in("responder", "rita")
    response = client.post(
        f"/api/secretscan/findings/{finding.pk}/triage/",
        data=json.dumps({"state": "revoked", "note": "rotated at AWS"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["findings"]) == ("revoked", 2)
    assert body["finding"]["triaged_by"] == "rita"
    assert set(SecretFinding.objects.values_list("triage", flat=True)) == {"revoked"}


def test_viewers_read_but_cannot_triage(client, sign_in, leaked):
    _, finding = leaked
    headers = sign_in("viewer")
    assert client.get("/api/secretscan/findings/", **headers).status_code == 200
    response = client.post(
        f"/api/secretscan/findings/{finding.pk}/triage/",
        data=json.dumps({"state": "fixed"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403


def test_an_unknown_triage_state_is_422(client, auth_headers, leaked):
    _, finding = leaked
    response = client.post(
        f"/api/secretscan/findings/{finding.pk}/triage/",
        data=json.dumps({"state": "ignored"}),
        content_type="application/json",
        **auth_headers,
    )
    assert response.status_code == 422
    assert SecretFinding.objects.get(pk=finding.pk).triage == "open"
