from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "vigil.notify"
    label = "notify"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from vigil.notify import checks  # noqa: F401  (registers the system checks)
        from vigil.notify.models import NotificationChannel
        from vigil.notify.services import forget_channels

        for signal in (post_save, post_delete):
            signal.connect(forget_channels, sender=NotificationChannel, dispatch_uid="notify")
