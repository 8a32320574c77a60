from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "vigil.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from vigil.intelligence import checks  # noqa: F401  (registers the system checks)
        from vigil.intelligence.models import IntelligenceProvider
        from vigil.intelligence.services import forget_active_provider

        for signal in (post_save, post_delete):
            signal.connect(
                forget_active_provider, sender=IntelligenceProvider, dispatch_uid="intelligence"
            )
