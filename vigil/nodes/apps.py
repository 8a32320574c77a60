from django.apps import AppConfig


class NodesConfig(AppConfig):
    name = "vigil.nodes"
    label = "nodes"

    def ready(self):
        from vigil.nodes import checks, receivers  # noqa: F401 - system checks, signal receivers
