import pytest

from vigil.secretscan.models import ScannedRepository, SecretFinding, Triage
from vigil.secretscan.triage import TriageError, inherited_triage, set_triage

pytestmark = pytest.mark.django_db


def finding(repo, fingerprint, path):
    return SecretFinding.objects.create(
        repository=repo, rule="npm-access-token", fingerprint=fingerprint, path=path, preview="x"
    )


def test_triage_applies_to_every_place_of_the_value_in_its_repository():
    repo, other = (ScannedRepository.objects.create(path=p) for p in ("/srv/a", "/srv/b"))
    first, second = finding(repo, "sha256:aa", "a.env"), finding(repo, "sha256:aa", "b.env")
    unrelated, elsewhere = finding(repo, "sha256:bb", "a.env"), finding(other, "sha256:aa", "a")
    outcome = set_triage(first, Triage.REVOKED, by="ada", note="rotated 2024-03-01")
    assert (outcome.state, outcome.findings) == ("revoked", 2)
    second.refresh_from_db()
    assert (second.triage, second.triaged_by, second.triage_note) == (
        "revoked",
        "ada",
        "rotated 2024-03-01",
    )
    assert second.triaged_at is not None
    for row in (unrelated, elsewhere):
        row.refresh_from_db()
        assert row.triage == Triage.OPEN
    assert inherited_triage(repo.pk, ["sha256:aa", "sha256:bb"]) == {
        "sha256:aa": ("revoked", "rotated 2024-03-01")
    }


def test_reopening_clears_the_time_and_unknown_states_are_refused():
    repo = ScannedRepository.objects.create(path="/srv/a")
    row = finding(repo, "sha256:aa", "a.env")
    set_triage(row, Triage.FALSE_POSITIVE)
    set_triage(row, Triage.OPEN)
    assert (row.triage, row.triaged_at) == ("open", None)
    with pytest.raises(TriageError, match="unknown triage state 'wontfix'; valid: open, "):
        set_triage(row, "wontfix")
