"""Each command, as the real python-telegram-bot sends its answer to the fake Bot API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from vigil.accounts.models import AuditEvent
from vigil.alerts.models import AlertHistory, Incident
from vigil.bot.asker import NOT_BOUND, NOT_LINKED
from vigil.bot.models import ChatBinding, ChatSubscription
from vigil.orchestration.models import Lane, PipelineRun


def sent(fake) -> list[dict]:
    return [call.params for call in fake.of("sendMessage")]


def only_text(fake) -> str:
    (message,) = sent(fake)
    return message["text"]


def test_help_lists_every_command_even_unlinked(fake_telegram, talk):
    talk(fake_telegram.message("/help"))
    text = only_text(fake_telegram)
    for name in ("/incidents", "/incident ID", "/ack ID", "/resolve ID [note]", "/status",
                 "/report", "/scan", "/subscribe", "/mute", "/link CODE", "/unlink"):  # fmt: skip
        assert name in text
    assert sent(fake_telegram)[0]["parse_mode"] == "HTML"


def test_unknown_command_gets_a_short_usage_line(fake_telegram, talk, linked):
    linked()
    talk(fake_telegram.message("/frobnicate 3"))
    assert only_text(fake_telegram) == "Unknown command /frobnicate. Send /help for the list."


@pytest.mark.parametrize("text", ["/ack", "/ack abc", "/incident", "/resolve x note"])
def test_bad_arguments_get_the_usage(fake_telegram, talk, linked, text):
    linked()
    talk(fake_telegram.message(text))
    assert only_text(fake_telegram).startswith("Usage: <code>/")


def test_unlinked_user_gets_one_refusal_and_nothing_changes(fake_telegram, talk, incident):
    one = incident()
    talk(fake_telegram.message(f"/ack {one.pk}", user_id=7))
    assert only_text(fake_telegram) == NOT_LINKED
    one.refresh_from_db()
    assert one.status == "open"


def test_unbound_group_gets_one_refusal(fake_telegram, talk, linked, incident):
    linked()
    one = incident()
    talk(fake_telegram.message(f"/ack {one.pk}", chat_id=-100999, chat_type="supergroup"))
    assert only_text(fake_telegram) == NOT_BOUND
    assert Incident.objects.get(pk=one.pk).status == "open"


def test_bound_group_acts(fake_telegram, talk, linked, incident, bound_group):
    linked()
    bound_group(-100999)
    one = incident()
    talk(fake_telegram.message(f"/ack {one.pk}", chat_id=-100999, chat_type="supergroup"))
    assert Incident.objects.get(pk=one.pk).status == "acknowledged"
    assert sent(fake_telegram)[0]["chat_id"] == -100999


def test_command_for_another_bot_in_a_group_is_ignored(fake_telegram, talk, bound_group):
    bound_group(-100999)
    replies = talk(fake_telegram.message("/help@other_bot", chat_id=-100999, chat_type="group"))
    assert replies == [] and sent(fake_telegram) == []


def test_incidents_pages_with_buttons(fake_telegram, talk, linked, incident):
    linked("vera", "viewer")
    made = [incident(f"incident {n}") for n in range(7)]
    incident("done", status="resolved")
    talk(fake_telegram.message("/incidents"))
    (first,) = sent(fake_telegram)
    assert first["text"].startswith("<b>Open incidents</b> 1–5 of 7")
    rows = first["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"].split()[0] for row in rows[:5]] == [f"#{i.pk}" for i in made[::-1][:5]]
    (older,) = rows[5]
    assert older["text"] == "Older ›"
    talk(fake_telegram.press(older["callback_data"], message_id=501))
    (edit,) = [call.params for call in fake_telegram.of("editMessageText")]
    assert edit["message_id"] == 501 and edit["chat_id"] == 42
    assert edit["text"].startswith("<b>Open incidents</b> 6–7 of 7")
    assert [b["text"] for b in edit["reply_markup"]["inline_keyboard"][-1]] == ["‹ Newer"]
    assert fake_telegram.of("answerCallbackQuery")


def test_incident_shows_summary_and_action_buttons(fake_telegram, talk, linked, incident):
    linked("vera", "viewer")
    one = incident()
    talk(fake_telegram.message(f"/incident {one.pk}"))
    (message,) = sent(fake_telegram)
    assert f"<b>#{one.pk}</b> Disk full on db-1 · open" in message["text"]
    labels = [b["text"] for b in message["reply_markup"]["inline_keyboard"][0]]
    assert labels == ["✅ Acknowledge", "✔️ Resolve"]


def test_incident_unknown_id(fake_telegram, talk, linked):
    linked()
    talk(fake_telegram.message("/incident 999"))
    assert only_text(fake_telegram) == "No incident #999."


def test_viewer_may_not_acknowledge(fake_telegram, talk, linked, incident):
    linked("vera", "viewer")
    one = incident()
    talk(fake_telegram.message(f"/ack {one.pk}"))
    assert only_text(fake_telegram) == "This needs the responder role; vera is viewer."
    assert Incident.objects.get(pk=one.pk).status == "open"
    assert not AlertHistory.objects.filter(incident=one).exists()


def test_viewer_may_not_resolve(fake_telegram, talk, linked, incident):
    linked("vera", "viewer")
    one = incident()
    talk(fake_telegram.message(f"/resolve {one.pk} fixed"))
    assert "needs the responder role" in only_text(fake_telegram)
    assert Incident.objects.get(pk=one.pk).status == "open"


def test_user_without_role_is_refused(fake_telegram, talk, linked):
    linked("nobody", None)
    talk(fake_telegram.message("/incidents"))
    assert "no role yet" in only_text(fake_telegram)


def test_responder_acknowledges_like_the_api(fake_telegram, talk, linked, incident):
    user = linked()
    one = incident()
    talk(fake_telegram.message(f"/ack {one.pk}"))
    one.refresh_from_db()
    assert (one.status, one.acknowledged_by) == ("acknowledged", "alice")
    entry = AlertHistory.objects.get(incident=one, event="incident_acknowledged")
    assert entry.by == "alice"
    # The same lifecycle as the API: a run tells the incident's channels.
    assert PipelineRun.objects.filter(incident=one, origin="action").count() == 1
    audit = AuditEvent.objects.get(event="telegram_action")
    assert audit.user == user and audit.detail["incident_id"] == one.pk
    assert audit.detail["action"] == "acknowledge" and audit.actor == "telegram:42"
    assert "✅ Acknowledged by <b>alice</b>" in only_text(fake_telegram)


def test_ack_twice_says_why(fake_telegram, talk, linked, incident):
    linked()
    one = incident(status="acknowledged")
    talk(fake_telegram.message(f"/ack {one.pk}"))
    assert "only an open incident can be acknowledged" in only_text(fake_telegram)


def test_admin_resolves_with_a_note(fake_telegram, talk, linked, incident):
    linked("root", "admin")
    one = incident()
    talk(fake_telegram.message(f"/resolve {one.pk} restarted the disk cleaner"))
    one.refresh_from_db()
    assert (one.status, one.resolved_by) == ("resolved", "root")
    assert one.resolution_note == "restarted the disk cleaner"
    assert "✔️ Resolved by <b>root</b>" in only_text(fake_telegram)


def test_status(fake_telegram, talk, linked):
    linked("vera", "viewer")
    talk(fake_telegram.message("/status"))
    text = only_text(fake_telegram)
    assert text.startswith("<b>Vigil status</b>\nQueue: 0 waiting (0 due), 0 processing")
    assert "Last health check: none yet" in text and "Channels in error: none" in text


def test_report_counts_mtta_and_mttr(fake_telegram, talk, linked, incident):
    linked("vera", "viewer")
    now = timezone.now()
    one = incident()
    Incident.objects.filter(pk=one.pk).update(
        opened_at=now - timedelta(minutes=30), acknowledged_at=now - timedelta(minutes=20),
        resolved_at=now - timedelta(minutes=10), status="resolved",
    )  # fmt: skip
    talk(fake_telegram.message("/report"))
    text = only_text(fake_telegram)
    assert "opened 1 (critical 1), acknowledged 1, resolved 1; MTTA 10 min, MTTR 20 min" in text
    assert "<b>Last 7 days:</b> opened 1" in text


def test_scan(fake_telegram, talk, linked):
    linked("vera", "viewer")
    talk(fake_telegram.message("/scan"))
    assert only_text(fake_telegram) == (
        "<b>Secret scanning</b>\nRepositories: 0 (0 with errors)\nOpen findings: 0 (none)\n"
        "Last scan: never"
    )


def test_subscribe_and_mute(fake_telegram, talk, linked):
    linked()
    Lane.objects.create(name="db", stages=["notify"], channels=[])
    talk(fake_telegram.message("/subscribe critical db"))
    sub = ChatSubscription.objects.get(chat_id=42)
    assert (sub.severities, sub.lanes, sub.muted_until) == (["critical"], ["db"], None)
    talk(fake_telegram.message("/mute 2h"))
    sub.refresh_from_db()
    assert timedelta(minutes=119) < sub.muted_until - timezone.now() <= timedelta(hours=2)
    talk(fake_telegram.message("/mute off"))
    sub.refresh_from_db()
    assert sub.muted_until is None
    talk(fake_telegram.message("/mute forever"))
    assert sent(fake_telegram)[-1]["text"].startswith("Usage: <code>/mute")


def test_subscribe_unknown_lane(fake_telegram, talk, linked):
    linked()
    talk(fake_telegram.message("/subscribe nolane"))
    assert only_text(fake_telegram).startswith("No lane named 'nolane'")
    assert not ChatSubscription.objects.exists()


def test_viewer_may_not_subscribe(fake_telegram, talk, linked):
    linked("vera", "viewer")
    talk(fake_telegram.message("/subscribe"))
    assert "needs the responder role" in only_text(fake_telegram)


def test_admin_binds_a_group(fake_telegram, talk, linked):
    linked("root", "admin")
    talk(fake_telegram.message("/bind", chat_id=-100777, chat_type="supergroup", title="SRE"))
    binding = ChatBinding.objects.get(chat_id=-100777)
    assert (binding.title, binding.lanes, binding.bound_by) == ("SRE", [], "root")
    assert AuditEvent.objects.filter(event="telegram_chat_bound").count() == 1


def test_responder_may_not_bind(fake_telegram, talk, linked):
    linked()
    talk(fake_telegram.message("/bind", chat_id=-100777, chat_type="supergroup"))
    assert only_text(fake_telegram) == "/bind needs the admin role; alice is responder."
    assert not ChatBinding.objects.exists()


def test_group_bound_to_a_lane_sees_only_its_incidents(
    fake_telegram, talk, linked, incident, bound_group
):
    linked()
    bound_group(-100555, lanes=["db"])
    mine, other = incident("db one"), incident("web one")
    PipelineRun.objects.create(incident=mine, origin="alert", definition_name="db")
    PipelineRun.objects.create(incident=other, origin="alert", definition_name="web")
    talk(fake_telegram.message("/incidents", chat_id=-100555, chat_type="group"))
    text = only_text(fake_telegram)
    assert "db one" in text and "web one" not in text
    talk(fake_telegram.message(f"/ack {other.pk}", chat_id=-100555, chat_type="group"))
    assert sent(fake_telegram)[-1]["text"] == f"No incident #{other.pk}."
    assert Incident.objects.get(pk=other.pk).status == "open"
