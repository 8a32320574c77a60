import logging

from celery import shared_task

from vigil.orchestration.models import PipelineRun
from vigil.orchestration.orchestrator import execute_claimed
from vigil.orchestration.publish import TASK_NAME
from vigil.orchestration.queue import claim_run, new_owner
from vigil.orchestration.worker import LeaseKeeper

logger = logging.getLogger(__name__)


@shared_task(name=TASK_NAME, ignore_result=True, acks_late=True)
def execute_run(run_id: str) -> str:
    pk = PipelineRun.objects.filter(run_id=run_id).values_list("pk", flat=True).first()
    if pk is None:
        return "unknown run"
    owner = new_owner("celery")
    # Not claimable: finished, held by a live worker, or not due yet (a later message or
    # the reconciler brings it back).
    if not claim_run(pk, owner):
        return "not claimable"
    with LeaseKeeper(owner) as keeper:
        keeper.add(pk)
        run = execute_claimed(pk, owner)
    return run.status
