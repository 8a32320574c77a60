from django.apps import AppConfig


class CheckersConfig(AppConfig):
    name = "vigil.checkers"
    label = "checkers"

    def ready(self):
        from vigil.checkers import checks  # noqa: F401 - registers the system checks
