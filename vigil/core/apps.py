from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vigil.core"
    label = "core"
    verbose_name = "Vigil core"

    def ready(self) -> None:
        from vigil.core import (
            checks,  # noqa: F401  (registers the system checks)
            outage,  # noqa: F401  (hears the database come back)
        )
