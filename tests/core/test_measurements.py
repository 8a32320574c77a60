import threading
import time

import pytest

from vigil.core.config_cache import ManualClock
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


def test_while_an_expired_answer_is_measured_again_the_others_get_it_without_waiting():
    clock = ManualClock()
    shared = SharedMeasurements("test", clock=clock)
    shared.get("machine", 0.5, lambda: "before")
    clock.advance(0.6)  # expired, less than a time to live ago
    measuring, release = threading.Event(), threading.Event()

    def slow():
        measuring.set()
        release.wait(10)
        return "after"

    refreshed = []
    refresher = threading.Thread(target=lambda: refreshed.append(shared.get("machine", 0.5, slow)))
    refresher.start()
    assert measuring.wait(5)

    def must_not_measure():
        raise AssertionError("measured twice at once")

    asked = time.monotonic()
    meanwhile = shared.get("machine", 0.5, must_not_measure)
    assert time.monotonic() - asked < 1  # did not wait for the slow measurement
    assert (meanwhile.value, meanwhile.reused) == ("before", True)
    assert meanwhile.age_seconds >= 0.5  # its true age, past the time to live

    release.set()
    refresher.join(5)
    assert (refreshed[0].value, refreshed[0].reused) == ("after", False)
    assert shared.get("machine", 60, must_not_measure).value == "after"


def test_an_answer_from_before_a_quiet_spell_is_waited_past_not_handed_out():
    clock = ManualClock()
    shared = SharedMeasurements("test", clock=clock)
    shared.get("machine", 0.2, lambda: "long ago")
    clock.advance(0.45)  # more than twice the time to live: nobody asked in between
    measuring, release = threading.Event(), threading.Event()

    def slow():
        measuring.set()
        release.wait(10)
        return "now"

    threading.Thread(target=lambda: shared.get("machine", 0.2, slow)).start()
    assert measuring.wait(5)
    threading.Timer(0.02, release.set).start()

    answer = shared.get("machine", 0.2, lambda: "measured twice")
    assert (answer.value, answer.reused) == ("now", True)


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
