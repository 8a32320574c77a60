from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "vigil.notify"
    label = "notify"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from vigil.notify import checks  # noqa: F401  (registers the system checks)
