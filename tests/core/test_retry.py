"""One answer to "is this failure worth retrying?", given the same way by every caller
that talks to another service: the same statuses, the same Retry-After, one backoff."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tests.support.recording_server import Reply
from vigil.checkers import hub
from vigil.checkers.checkers.base import CheckError
from vigil.core.retry import (
    MAX_RETRY_AFTER,
    RetryableError,
    backoff_seconds,
    classify_answer,
    retry_after_seconds,
)
from vigil.core.security.http import HTTPStatusError, OutboundHTTPError
from vigil.intelligence.providers.base import IntelligenceError, http_failure
from vigil.notify.drivers import NotifyError
from vigil.notify.drivers.telegram import TelegramDriver
from vigil.notify.message import Notification
from vigil.orchestration.stages import StageError, translate_error

STATUSES = [
    (301, True), (400, True), (401, True), (403, True), (404, True), (422, True),
    (408, False), (425, False), (429, False), (500, False), (502, False), (503, False),
    (0, False),
]  # fmt: skip
BOT_TOKEN = "123456789:AAHk3x9VqLw2mZpRt7sYc4nBd8fGh1jKl0Q"


@pytest.mark.parametrize("family", [NotifyError, IntelligenceError, CheckError, StageError,
                                    OutboundHTTPError])  # fmt: skip
def test_every_failure_family_is_one_error_type_with_a_permanent_flag(family):
    assert issubclass(family, RetryableError)
    assert translate_error(family("boom", permanent=True)).permanent is True
    assert translate_error(family("boom", permanent=False)).permanent is False


@pytest.mark.parametrize(("status", "permanent"), STATUSES)
def test_the_security_client_and_the_providers_classify_a_status_alike(status, permanent):
    assert classify_answer(status).permanent is permanent
    assert HTTPStatusError("x", status).permanent is permanent
    assert http_failure("an API", status).permanent is permanent


@pytest.mark.parametrize(("status", "permanent"), [(s, p) for s, p in STATUSES if s >= 400])
def test_the_hub_push_classifies_a_status_alike(recording_server, status, permanent):
    recording_server.reply(Reply(status=status, body="no", headers={"Retry-After": "7"}))
    with pytest.raises(CheckError) as caught:
        hub.push({"results": []}, hub_url=recording_server.url, api_key="k")
    assert (caught.value.permanent, caught.value.retry_after) == (permanent, 7.0)


@pytest.mark.parametrize(("status", "permanent"), [(s, p) for s, p in STATUSES if s >= 400])
def test_telegram_classifies_a_status_alike_with_or_without_json(
    recording_server, status, permanent
):
    driver = TelegramDriver.from_config(
        {"bot_token": BOT_TOKEN, "chat_id": "1", "api_base_url": recording_server.url}
    )
    answer = {"ok": False, "error_code": status, "description": "no",
              "parameters": {"retry_after": 3}}  # fmt: skip
    for body in (answer, "<html>gateway</html>"):
        recording_server.reply(Reply(status=status, body=body, headers={"Retry-After": "3"}))
        with pytest.raises(NotifyError) as caught:
            driver.send(Notification(title="t", text="x"))
        assert (caught.value.permanent, caught.value.retry_after) == (permanent, 3.0), body


def test_retry_after_reads_seconds_dates_and_numbers_within_bounds():
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    assert 110 <= retry_after_seconds(later) <= 120
    assert retry_after_seconds(" 30 ") == 30.0
    assert retry_after_seconds(1.5) == 1.5
    assert retry_after_seconds("-5") == 0.0
    assert retry_after_seconds("99999999") == MAX_RETRY_AFTER
    for unreadable in (None, "", "soon", "nan", True):
        assert retry_after_seconds(unreadable) is None
    assert classify_answer(503, {"Retry-After": "12"}).retry_after == 12.0


def test_backoff_doubles_with_jitter_under_a_ceiling_and_honours_retry_after():
    for attempt, (low, high) in {1: (5, 10), 2: (10, 20), 3: (20, 40), 9: (50, 100)}.items():
        samples = {backoff_seconds(attempt, base=10, ceiling=100) for _ in range(50)}
        assert all(low <= s <= high for s in samples), attempt
        assert len(samples) > 1
    assert backoff_seconds(1, base=10, ceiling=100, retry_after=500) == 500


def test_a_stage_failure_with_retry_after_asks_the_orchestrator_to_wait_that_long():
    before = datetime.now(UTC)
    error = translate_error(IntelligenceError("busy", retry_after=90))
    assert not error.permanent
    assert timedelta(seconds=89) <= error.retry_at - before <= timedelta(seconds=91)
