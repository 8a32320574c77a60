"""A run's next step, written in one transaction fenced on the claim.

A step is: the run's own fields (the next stage's start, or the run's end), the results
of stages that finished since the last step, and the new stage execution, if any. If the
worker no longer holds the run (status processing, claimed_by this owner), nothing is
written and LeaseLost is raised.

On PostgreSQL the step is one statement (data-modifying CTEs: the stage writes happen
only if the fencing UPDATE matched), one round trip instead of five. Elsewhere it is the
same writes through the ORM in one transaction.
"""

import functools

from django.db import connection, transaction
from django.utils import timezone

from vigil.orchestration.models import PipelineRun, RunStatus, StageExecution
from vigil.orchestration.queue import LeaseLost, update_claimed

# What a finished stage writes; its input snapshot was stored when it started.
COMPLETED_FIELDS = ["status", "reason", "output_snapshot", "has_errors", "finished_at"]


def write_step(
    run: PipelineRun,
    owner: str,
    run_fields: dict,
    completed: list[StageExecution],
    started: StageExecution | None = None,
) -> None:
    run_fields = {**run_fields, "updated_at": timezone.now()}
    if started is not None and started.started_at is None:
        started.started_at = run_fields["updated_at"]
    if connection.vendor == "postgresql":
        _write_one_statement(run, owner, run_fields, completed, started)
    else:
        with transaction.atomic():
            update_claimed(run, owner, **run_fields)
            for execution in completed:
                execution.save(update_fields=COMPLETED_FIELDS)
            if started is not None:
                started.save(force_insert=True)
    completed.clear()


@functools.cache
def _placeholder(model, name: str):
    # Cast: inside INSERT … SELECT a bare literal has no type for PostgreSQL to infer.
    field = model._meta.get_field(name)
    return field, f"CAST(%s AS {field.cast_db_type(connection)})"


def _write_one_statement(run, owner, run_fields, completed, started) -> None:
    # Only table and column names from the models are formatted in; every value is a
    # bound parameter, adapted by its model field as the ORM would.
    quote = connection.ops.quote_name
    runs, stages = PipelineRun._meta, StageExecution._meta
    params: list = []

    def value(meta, name, raw):
        field, placeholder = _placeholder(meta.model, name)
        params.append(field.get_db_prep_save(raw, connection))
        return placeholder

    sets = ", ".join(
        f"{quote(runs.get_field(n).column)} = {value(runs, n, v)}" for n, v in run_fields.items()
    )
    ctes = [
        f"fence AS (UPDATE {quote(runs.db_table)} SET {sets} "  # noqa: S608
        f"WHERE id = {value(runs, 'id', run.pk)} AND claimed_by = {value(runs, 'claimed_by', owner)} "
        f"AND status = {value(runs, 'status', RunStatus.PROCESSING.value)} RETURNING id)"
    ]
    for index, execution in enumerate(completed):
        fields = ", ".join(
            f"{quote(stages.get_field(n).column)} = {value(stages, n, getattr(execution, n))}"
            for n in COMPLETED_FIELDS
        )
        ctes.append(
            f"done{index} AS (UPDATE {quote(stages.db_table)} SET {fields} "  # noqa: S608
            f"WHERE id = {value(stages, 'id', execution.pk)} AND EXISTS (SELECT 1 FROM fence))"
        )
    inserted = "NULL"
    if started is not None:
        names = [f.attname for f in stages.concrete_fields if not f.primary_key]
        columns = ", ".join(quote(stages.get_field(n).column) for n in names)
        values = ", ".join(value(stages, n, getattr(started, n)) for n in names)
        ctes.append(
            f"started AS (INSERT INTO {quote(stages.db_table)} ({columns}) "  # noqa: S608
            f"SELECT {values} FROM fence RETURNING id)"
        )
        inserted = "(SELECT id FROM started)"
    sql = f"WITH {', '.join(ctes)} SELECT (SELECT id FROM fence), {inserted}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fenced, started_pk = cursor.fetchone()
    if fenced is None:
        raise LeaseLost(f"run {run.run_id} is no longer held by {owner}")
    for name, item in run_fields.items():
        setattr(run, name, item)
    if started is not None:
        started.pk = started_pk
        started._state.adding, started._state.db = False, connection.alias
