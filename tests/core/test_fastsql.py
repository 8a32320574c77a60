import json

import pytest
from django.db import DatabaseError, connection
from django.db.models.signals import post_save
from django.forms.models import model_to_dict

from vigil.core import fastsql
from vigil.notify.models import Delivery
from vigil.orchestration.models import StageExecution

pytestmark = pytest.mark.django_db

SECRET = "https://hooks.example.test/very-secret-path"


def _delivery(key: str) -> Delivery:
    return Delivery(
        idempotency_key=key, driver="webhook", channel_name="(webhook)",
        config={"url": SECRET}, message={"title": "disk full", "n": [1, 2]},
    )  # fmt: skip


def _stored(pk: int) -> dict:
    row = model_to_dict(Delivery.objects.get(pk=pk))
    return {k: v for k, v in row.items() if k not in ("id", "idempotency_key")}


def test_insert_stores_what_save_stores_encrypted_fields_encrypted():
    fast, orm = _delivery("fast"), _delivery("orm")
    fastsql.insert(fast)
    orm.save()

    assert fast.pk and not fast._state.adding
    assert _stored(fast.pk) == _stored(orm.pk)
    assert Delivery.objects.get(pk=fast.pk).config == {"url": SECRET}
    with connection.cursor() as cursor:
        cursor.execute("SELECT config FROM notify_delivery WHERE id = %s", [fast.pk])
        assert SECRET not in str(cursor.fetchone()[0])  # stored encrypted, not in clear


def test_update_writes_only_the_named_fields_and_fails_on_a_missing_row():
    delivery = _delivery("one")
    fastsql.insert(delivery)
    delivery.status, delivery.last_error = "sent", "not written"

    fastsql.update(delivery, ["status"])

    row = Delivery.objects.get(pk=delivery.pk)
    assert (row.status, row.last_error) == ("sent", "")
    Delivery.objects.filter(pk=delivery.pk).delete()
    with pytest.raises(DatabaseError, match="did not affect any rows"):
        fastsql.update(delivery, ["status"])


def test_a_model_with_save_receivers_still_goes_through_save():
    seen = []

    def receiver(sender, instance, created, **kwargs):
        seen.append((instance.idempotency_key, created))

    post_save.connect(receiver, sender=Delivery)
    try:
        fastsql.insert(_delivery("signalled"))
    finally:
        post_save.disconnect(receiver, sender=Delivery)
    assert seen == [("signalled", True)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_insert_without_synchronous_commit_commits_and_leaves_the_session_durable():
    delivery = _delivery("later")
    fastsql.insert(delivery, synchronous_commit=False)

    assert Delivery.objects.get(pk=delivery.pk).config == {"url": SECRET}
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # SET LOCAL ended with the insert's transaction


def test_select_in_reads_what_the_orm_reads_in_the_same_order():
    for key in ("a", "b", "c"):
        fastsql.insert(_delivery(key))
    keys = ["c", "a", "missing"]

    fast = fastsql.select_in(Delivery, "idempotency_key", keys, order_by=("-created_at", "id"))
    orm = Delivery.objects.filter(idempotency_key__in=keys).order_by("-created_at", "id")

    assert [model_to_dict(d) for d in fast] == [model_to_dict(d) for d in orm]
    assert fast[0].config == {"url": SECRET}  # decrypted by the field's own converter
    assert not fast[0]._state.adding and fastsql.select_in(Delivery, "id", []) == []


def test_a_model_with_a_field_whose_stored_value_differs_is_refused_as_a_recordset():
    # Delivery.config is encrypted at rest: written raw it would be stored in clear.
    with pytest.raises(TypeError, match="Delivery cannot be written as a recordset: config"):
        fastsql.record_columns(Delivery)


def test_recordset_rows_carry_each_field_under_its_column():
    cols = fastsql.pick(StageExecution, ["id", "run_id", "status", "output_snapshot"])
    execution = StageExecution(pk=7, run_id=3, status="succeeded", output_snapshot={"n": 2**70})

    row = fastsql.record(cols, execution, add=False)

    assert row == {"id": 7, "run_id": 3, "status": "succeeded", "output_snapshot": {"n": 2**70}}
    # orjson refuses integers beyond 64 bits: json writes them instead.
    assert json.loads(fastsql.records([row])) == [row]
