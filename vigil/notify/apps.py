from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "vigil.notify"
    label = "notify"
