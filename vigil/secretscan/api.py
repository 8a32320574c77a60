"""/api/secretscan/: scanned repositories, their findings, and people's triage.

The value itself is never stored or shown: a finding carries its fingerprint and a
masked preview only.
"""

from datetime import datetime
from typing import Literal

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from vigil.accounts.roles import RESPONDER
from vigil.core.pages import Page, PageQuery, page_of
from vigil.secretscan.models import ScannedRepository, SecretFinding, Triage
from vigil.secretscan.triage import TriageError, set_triage

router = Router(tags=["secretscan"])

TriageState = Literal["open", "false_positive", "revoked", "fixed"]


class RepositoryOut(Schema):
    id: int
    path: str
    last_scan_at: datetime | None
    last_error: str
    finding_count: int = Field(description="places where a leaked value was found")
    untriaged: int = Field(description="of those, still in HEAD and not yet triaged")


class FindingOut(Schema):
    id: int
    repository_id: int
    rule: str
    kind: str = Field(description="what the credential is: aws, database, private-key, …")
    confidence: Literal["high", "medium", "low"]
    fingerprint: str
    path: str
    member: str = Field(description="the file inside the archive at `path`, if any")
    line: int
    commit: str
    author: str
    email: str
    committed_at: datetime | None
    first_seen_at: datetime
    resolved_at: datetime | None
    preview: str
    incident_id: int | None
    triage: TriageState
    triage_note: str
    triaged_by: str
    triaged_at: datetime | None


class FindingQuery(PageQuery):
    repository_id: int | None = None
    triage: TriageState | None = None
    rule: str | None = Field(None, max_length=64)
    in_head: bool | None = Field(None, description="true: still in HEAD's tree")


class TriageIn(Schema):
    state: TriageState
    note: str = Field("", max_length=2000)


class TriageOut(Schema):
    state: TriageState
    findings: int = Field(description="places of the same value that now carry the state")
    finding: FindingOut


@router.get("repositories/", response=Page[RepositoryOut], summary="Scanned repositories")
def repositories(request, page: Query[PageQuery]):
    rows = ScannedRepository.objects.order_by("path").annotate(
        finding_count=Count("findings"),
        untriaged=Count(
            "findings",
            filter=Q(findings__triage=Triage.OPEN, findings__resolved_at__isnull=True),
        ),
    )
    return page_of(rows, page)


@router.get("findings/", response=Page[FindingOut], summary="Findings, newest first")
def findings(request, query: Query[FindingQuery]):
    rows = SecretFinding.objects.order_by("-first_seen_at", "-pk")
    for name in ("repository_id", "triage", "rule"):
        value = getattr(query, name)
        if value is not None:
            rows = rows.filter(**{name: value})
    if query.in_head is not None:
        rows = rows.filter(resolved_at__isnull=query.in_head)
    return page_of(rows, query)


@router.post(
    "findings/{finding_id}/triage/",
    auth=RESPONDER,
    response=TriageOut,
    summary="Decide about a leaked value: false_positive, revoked, fixed (or open again)",
)
def triage(request, finding_id: int, body: TriageIn):
    finding = get_object_or_404(SecretFinding, pk=finding_id)
    try:
        outcome = set_triage(finding, body.state, by=request.auth.actor, note=body.note)
    except TriageError as exc:
        raise HttpError(400, str(exc)) from None
    return {"state": outcome.state, "findings": outcome.findings, "finding": finding}
