"""The audit log: every sign-in, failure, logout and refresh reuse, and admins' changes
to users and keys. Django's own login signals feed it, so the admin's sign-ins are
recorded too."""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from vigil.accounts.models import AuditEvent
from vigil.core.clientip import client_ip

logger = logging.getLogger(__name__)

Kind = AuditEvent.Kind


def record(event: str, request=None, *, username: str = "", user=None, actor: str = "", **detail):
    entry = AuditEvent.objects.create(
        event=event,
        username=(username or getattr(user, "username", ""))[:150],
        user=user,
        actor=actor[:200],
        ip=client_ip(request)[:64] if request is not None else "",
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
        detail=detail,
    )
    logger.info("audit %s user=%s ip=%s", event, entry.username, entry.ip)
    return entry


@receiver(user_logged_in, dispatch_uid="vigil.accounts.audit.login")
def _logged_in(sender, request, user, **kwargs):
    record(Kind.LOGIN, request, user=user, via=kwargs.get("via", "admin"))


@receiver(user_login_failed, dispatch_uid="vigil.accounts.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django hands over the credentials with the password already masked.
    record(Kind.LOGIN_FAILED, request, username=str(credentials.get("username", "")))
