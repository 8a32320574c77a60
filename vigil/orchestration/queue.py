"""Claiming runs: the database row is the queue and the lock.

A claim is one conditional UPDATE: it succeeds only while the run is still claimable
(due, or processing under an expired lease), so two workers can never both win it.
On PostgreSQL the candidates are picked with SELECT … FOR UPDATE SKIP LOCKED so
concurrent workers take different rows instead of queueing on the same ones.
"""

import functools
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from vigil.core import prepared
from vigil.orchestration.models import CLAIMABLE_STATUSES, PipelineRun, RunStatus

logger = logging.getLogger(__name__)


class LeaseLost(Exception):
    """Another worker reclaimed the run: this one must stop touching it."""


def new_owner(prefix: str = "worker") -> str:
    return f"{prefix}:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def lease_delta() -> timedelta:
    return timedelta(seconds=settings.ORCHESTRATION_LEASE_SECONDS)


def due_q(now) -> Q:
    """Waiting for a worker, and its time (if any) has come."""
    return Q(status__in=CLAIMABLE_STATUSES) & (Q(not_before__isnull=True) | Q(not_before__lte=now))


def lease_expired_q(now) -> Q:
    """Claimed by a worker that stopped renewing its lease (it died or hangs)."""
    return Q(status=RunStatus.PROCESSING, lease_expires_at__lt=now)


def claimable_q(now) -> Q:
    """The one definition of a claimable run; the raw claim SQL is compiled from it."""
    return due_q(now) | lease_expired_q(now)


def _claim_fields(owner: str, now) -> dict:
    return {
        "status": RunStatus.PROCESSING,
        "claimed_by": owner,
        "lease_expires_at": now + lease_delta(),
        "attempts": F("attempts") + 1,
        "started_at": Coalesce(F("started_at"), now),
        "updated_at": now,
    }


def _claimable(pks: list[int], now):
    return PipelineRun.objects.filter(claimable_q(now), pk__in=pks)


def _claim_one(pk: int, owner: str, now) -> bool:
    return bool(_claimable([pk], now).update(**_claim_fields(owner, now)))


