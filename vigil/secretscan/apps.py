from django.apps import AppConfig


class SecretscanConfig(AppConfig):
    name = "vigil.secretscan"
    label = "secretscan"
    verbose_name = "Secret scanning"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from vigil.core.signals import api_key_refused
        from vigil.secretscan import checks, watch  # noqa: F401 - registers the system checks

        # The console's JWT sign-in and the admin both go through authenticate().
        user_login_failed.connect(watch.on_login_failed, dispatch_uid="secretscan.login_failed")
        api_key_refused.connect(watch.on_api_key_refused, dispatch_uid="secretscan.api_key")
