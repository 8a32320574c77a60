"""One-time link codes: the console route, `vigil bot_link`, /link and /unlink."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from vigil.accounts.models import AuditEvent
from vigil.bot import linking
from vigil.bot.models import LinkCode, TelegramLink


def last_text(fake) -> str:
    return fake.of("sendMessage")[-1].params["text"]


def test_console_route_creates_a_code_that_links(client, sign_in, fake_telegram, talk):
    headers = sign_in("viewer", "vera")
    response = client.post("/api/bot/link-code/", **headers)
    assert response.status_code == 201
    code = response.json()["code"]
    assert len(code) == 8 and response.json()["instructions"].startswith(f"Send /link {code}")
    # Stored hashed only.
    assert not LinkCode.objects.filter(digest=code).exists()
    talk(fake_telegram.message(f"/link {code.lower()}", user_id=555))
    assert last_text(fake_telegram) == "Linked: you act as <b>vera</b> in Vigil."
    assert TelegramLink.objects.get(telegram_user_id=555).user.username == "vera"
    assert client.get("/api/bot/link/", **headers).json()["linked"] is True
    assert AuditEvent.objects.filter(event="telegram_linked", username="vera").count() == 1


def test_api_key_gets_no_code(client, auth_headers):
    response = client.post("/api/bot/link-code/", **auth_headers)
    assert response.status_code == 400
    assert response.json()["error"] == "a link code is for a signed-in user, not an API key"


def test_code_is_single_use(fake_telegram, talk, make_user):
    code = linking.issue_code(make_user("vera")).code
    talk(fake_telegram.message(f"/link {code}", user_id=1))
    talk(fake_telegram.message(f"/link {code}", user_id=2))
    assert (
        last_text(fake_telegram)
        == "that code is unknown, used or expired; create a new one in Vigil"
    )
    assert list(TelegramLink.objects.values_list("telegram_user_id", flat=True)) == [1]


def test_expired_code_does_not_link(fake_telegram, talk, make_user):
    code = linking.issue_code(make_user("vera")).code
    LinkCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    talk(fake_telegram.message(f"/link {code}"))
    assert "expired" in last_text(fake_telegram)
    assert not TelegramLink.objects.exists()


def test_link_in_a_group_is_refused(fake_telegram, talk, make_user, bound_group):
    bound_group(-100)
    code = linking.issue_code(make_user("vera")).code
    talk(fake_telegram.message(f"/link {code}", chat_id=-100, chat_type="group"))
    assert "private chat" in last_text(fake_telegram)
    assert not TelegramLink.objects.exists()


def test_unlink(fake_telegram, talk, linked):
    linked()
    talk(fake_telegram.message("/unlink"))
    assert last_text(fake_telegram) == "Unlinked: this Telegram account no longer acts in Vigil."
    assert not TelegramLink.objects.exists()
    talk(fake_telegram.message("/incidents"))
    assert last_text(fake_telegram).startswith("You are not linked")


def test_bot_link_command(make_user):
    make_user("vera")
    out = StringIO()
    call_command("bot_link", "vera", stdout=out)
    code = out.getvalue().split()[0]
    linking.link(code, 9)
    assert TelegramLink.objects.get(telegram_user_id=9).user.username == "vera"


def test_bot_link_unknown_user_exits_2(db):
    with pytest.raises(CommandError, match="no active user named 'ghost'") as caught:
        call_command("bot_link", "ghost")
    assert caught.value.returncode == 2
