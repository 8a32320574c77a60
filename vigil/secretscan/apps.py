from django.apps import AppConfig


class SecretscanConfig(AppConfig):
    name = "vigil.secretscan"
    label = "secretscan"
    verbose_name = "Secret scanning"

    def ready(self):
        from vigil.secretscan import checks  # noqa: F401 - registers the system checks
