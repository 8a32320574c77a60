"""The bot's commands and button presses. Each runs as the linked Vigil user, checked
against the same roles as the API, and changes incidents through the same lifecycle
functions (timeline entries, channel announcements), with an audit entry of its own."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from vigil.accounts.audit import Kind, record
from vigil.alerts import lifecycle
from vigil.alerts.models import Incident, Severity
from vigil.bot import callbacks, linking, summaries
from vigil.bot.asker import NOT_LINKED, Asker
from vigil.bot.models import ChatBinding, ChatSubscription
from vigil.bot.replies import Answer, Edit, Reply, Send
from vigil.core.roles import Role
from vigil.notify.telegram_html import truncate_html
from vigil.orchestration.models import Lane

esc = summaries.esc
_DURATION = re.compile(r"(\d{1,4})([mhd])")
_UNITS = {"m": 1, "h": 60, "d": 1440}
MAX_MUTE_MINUTES = 30 * 1440


@dataclass(frozen=True)
class Command:
    run: Callable[[Asker], list[Reply]]
    role: Role | None  # None: no link needed (help, link, unlink)
    usage: str
    description: str  # what setMyCommands shows


def _say(asker: Asker, text: str, buttons=None) -> list[Reply]:
    return [Send(asker.chat_id, text, buttons or [])]


def _usage(asker: Asker, name: str) -> list[Reply]:
    return _say(asker, f"Usage: <code>{esc(COMMANDS[name].usage)}</code>")


def _incident_arg(asker: Asker, name: str) -> Incident | list[Reply]:
    if not asker.args or not asker.args[0].lstrip("#").isdigit():
        return _usage(asker, name)
    found = summaries.in_lanes(Incident.objects.all(), asker.lanes)
    incident = found.filter(pk=int(asker.args[0].lstrip("#"))).first()
    if incident is None:
        return _say(asker, f"No incident #{esc(asker.args[0].lstrip('#'))}.")
    return incident


def help_(asker: Asker) -> list[Reply]:
    lines = ["<b>Vigil bot</b>"]
    lines += [f"<code>{esc(c.usage)}</code> — {esc(c.description)}" for c in COMMANDS.values()]
    return _say(asker, "\n".join(lines))


def link(asker: Asker) -> list[Reply]:
    if not asker.private:
        return _say(asker, "Send /link to me in a private chat: a code is not for a group.")
    if len(asker.args) != 1:
        return _usage(asker, "link")
    try:
        found = linking.link(asker.args[0], asker.telegram_id, asker.telegram_username)
    except linking.LinkError as exc:
        return _say(asker, esc(exc))
    return _say(asker, f"Linked: you act as <b>{esc(found.user.username)}</b> in Vigil.")


def unlink(asker: Asker) -> list[Reply]:
    if linking.unlink(asker.telegram_id):
        return _say(asker, "Unlinked: this Telegram account no longer acts in Vigil.")
    return _say(asker, "This Telegram account was not linked.")


def incidents(asker: Asker) -> list[Reply]:
    offset = int(asker.args[0]) if asker.args and asker.args[0].isdigit() else 0
    page = summaries.incident_page(offset, asker.lanes)
    return _say(asker, page.text, page.buttons)


def incident(asker: Asker) -> list[Reply]:
    found = _incident_arg(asker, "incident")
    if not isinstance(found, Incident):
        return found
    return _say(asker, summaries.incident_detail(found), summaries.action_buttons(found))


def _change(asker: Asker, incident: Incident, action: str, note: str = "") -> Incident:
    change = lifecycle.acknowledge_incident if action == "ack" else lifecycle.resolve_incident
    with transaction.atomic():
        changed = change(incident, asker.actor, note=note)
        record(Kind.TELEGRAM_ACTION, user=asker.user, actor=f"telegram:{asker.telegram_id}",
               action="acknowledge" if action == "ack" else "resolve",
               incident_id=incident.pk, chat_id=asker.chat_id)  # fmt: skip
    return changed


def _acted(incident: Incident) -> str:
    if incident.resolved_at and incident.status != "acknowledged":
        return f"✔️ Resolved by <b>{esc(incident.resolved_by)}</b> at {summaries.when(incident.resolved_at)}"
    return (
        f"✅ Acknowledged by <b>{esc(incident.acknowledged_by)}</b> at "
        f"{summaries.when(incident.acknowledged_at)}"
    )


def ack(asker: Asker) -> list[Reply]:
    return _act(asker, "ack", "ack")


def resolve(asker: Asker) -> list[Reply]:
    return _act(asker, "res", "resolve")


def _act(asker: Asker, action: str, name: str) -> list[Reply]:
    found = _incident_arg(asker, name)
    if not isinstance(found, Incident):
        return found
    note = asker.rest.partition(" ")[2].strip() if action == "res" else ""
    try:
        changed = _change(asker, found, action, note)
    except lifecycle.IncidentStateError as exc:
        return _say(asker, esc(exc))
    return _say(asker, f"#{changed.pk} {esc(changed.title[:120])}\n{_acted(changed)}",
                summaries.action_buttons(changed))  # fmt: skip


def status(asker: Asker) -> list[Reply]:
    return _say(asker, summaries.status_text())


def report(asker: Asker) -> list[Reply]:
    return _say(asker, summaries.report_text())


def scan(asker: Asker) -> list[Reply]:
    return _say(asker, summaries.scan_text())


def _subscription(asker: Asker) -> ChatSubscription:
    return ChatSubscription.objects.get_or_create(chat_id=asker.chat_id)[0]


def _describe(sub: ChatSubscription) -> str:
    severities = ", ".join(sub.severities) or "every severity"
    lanes = ", ".join(sub.lanes) or "every lane"
    muted = ""
    if sub.muted_until and sub.muted_until > timezone.now():
        muted = f"; muted until {summaries.when(sub.muted_until)}"
    return f"This chat is sent new incidents of {esc(severities)} on {esc(lanes)}{muted}."


def subscribe(asker: Asker) -> list[Reply]:
    severities = [a.lower() for a in asker.args if a.lower() in Severity.values]
    lanes = [a for a in asker.args if a.lower() not in Severity.values and a.lower() != "all"]
    known = set(Lane.objects.filter(name__in=lanes).values_list("name", flat=True))
    unknown = [lane for lane in lanes if lane not in known]
    if unknown:
        valid = ", ".join(Lane.objects.order_by("name").values_list("name", flat=True))
        return _say(asker, f"No lane named {esc(unknown[0][:60])!r}; lanes: {esc(valid) or 'none'}. "
                    f"Usage: <code>{esc(COMMANDS['subscribe'].usage)}</code>")  # fmt: skip
    if (
        asker.binding
        and asker.binding.lanes
        and any(lane not in asker.binding.lanes for lane in lanes)
    ):
        return _say(
            asker, f"This chat is bound to the lanes {esc(', '.join(asker.binding.lanes))} only."
        )
    sub = _subscription(asker)
    sub.severities, sub.lanes, sub.muted_until = sorted(set(severities)), sorted(set(lanes)), None
    sub.save()
    return _say(asker, _describe(sub))


def mute(asker: Asker) -> list[Reply]:
    sub = ChatSubscription.objects.filter(chat_id=asker.chat_id).first()
    if sub is None:
        return _say(asker, "This chat is not subscribed; /subscribe first.")
    word = asker.args[0].lower() if asker.args else "1h"
    if word == "off":
        sub.muted_until = None
    else:
        found = _DURATION.fullmatch(word)
        minutes = int(found.group(1)) * _UNITS[found.group(2)] if found else 0
        if not 0 < minutes <= MAX_MUTE_MINUTES:
            return _usage(asker, "mute")
        sub.muted_until = timezone.now() + timedelta(minutes=minutes)
    sub.save()
    return _say(asker, _describe(sub))


def bind(asker: Asker) -> list[Reply]:
    if asker.private:
        return _say(asker, "/bind works in a group: add me there and send it there.")
    lanes = sorted(set(asker.args))
    known = set(Lane.objects.filter(name__in=lanes).values_list("name", flat=True))
    if set(lanes) - known:
        return _say(asker, f"No lane named {esc(sorted(set(lanes) - known)[0][:60])!r}.")
    ChatBinding.objects.update_or_create(
        chat_id=asker.chat_id,
        defaults={"title": asker.chat_title[:255], "lanes": lanes, "bound_by": asker.actor},
    )
    record(Kind.TELEGRAM_CHAT_BOUND, user=asker.user, actor=f"telegram:{asker.telegram_id}",
           chat_id=asker.chat_id, lanes=lanes)  # fmt: skip
    return _say(asker, f"This group now sees incidents of {esc(', '.join(lanes) or 'every lane')}.")


COMMANDS: dict[str, Command] = {
    "help": Command(help_, None, "/help", "what I can do"),
    "link": Command(link, None, "/link CODE", "link this Telegram account to your Vigil user"),
    "unlink": Command(unlink, None, "/unlink", "stop acting as your Vigil user"),
    "incidents": Command(incidents, Role.VIEWER, "/incidents", "open incidents"),
    "incident": Command(incident, Role.VIEWER, "/incident ID", "one incident, with buttons"),
    "ack": Command(ack, Role.RESPONDER, "/ack ID", "acknowledge an incident"),
    "resolve": Command(resolve, Role.RESPONDER, "/resolve ID [note]", "resolve an incident"),
    "status": Command(status, Role.VIEWER, "/status", "queue, workers, checks, channels"),
    "report": Command(report, Role.VIEWER, "/report", "today and the last 7 days"),
    "scan": Command(scan, Role.VIEWER, "/scan", "secret scanning summary"),
    "subscribe": Command(subscribe, Role.RESPONDER, "/subscribe [severity…] [lane…]",
                         "what new incidents this chat is sent"),
    "mute": Command(mute, Role.RESPONDER, "/mute [30m|2h|1d|off]", "pause this chat's incidents"),
    "bind": Command(bind, Role.ADMIN, "/bind [lane…]", "let this group use the bot (admin)"),
}  # fmt: skip
ALIASES = {"start": "help"}


def run(asker: Asker, name: str) -> list[Reply]:
    command = COMMANDS.get(ALIASES.get(name, name))
    if command is None:
        return _say(asker, f"Unknown command /{esc(name[:32])}. Send /help for the list.")
    # An unbound group may only be bound; everywhere else the sender must be linked.
    if command.run is bind:  # the one command an unbound group may use
        refusal = NOT_LINKED if asker.link is None else ""
        if not refusal and asker.role != Role.ADMIN:
            refusal = f"/bind needs the admin role; {esc(asker.actor)} is {asker.role or 'without a role'}."
    elif command.role is None and asker.private:
        refusal = ""
    else:
        refusal = asker.refusal(command.role)
    if refusal:
        return _say(asker, refusal)
    return command.run(asker)


def press(asker: Asker, query) -> list[Reply]:
    """A button: verified, checked like the command it stands for, then done once."""
    try:
        pressed = callbacks.verify(query.data or "")
    except callbacks.CallbackError as exc:
        return [Answer(query.id, str(exc), alert=True)]
    needed = Role.RESPONDER if pressed.action in ("ack", "res") else Role.VIEWER
    refusal = asker.refusal(needed)
    if refusal:
        return [Answer(query.id, re.sub(r"<[^>]+>", "", refusal), alert=True)]
    message = query.message
    if pressed.action == "page":
        page = summaries.incident_page(pressed.arg, asker.lanes)
        return [Edit(asker.chat_id, message.message_id, page.text, page.buttons), Answer(query.id)]
    found = summaries.in_lanes(Incident.objects.all(), asker.lanes).filter(pk=pressed.arg).first()
    if found is None:
        return [Answer(query.id, f"Incident #{pressed.arg} is not visible here.", alert=True)]
    if pressed.action == "inc":
        return [Send(asker.chat_id, summaries.incident_detail(found), summaries.action_buttons(found)),
                Answer(query.id)]  # fmt: skip
    try:
        changed = _change(asker, found, pressed.action)
    except lifecycle.IncidentStateError:
        # A second press (or one after someone else acted): nothing to change.
        state = found.status
        who = (
            found.acknowledged_by
            if state == "acknowledged"
            else found.resolved_by or found.closed_by
        )
        return [
            Answer(query.id, f"#{found.pk} is already {state}" + (f" (by {who})" if who else ""))
        ]
    original = message.text_html if message.text else ""
    text = truncate_html(f"{original}\n\n{_acted(changed)}" if original else _acted(changed))
    done = "Acknowledged" if pressed.action == "ack" else "Resolved"
    return [
        Edit(asker.chat_id, message.message_id, text, summaries.action_buttons(changed)),
        Answer(query.id, f"{done} #{changed.pk}"),
    ]
