"""A run's next step, written in one transaction fenced on the claim.

A step is: the run's own fields (the next stage's start, or the run's end), the results
of stages that finished since the last step, and the new stage execution, if any. If the
worker no longer holds the run (status processing, claimed_by this owner), nothing of
that run's step is written.

The steps of a batch of runs (orchestrator.execute_batch) are written together. On
PostgreSQL that is one statement whatever the number of runs: data-modifying CTEs over
rows that travel as JSON parameters (core/fastsql.py's recordsets), where a run's stage writes
happen only if its fencing UPDATE matched. Elsewhere it is the same writes through the
ORM in one transaction.
"""

import functools
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import OperationalError, connection, transaction
from django.utils import timezone

from vigil.core import prepared
from vigil.core.fastsql import pick, record, record_columns, records, recordset
from vigil.orchestration.models import PipelineRun, RunStatus, StageExecution
from vigil.orchestration.queue import LeaseLost

logger = logging.getLogger(__name__)

# What a finished stage writes; its input snapshot was stored when it started.
COMPLETED_FIELDS = ["status", "reason", "output_snapshot", "has_errors", "finished_at"]


@dataclass
class Step:
    run: PipelineRun
    fields: dict  # the run's new fields
    # Executions that finished since the run's last step; emptied once written.
    completed: list[StageExecution] = field(default_factory=list)
    started: StageExecution | None = None


def write_step(
    run: PipelineRun,
    owner: str,
    run_fields: dict,
    completed: list[StageExecution],
    started: StageExecution | None = None,
) -> None:
    """One run's step; raises LeaseLost if this owner no longer holds the run."""
    if write_steps(owner, [Step(run, run_fields, completed, started)]):
        raise LeaseLost(f"run {run.run_id} is no longer held by {owner}")


def write_steps(owner: str, steps: list[Step]) -> set[int]:
    """Write every step; returns the pks of the runs this owner no longer holds (nothing
    of their steps was written). A written step's fields are set on its run."""
    now = timezone.now()
    for step in steps:
        step.fields = {**step.fields, "updated_at": now}
        if step.started is not None and step.started.started_at is None:
            step.started.started_at = now
    if connection.vendor == "postgresql":
        lost = _write_statements(owner, steps)
    else:
        lost = _write_orm(owner, steps)
    for step in steps:
        if step.run.pk in lost:
            continue
        for name, value in step.fields.items():
            setattr(step.run, name, value)
        step.completed.clear()
    return lost


def _write_orm(owner: str, steps: list[Step]) -> set[int]:
    lost = set()
    with transaction.atomic():
        for step in steps:
            fenced = PipelineRun.objects.filter(
                pk=step.run.pk, claimed_by=owner, status=RunStatus.PROCESSING
            ).update(**step.fields)
            if not fenced:
                lost.add(step.run.pk)
                continue
            for execution in step.completed:
                execution.save(update_fields=COMPLETED_FIELDS)
            if step.started is not None:
                step.started.save(force_insert=True)
    return lost


def _write_statements(owner: str, steps: list[Step]) -> set[int]:
    by_shape = defaultdict(list)
    for step in steps:
        by_shape[tuple(step.fields)].append(step)
    lost = set()
    for names, group in by_shape.items():
        sql, run_fields = _step_sql(names)
        runs = [{c.name: s.run.pk if c.field.primary_key else s.fields[c.attname]
                 for c in run_fields} for s in group]  # fmt: skip
        done = [record(_done_fields(), e, add=False) for s in group for e in s.completed]
        started = [record(_started_fields(), s.started, add=False) for s in group if s.started]
        params = [records(runs), owner, RunStatus.PROCESSING.value, records(done), records(started)]
        fenced = _execute_retrying(sql, params)  # run pk -> the pk of its started execution
        for step in group:
            if step.run.pk not in fenced:
                lost.add(step.run.pk)
            elif step.started is not None:
                step.started.pk = fenced[step.run.pk]
                step.started._state.adding, step.started._state.db = False, connection.alias
    return lost


