from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "vigil.console"
    label = "console"
    verbose_name = "Vigil console"