def claim_runs(owner: str, limit: int) -> list[int]:
    """Claim up to `limit` due runs, oldest first; returns their primary keys."""
    if limit <= 0:
        return []
    now = timezone.now()
    if connection.vendor == "postgresql":
        # Concurrent workers skip the rows another is claiming instead of queueing on
        # them; the rows stay locked until this one statement has claimed them.
        return _claim_returning(limit, owner, now, " FOR UPDATE SKIP LOCKED")
    if connection.vendor == "sqlite":
        # Look first, without locking: an UPDATE would take SQLite's one write lock even
        # when it matches nothing, and an idle poll should only read.
        sql, params = _candidates_sql(connection.vendor), _candidate_params(now, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            if cursor.fetchone() is None:
                return []
        # No row locks: the one statement runs whole under the write lock.
        return _claim_returning(limit, owner, now, "")
    # Databases without UPDATE … RETURNING (MySQL, MariaDB): each conditional UPDATE
    # decides; a run another worker took in between simply does not match.
    candidates = PipelineRun.objects.filter(claimable_q(now)).order_by("created_at", "pk")
    claimed = []
    for pk in candidates.values_list("pk", flat=True)[: limit * 2]:
        if len(claimed) >= limit:
            break
        if _claim_one(pk, owner, now):
            claimed.append(pk)
    return claimed


# A moment no claim ever happens at: where the compiled claimable_q() binds it, a claim
# binds its own `now`.
_SENTINEL = datetime(1970, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


@functools.cache
def _candidates(vendor: str) -> tuple[str, list, list[int]]:
    """claimable_q() compiled by the ORM once per vendor (a worker claims after every
    run it finishes, and compiling the query each time cost more than executing it):
    the SQL of the candidates' ids, oldest first, with `LIMIT %s` appended; its
    parameters; and the positions where `now` is bound."""
    query = PipelineRun.objects.filter(claimable_q(_SENTINEL)).order_by("created_at", "pk")
    sql, params = query.values_list("pk").query.sql_with_params()
    sentinel = connection.ops.adapt_datetimefield_value(_SENTINEL)
    at = [i for i, value in enumerate(params) if value == sentinel]
    if len(at) != 2:  # keep the assumption visible if claimable_q() changes shape
        raise AssertionError(f"claimable_q() binds `now` {len(at)} times, expected 2")
    return f"{sql} LIMIT %s", list(params), at


def _candidates_sql(vendor: str) -> str:
    return _candidates(vendor)[0]


def _candidate_params(now, limit: int) -> list:
    _, params, at = _candidates(connection.vendor)
    params = list(params)
    for i in at:
        params[i] = connection.ops.adapt_datetimefield_value(now)
    return [*params, limit]


@functools.cache
def _claim_sql(vendor: str, lock: str) -> str:
    table, column = _quoted_names()
    return (
        f"UPDATE {table} SET {column('status')} = %s, {column('claimed_by')} = %s, "  # noqa: S608
        f"{column('lease_expires_at')} = %s, {column('attempts')} = {column('attempts')} + 1, "
        f"{column('started_at')} = COALESCE({column('started_at')}, %s), "
        f"{column('updated_at')} = %s "
        f"WHERE {column('id')} IN ({_candidates_sql(vendor)}{lock}) "
        f"RETURNING {column('id')}, {column('created_at')}"
    )


def _quoted_names():
    meta, quote = PipelineRun._meta, connection.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    return quote(meta.db_table), column


def _claim_returning(limit: int, owner: str, now, lock: str) -> list[int]:
    # One statement picks and claims (no BEGIN/SELECT/UPDATE/COMMIT round trips).
    adapt = connection.ops.adapt_datetimefield_value
    fields = [RunStatus.PROCESSING.value, owner, adapt(now + lease_delta()), adapt(now), adapt(now)]
    with connection.cursor() as cursor:
        params = [*fields, *_candidate_params(now, limit)]
        prepared.execute(cursor, _claim_sql(connection.vendor, lock), params, prefix="claim")
        rows = cursor.fetchall()
    return [pk for pk, _ in sorted(rows, key=lambda row: (row[1], row[0]))]


def claim_run(pk: int, owner: str) -> bool:
    """Claim one named run (Celery task, synchronous API call, run_pipeline)."""
    return _claim_one(pk, owner, timezone.now())


def renew_leases(owner: str, pks: list[int]) -> int:
    """Extend the leases this owner holds. A row locked right now (its batch is writing a
    step) is skipped rather than waited for, so this can never deadlock with a step; it
    is renewed next time, a third of a lease later."""
    if not pks:
        return 0
    with transaction.atomic():
        held = (
            PipelineRun.objects.select_for_update(skip_locked=True)
            .filter(pk__in=pks, claimed_by=owner, status=RunStatus.PROCESSING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return PipelineRun.objects.filter(pk__in=list(held)).update(
            lease_expires_at=timezone.now() + lease_delta()
        )


def update_claimed(run: PipelineRun, owner: str, **fields) -> None:
    """Write to a run only while this owner still holds it (fencing)."""
    fields.setdefault("updated_at", timezone.now())
    updated = PipelineRun.objects.filter(
        pk=run.pk, claimed_by=owner, status=RunStatus.PROCESSING
    ).update(**fields)
    if not updated:
        raise LeaseLost(f"run {run.run_id} is no longer held by {owner}")
    for name, value in fields.items():
        if not hasattr(value, "resolve_expression"):
            setattr(run, name, value)


@dataclass
class QueueStats:
    depth: int
    due: int
    processing: int
    retrying: int
    oldest_pending_age_seconds: float | None
    stuck: int
    failed_last_hour: int
    by_status: dict[str, int]

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def queue_stats() -> QueueStats:
    now = timezone.now()
    counts = {
        row["status"]: row["n"]
        for row in PipelineRun.objects.order_by().values("status").annotate(n=Count("pk"))
    }
    oldest = (
        PipelineRun.objects.filter(status__in=CLAIMABLE_STATUSES)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return QueueStats(
        depth=counts.get(RunStatus.PENDING, 0) + counts.get(RunStatus.RETRYING, 0),
        due=PipelineRun.objects.filter(claimable_q(now), status__in=CLAIMABLE_STATUSES).count(),
        processing=counts.get(RunStatus.PROCESSING, 0),
        retrying=counts.get(RunStatus.RETRYING, 0),
        oldest_pending_age_seconds=(now - oldest).total_seconds() if oldest else None,
        stuck=stuck_runs().count(),
        failed_last_hour=PipelineRun.objects.filter(
            status=RunStatus.FAILED, finished_at__gte=now - timedelta(hours=1)
        ).count(),
        by_status=counts,
    )


def oldest_due_wait(now) -> float | None:
    """Seconds the longest-waiting due run has waited (since it was created or its
    retry time came), or None when none is due. Through the claimable index."""
    oldest = (
        PipelineRun.objects.filter(due_q(now))
        .order_by("created_at")
        .values_list("created_at", "not_before")
        .first()
    )
    if oldest is None:
        return None
    return round((now - max(value for value in oldest if value is not None)).total_seconds(), 3)


def stuck_runs():
    """Processing under an expired lease, or due and waiting longer than the stale limit."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.ORCHESTRATION_STALE_SECONDS)
    return PipelineRun.objects.filter(
        lease_expired_q(now)
        | Q(status__in=CLAIMABLE_STATUSES, created_at__lt=stale)
        & (Q(not_before__isnull=True) | Q(not_before__lt=stale))
    )
