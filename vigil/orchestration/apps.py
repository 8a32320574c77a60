from django.apps import AppConfig


class OrchestrationConfig(AppConfig):
    name = "vigil.orchestration"
    label = "orchestration"
