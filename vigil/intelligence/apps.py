from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "vigil.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence"

    def ready(self) -> None:
        from vigil.intelligence import checks  # noqa: F401  (registers the system checks)
