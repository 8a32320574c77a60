"""A person's decision about a leaked value: false positive, revoked or fixed.

The decision belongs to the value, not to one place: every finding of the same
fingerprint in the repository takes it, and so do later findings of that value.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from vigil.secretscan.models import SecretFinding, Triage


class TriageError(ValueError):
    permanent = True


@dataclass
class TriageOutcome:
    state: str
    findings: int  # rows of the value that now carry the state


def set_triage(
    finding: SecretFinding, state: str, *, by: str = "", note: str = ""
) -> TriageOutcome:
    if state not in Triage.values:
        raise TriageError(f"unknown triage state {state!r}; valid: {', '.join(Triage.values)}")
    with transaction.atomic():
        updated = SecretFinding.objects.filter(
            repository_id=finding.repository_id, fingerprint=finding.fingerprint
        ).update(
            triage=state,
            triage_note=note[:2000],
            triaged_by=by[:150],
            triaged_at=None if state == Triage.OPEN else timezone.now(),
        )
    finding.refresh_from_db()
    return TriageOutcome(state=state, findings=updated)


def inherited_triage(repository_id: int, fingerprints) -> dict[str, tuple[str, str]]:
    """fingerprint -> (state, note) already decided for values of this repository."""
    rows = (
        SecretFinding.objects.filter(repository_id=repository_id, fingerprint__in=fingerprints)
        .exclude(triage=Triage.OPEN)
        .order_by("-triaged_at")
        .values_list("fingerprint", "triage", "triage_note")
    )
    decided: dict[str, tuple[str, str]] = {}
    for fingerprint, state, note in rows:
        decided.setdefault(fingerprint, (state, note))
    return decided
