from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "vigil.alerts"
    label = "alerts"
    verbose_name = "Alerts and incidents"

    def ready(self) -> None:
        from vigil.alerts import checks  # noqa: F401  (registers the system checks)
