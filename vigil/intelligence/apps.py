from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "vigil.intelligence"
    label = "intelligence"
