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


def _write_one_statement(run, owner, run_fields, completed, started) -> None:
    sql, spec = _step_sql(tuple(run_fields), len(completed), started is not None)
    fence = {"id": run.pk, "claimed_by": owner, "status": RunStatus.PROCESSING.value}

    def value(source, name):
        if source == "set":
            return run_fields[name]
        if source == "fence":
            return fence[name]
        return getattr(started if source == "started" else completed[source], name)

    params = [
        field.get_db_prep_save(value(source, name), connection) for field, source, name in spec
    ]
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


@functools.cache
def _inserted_names() -> list[str]:
    return [f.attname for f in StageExecution._meta.concrete_fields if not f.primary_key]


@functools.lru_cache(maxsize=64)
def _step_sql(run_names: tuple[str, ...], completed: int, starts: bool):
    """The statement for one shape of step, and for each parameter in order its model
    field and where its value comes from ("set": the run's new fields, "fence": the
    claim, "started", or the index of a completed stage). Built once per shape (a handful per lane): only table and column names from
    the models are formatted in; every value is a bound parameter, adapted by its model
    field as the ORM would."""
    quote = connection.ops.quote_name
    runs, stages = PipelineRun._meta, StageExecution._meta
    spec: list = []

    def param(meta, name, source):
        field = meta.get_field(name)
        spec.append((field, source, name))
        # Cast: inside INSERT … SELECT a bare literal has no type for PostgreSQL to infer.
        return f"CAST(%s AS {field.cast_db_type(connection)})"

    sets = ", ".join(
        f"{quote(runs.get_field(n).column)} = {param(runs, n, 'set')}" for n in run_names
    )
    ctes = [
        f"fence AS (UPDATE {quote(runs.db_table)} SET {sets} "  # noqa: S608
        f"WHERE id = {param(runs, 'id', 'fence')} "
        f"AND claimed_by = {param(runs, 'claimed_by', 'fence')} "
        f"AND status = {param(runs, 'status', 'fence')} RETURNING id)"
    ]
    for index in range(completed):
        fields = ", ".join(
            f"{quote(stages.get_field(n).column)} = {param(stages, n, index)}"
            for n in COMPLETED_FIELDS
        )
        ctes.append(
            f"done{index} AS (UPDATE {quote(stages.db_table)} SET {fields} "  # noqa: S608
            f"WHERE id = {param(stages, 'id', index)} AND EXISTS (SELECT 1 FROM fence))"
        )
    inserted = "NULL"
    if starts:
        names = _inserted_names()
        column_list = ", ".join(quote(stages.get_field(n).column) for n in names)
        values = ", ".join(param(stages, n, "started") for n in names)
        ctes.append(
            f"started AS (INSERT INTO {quote(stages.db_table)} ({column_list}) "  # noqa: S608
            f"SELECT {values} FROM fence RETURNING id)"
        )
        inserted = "(SELECT id FROM started)"
    sql = f"WITH {', '.join(ctes)} SELECT (SELECT id FROM fence), {inserted}"  # noqa: S608
    return sql, tuple(spec)
