import threading
import time

import pytest

from vigil.core.measurements import SharedMeasurements


def test_runs_asking_during_a_measurement_wait_for_it_instead_of_measuring():
    shared = SharedMeasurements("test")
    calls = []

    def measure():
        calls.append(threading.current_thread().name)
        time.sleep(0.05)
        return {"load": 1.5}

    answers = []
    threads = [
        threading.Thread(target=lambda: answers.append(shared.get("machine", 60, measure)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(calls) == 1
    assert sorted(answer.reused for answer in answers) == [False, True, True, True]
    assert {answer.measured_at for answer in answers} == {answers[0].measured_at}


def test_a_failed_measurement_is_not_kept():
    shared = SharedMeasurements("test")

    def broken():
        raise OSError("proc not mounted")

    with pytest.raises(OSError):
        shared.get("machine", 60, broken)

    assert shared.get("machine", 60, lambda: 3).value == 3


def test_different_keys_are_measured_apart():
    shared = SharedMeasurements("test")

    assert shared.get(("disk", "/var"), 60, lambda: "var").value == "var"
    assert shared.get(("disk", "/srv"), 60, lambda: "srv").value == "srv"
    assert shared.get(("disk", "/var"), 60, lambda: "again").reused is True
