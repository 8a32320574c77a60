import json

import pytest

from vigil.core import recordset
from vigil.notify.models import Delivery
from vigil.orchestration.models import StageExecution


def test_a_model_with_a_field_whose_stored_value_differs_is_refused():
    # Delivery.config is encrypted at rest: written raw it would be stored in clear.
    with pytest.raises(TypeError, match="Delivery cannot be written as a recordset: config"):
        recordset.record_fields(Delivery)


def test_rows_carry_each_field_under_its_column():
    fields = recordset.pick(StageExecution, ["id", "run_id", "status", "output_snapshot"])
    execution = StageExecution(pk=7, run_id=3, status="succeeded", output_snapshot={"n": 2**70})

    row = recordset.record(fields, execution, add=False)

    assert row == {"id": 7, "run_id": 3, "status": "succeeded", "output_snapshot": {"n": 2**70}}
    # orjson refuses integers beyond 64 bits: json writes them instead.
    assert json.loads(recordset.records([row])) == [row]
