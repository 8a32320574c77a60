"""A real `vigil bot` process, killed with SIGKILL at the two worst moments."""

import signal
import time

import psycopg
import pytest
from django.db import connection

from tests.orchestration.procs import database_url, process_env, start
from tests.support.fake_telegram import TOKEN
from vigil.alerts.models import AlertHistory, Incident
from vigil.bot.models import ProcessedUpdate

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def bot_process(fake, tmp_path, name: str):
    env = process_env(
        TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.url, SSRF_ALLOWED_HOSTS="127.0.0.1"
    )
    return start(["-m", "vigil.cli", "bot"], env, tmp_path / f"{name}.log")


def kill_9(process) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(10)


def wait_until(check, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def acknowledgements(incident) -> int:
    return AlertHistory.objects.filter(incident=incident, event="incident_acknowledged").count()


def test_kill_between_fetching_and_handling_loses_nothing(
    fake_telegram, linked, incident, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (a subprocess shares the test database)")
    linked()
    one = incident()
    update = fake_telegram.message(f"/ack {one.pk}")
    with psycopg.connect(database_url(), autocommit=False) as locker:
        # The handling's first write waits on this lock: the bot has fetched the update
        # and is inside its handling when it is killed.
        locker.execute("LOCK TABLE bot_processedupdate IN ACCESS EXCLUSIVE MODE")
        first = bot_process(fake_telegram, tmp_path, "first")
        fake_telegram.wait_for("getUpdates", timeout=30)
        wait_until(lambda: locker.execute(
            "SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0] > 0)  # fmt: skip
        kill_9(first)
        locker.rollback()
    assert Incident.objects.get(pk=one.pk).status == "open"
    assert fake_telegram.pending() == [update]  # never confirmed to Telegram
    second = bot_process(fake_telegram, tmp_path, "second")
    try:
        (reply,) = fake_telegram.wait_for("sendMessage", timeout=30)
        assert "Acknowledged by <b>alice</b>" in reply.params["text"]
        assert acknowledgements(one) == 1
    finally:
        kill_9(second)


def test_kill_after_handling_before_confirming_does_not_replay(
    fake_telegram, linked, incident, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (a subprocess shares the test database)")
    linked()
    one = incident()
    update = fake_telegram.message(f"/ack {one.pk}")
    # The second long poll, which would confirm the update, hangs: killed in between.
    fake_telegram.hold_next("getUpdates", 0)
    fake_telegram.hold_next("getUpdates", 60)
    first = bot_process(fake_telegram, tmp_path, "first")
    fake_telegram.wait_for("sendMessage", timeout=30)
    fake_telegram.wait_for("getUpdates", 2)
    kill_9(first)
    assert ProcessedUpdate.objects.filter(update_id=update["update_id"]).exists()
    assert fake_telegram.pending() == [update]
    second = bot_process(fake_telegram, tmp_path, "second")
    try:
        wait_until(lambda: fake_telegram.pending() == [])  # fetched again, then confirmed
        assert acknowledgements(one) == 1
        assert len(fake_telegram.of("sendMessage")) == 1  # not answered twice either
    finally:
        kill_9(second)