# PostgreSQL's answers to a lock conflict (deadlock detected, serialization failure):
# the statement wrote nothing, and running it again is the documented remedy.
RETRY_SQLSTATES = {"40P01", "40001"}
ATTEMPTS = 3


def _execute_retrying(sql: str, params: list) -> dict:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with connection.cursor() as cursor:
                prepared.execute(cursor, sql, params, prefix="step")
                return dict(cursor.fetchall())
        except OperationalError as exc:
            conflict = getattr(exc.__cause__, "sqlstate", "") in RETRY_SQLSTATES
            # Inside a caller's transaction the error aborted it: only the caller can retry.
            if attempt == ATTEMPTS or not conflict or connection.in_atomic_block:
                raise
            logger.warning("a step write met a lock conflict; writing it again")
    raise AssertionError("unreachable")


@functools.cache
def _done_fields():
    return pick(StageExecution, ["id", "run_id", *COMPLETED_FIELDS])


@functools.cache
def _started_fields():
    return [c for c in record_columns(StageExecution) if not c.field.primary_key]


@functools.lru_cache(maxsize=16)
def _step_sql(run_names: tuple[str, ...]) -> tuple[str, list]:
    """The statement for steps that set these run fields (a handful of shapes), and the
    run's record fields. Only table and column names from the models are formatted in;
    the values travel in the five parameters: the runs' rows, the fence (owner and
    status), the finished executions' rows and the started executions' rows."""
    quote = connection.ops.quote_name
    runs, stages = PipelineRun._meta, StageExecution._meta
    runs_table, stages_table = quote(runs.db_table), quote(stages.db_table)
    run_pk, stage_pk = quote(runs.pk.column), quote(stages.pk.column)
    run_id = quote(stages.get_field("run").column)

    def column(meta, name):
        return f"{quote(meta.db_table)}.{quote(meta.get_field(name).column)}"

    def assignments(fields, alias, keys):
        return ", ".join(
            f"{c.quoted} = {alias}.{c.quoted}" for c in fields if c.attname not in keys
        )

    run_fields = pick(PipelineRun, ["id", *run_names])
    _, run_record = recordset(run_fields)
    _, done_record = recordset(_done_fields())
    started_names, started_record = recordset(_started_fields())
    sql = (
        f"WITH r AS (SELECT * FROM json_to_recordset(%s::json) AS r({run_record})), "  # noqa: S608
        # The fenced rows are locked in id order, as every multi-row writer of runs
        # locks them, so two such statements cannot deadlock on each other's rows.
        f"held AS (SELECT {run_pk} AS id FROM {runs_table} "
        f"WHERE {run_pk} IN (SELECT {run_pk} FROM r) AND {column(runs, 'claimed_by')} = %s "
        f"AND {column(runs, 'status')} = %s ORDER BY {run_pk} FOR UPDATE), "
        f"fence AS (UPDATE {runs_table} SET {assignments(run_fields, 'r', {'id'})} FROM r "
        f"WHERE {runs_table}.{run_pk} = r.{run_pk} AND r.{run_pk} IN (SELECT id FROM held) "
        f"RETURNING {runs_table}.{run_pk} AS id), "
        f"done AS (UPDATE {stages_table} "
        f"SET {assignments(_done_fields(), 'd', {'id', 'run_id'})} "
        f"FROM json_to_recordset(%s::json) AS d({done_record}) "
        f"WHERE {stages_table}.{stage_pk} = d.{stage_pk} AND d.{run_id} IN (SELECT id FROM fence)), "
        f"started AS (INSERT INTO {stages_table} ({started_names}) SELECT {started_names} "
        f"FROM json_to_recordset(%s::json) AS s({started_record}) "
        f"WHERE s.{run_id} IN (SELECT id FROM fence) RETURNING {stage_pk} AS id, {run_id} AS run) "
        "SELECT fence.id, started.id FROM fence LEFT JOIN started ON started.run = fence.id"
    )
    return sql, run_fields
