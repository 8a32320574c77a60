"""New incidents sent to the chats that /subscribe'd, each at most once per chat.

The row in PushedIncident is written before the message goes out: a process that dies
in between loses that one message rather than sending it twice.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from vigil.alerts.models import Incident, IncidentStatus
from vigil.bot import summaries
from vigil.bot.models import ChatBinding, ChatSubscription, PushedIncident
from vigil.bot.replies import Send

PUSH_SECONDS = 5.0
# Incidents older than this when the bot first sees them are not announced (a bot
# started after a week off does not flood its chats).
LOOKBACK = timedelta(hours=1)
MAX_PER_ROUND = 20


def due(now=None) -> dict[int, list[Send]]:
    now = now or timezone.now()
    subscriptions = ChatSubscription.objects.filter(
        Q(muted_until__isnull=True) | Q(muted_until__lte=now)
    )
    bindings = {
        b.chat_id: b
        for b in ChatBinding.objects.filter(chat_id__in=[s.chat_id for s in subscriptions])
    }
    out: dict[int, list[Send]] = {}
    for sub in subscriptions:
        if sub.chat_id < 0 and sub.chat_id not in bindings:
            continue  # a group unbound since it subscribed
        found = Incident.objects.filter(status=IncidentStatus.OPEN, opened_at__gte=now - LOOKBACK)
        if sub.severities:
            found = found.filter(severity__in=sub.severities)
        binding = bindings.get(sub.chat_id)
        found = summaries.in_lanes(found, sub.lanes or (binding.lanes if binding else []))
        sent = PushedIncident.objects.filter(chat_id=sub.chat_id).values("incident_id")
        for incident in found.exclude(pk__in=sent).order_by("opened_at")[:MAX_PER_ROUND]:
            try:
                with transaction.atomic():
                    PushedIncident.objects.create(chat_id=sub.chat_id, incident_id=incident.pk)
            except IntegrityError:
                continue  # another bot process took it
            out.setdefault(sub.chat_id, []).append(
                Send(
                    sub.chat_id,
                    "🚨 " + summaries.incident_detail(incident),
                    summaries.action_buttons(incident),
                )  # fmt: skip
            )
    return out
