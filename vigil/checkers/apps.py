from django.apps import AppConfig


class CheckersConfig(AppConfig):
    name = "vigil.checkers"
    label = "checkers"
