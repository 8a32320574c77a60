from datetime import datetime

from django.db.models import Max, Subquery
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from vigil.accounts.roles import RESPONDER
from vigil.checkers import services
from vigil.checkers.checkers import CHECKERS
from vigil.checkers.models import CheckRun
from vigil.core.pages import Page, whole

router = Router(tags=["checkers"])


class CheckRunOut(Schema):
    id: int
    checker: str
    target: str
    status: str
    message: str
    metrics: dict
    thresholds: dict
    duration_ms: float
    node: str
    source: str
    batch: str
    created_at: datetime

    @staticmethod
    def resolve_batch(obj) -> str:
        return str(obj.batch)


class CheckerOut(Schema):
    slug: str
    summary: str
    thresholds: dict
    in_default_suite: bool


class RunIn(Schema):
    # Only names: targets, paths and hosts come from settings, never from the caller.
    checks: list[str] = []
    save: bool = True


class ResultOut(Schema):
    check: str
    target: str
    status: str
    message: str
    metrics: dict
    thresholds: dict
    duration_ms: float


@router.get("/", response=Page[CheckerOut], summary="The checkers and their limits")
def list_checkers(request: HttpRequest):
    suite = set(services.default_suite())
    items = [
        {
            "slug": slug,
            "summary": checker.summary,
            "thresholds": checker.defaults,
            "in_default_suite": slug in suite,
        }
        for slug, checker in CHECKERS.items()
    ]
    return whole(items)


@router.get(
    "/latest/",
    response=Page[CheckRunOut],
    summary="The latest result of each checker, target and node (the Health page)",
)
def latest(request: HttpRequest):
    newest = (
        CheckRun.objects.order_by()
        .values("node", "checker", "target")
        .annotate(newest=Max("pk"))
        .values("newest")
    )
    rows = list(CheckRun.objects.filter(pk__in=Subquery(newest)).order_by("node", "checker"))
    return whole(rows)


@router.get("/runs/", response=Page[CheckRunOut], summary="Recent check results, newest first")
def list_runs(
    request: HttpRequest, checker: str = "", status: str = "", limit: int = 100, offset: int = 0
):
    if checker and checker not in CHECKERS:
        raise HttpError(400, f"unknown checker {checker!r}; valid: {', '.join(CHECKERS)}")
    if status and status not in CheckRun.Status.values:
        raise HttpError(
            400, f"unknown status {status!r}; valid: {', '.join(CheckRun.Status.values)}"
        )
    if not 1 <= limit <= 1000 or offset < 0:
        raise HttpError(400, "limit must be between 1 and 1000 and offset at least 0")
    runs = CheckRun.objects.all()
    if checker:
        runs = runs.filter(checker=checker)
    if status:
        runs = runs.filter(status=status)
    return {
        "count": runs.count(),
        "limit": limit,
        "offset": offset,
        "items": list(runs.order_by("-created_at", "-id")[offset : offset + limit]),
    }


@router.post(
    "/run/",
    auth=RESPONDER,
    response=list[ResultOut],
    summary="Run checkers now (default suite when none named)",
)
def run(request: HttpRequest, body: RunIn):
    try:
        results = services.run_checks(
            body.checks or None, save=body.save, source=CheckRun.Source.API
        )
    except services.CheckError as exc:
        raise HttpError(400, str(exc)) from None
    return [result.to_dict() for result in results]
