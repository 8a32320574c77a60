import threading

import pytest

from vigil.orchestration.models import PeriodicJob
from vigil.orchestration.scheduler import Job, Scheduler


@pytest.mark.django_db(transaction=True)
def test_a_background_job_runs_beside_the_others_and_never_twice_at_once():
    release, started, quick = threading.Event(), threading.Event(), []

    def long_scan():
        started.set()
        release.wait(10)

    scheduler = Scheduler(
        [
            Job("long_scan", long_scan, lambda: 1, background=True),
            Job("quick", lambda: quick.append(1), lambda: 1),
        ]
    )
    assert scheduler.run_due() == ["long_scan", "quick"]
    assert started.wait(5) and quick == [1]  # quick ran while the scan goes on
    PeriodicJob.objects.update(next_run_at="2000-01-01T00:00:00Z")  # both due again
    assert scheduler.run_due() == ["quick"]  # the scan is still running: not started again
    release.set()
    scheduler.join(5)
    job = PeriodicJob.objects.get(name="long_scan")
    assert job.last_finished_at is not None and job.last_error == ""
