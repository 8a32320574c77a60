from django.apps import AppConfig


class SecretscanConfig(AppConfig):
    name = "vigil.secretscan"
    label = "secretscan"
